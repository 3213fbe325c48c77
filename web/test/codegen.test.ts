import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { apiSchemaSdl, SCHEMA_FILE } from '../scripts/apiSchema';

const ROOT = path.resolve(__dirname, '../..');

/** The typed operations are committed (a typecheck needs no codegen): they must be what
 *  `npm run codegen` writes from the committed supergraph and the app's documents. */
describe('web codegen', () => {
  it('the committed API schema and generated operations are up to date (codegen --check)', () => {
    // a child process: GraphQL Code Generator's CLI loads ES modules jest's CommonJS cannot
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'web/scripts/codegen.ts', '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout).toMatch(/generated files up to date \(4\)/);
  }, 60_000);

  it('the committed schema is the supergraph’s API schema, and a supergraph change changes it', () => {
    expect(apiSchemaSdl()).toBe(fs.readFileSync(SCHEMA_FILE, 'utf8'));
    const supergraph = fs.readFileSync(path.join(ROOT, 'gateway/supergraph.graphql'), 'utf8');
    const changed = supergraph.replace('searchChildren(', 'searchChildrenRenamed(');
    expect(changed).not.toBe(supergraph);
    expect(apiSchemaSdl(changed)).not.toBe(fs.readFileSync(SCHEMA_FILE, 'utf8'));
  });
});
