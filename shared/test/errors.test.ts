import fs from 'node:fs';
import path from 'node:path';
import { errorCodes, KNOWN_RESPONSE_CODES } from '../src/errors';

const ROOT = path.join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

describe('error catalogue', () => {
  const files = [
    ...sourceFiles(path.join(ROOT, 'shared', 'src')),
    ...sourceFiles(path.join(ROOT, 'gateway', 'src')),
    ...fs
      .readdirSync(path.join(ROOT, 'subgraphs'))
      .flatMap((s) => sourceFiles(path.join(ROOT, 'subgraphs', s, 'src'))),
  ];

  it('is the only place that constructs a GraphQLError', () => {
    const offenders = files.filter(
      (f) =>
        !f.endsWith(path.join('shared', 'src', 'errors.ts')) &&
        /new GraphQLError\(/.test(fs.readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('defines every code used as errorCodes.X in the source', () => {
    const used = new Set(
      files.flatMap((f) =>
        [...fs.readFileSync(f, 'utf8').matchAll(/errorCodes\.([A-Z_]+)/g)].map((m) => m[1]!),
      ),
    );
    expect([...used].filter((c) => !(c in errorCodes))).toEqual([]);
    expect(used.size).toBeGreaterThanOrEqual(2);
  });

  it('describes each code and lists it as a response code', () => {
    for (const def of Object.values(errorCodes)) {
      expect(def.description.length).toBeGreaterThan(10);
      expect(KNOWN_RESPONSE_CODES.has(def.code)).toBe(true);
      expect(def.err('x').extensions.code).toBe(def.code);
    }
  });
});
