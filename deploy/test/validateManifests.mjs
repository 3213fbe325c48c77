// Validates Kubernetes objects against the Kubernetes API's schemas (kubernetes-models, which is ESM
// only: jest's module sandbox cannot import it, so deployment.test.ts runs this as a child process).
// stdin: a JSON array of objects; stdout: a JSON array of { index, kind, name, error } (an error of
// null when the object is valid; `unknown kind` when the models have no such apiVersion and kind).
import { readFileSync } from 'node:fs';

const objects = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const [index, o] of objects.entries()) {
  const name = o?.metadata?.name ?? null;
  let Model;
  try {
    Model = (await import(`kubernetes-models/${o.apiVersion}`))[o.kind];
  } catch {
    Model = undefined;
  }
  if (typeof Model !== 'function') {
    results.push({ index, kind: o?.kind ?? null, name, error: `unknown kind ${o?.apiVersion}/${o?.kind}` });
    continue;
  }
  try {
    new Model(o).validate();
    results.push({ index, kind: o.kind, name, error: null });
  } catch (e) {
    results.push({ index, kind: o.kind, name, error: e instanceof Error ? e.message : String(e) });
  }
}
process.stdout.write(JSON.stringify(results));
