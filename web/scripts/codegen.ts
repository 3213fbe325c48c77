/**
 * `npm run codegen -w web` (or `--check`): the app's typed operations, from the committed supergraph.
 *
 * 1. The client's schema is the supergraph's API schema (what the gateway serves: no join
 *    directives, no federation internals), written to `web/schema.graphql`.
 * 2. GraphQL Code Generator's client preset reads every `graphql(…)` document under `web/src` and
 *    writes `web/src/gql/` (types and typed document nodes).
 *
 * Both outputs are committed, so a typecheck needs no codegen; `--check` regenerates in memory
 * and exits 1 naming every file that differs (web/test/codegen.test.ts runs it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { apiSchemaSdl, SCHEMA_FILE, WEB } from './apiSchema';

const OUT_DIR = path.join(WEB, 'src', 'gql');

/** Every generated file (absolute path → content), not written. */
export async function generatedFiles(schemaSdl: string): Promise<Map<string, string>> {
  const files = await generate(
    {
      schema: schemaSdl,
      documents: [path.join(WEB, 'src/**/*.{ts,tsx}'), `!${OUT_DIR}/**`],
      silent: true,
      generates: {
        [`${OUT_DIR}/`]: {
          preset: 'client',
          presetConfig: { fragmentMasking: false },
          config: { enumsAsTypes: true, useTypeImports: true, onlyOperationTypes: true },
        },
      },
    },
    false,
  );
  const out = new Map<string, string>([[SCHEMA_FILE, schemaSdl]]);
  for (const f of files) out.set(path.resolve(f.filename), f.content);
  return out;
}

async function main() {
  const check = process.argv.includes('--check');
  const files = await generatedFiles(apiSchemaSdl());
  const stale = [...files].filter(
    ([file, content]) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== content,
  );
  const present = fs.existsSync(OUT_DIR) ? fs.readdirSync(OUT_DIR).map((f) => path.join(OUT_DIR, f)) : [];
  const extra = present.filter((f) => !files.has(f));
  if (check) {
    if (stale.length || extra.length) {
      const names = [...stale.map(([f]) => f), ...extra].map((f) => path.relative(WEB, f));
      console.error(`generated files out of date (run npm run codegen -w web): ${names.join(', ')}`);
      process.exit(1);
    }
    console.log(`generated files up to date (${files.size})`);
    return;
  }
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const f of extra) fs.rmSync(f);
  for (const [file, content] of stale) fs.writeFileSync(file, content);
  console.log(`codegen: ${stale.length} of ${files.size} files written`);
}

if (require.main === module)
  void main().catch((e) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  });
