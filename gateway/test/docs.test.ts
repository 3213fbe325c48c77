import fs from 'node:fs';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType } from 'graphql';
import { apiSchema } from '../src/apiSchema';
import { DOCS_FILE, renderDocs } from '../../scripts/docs';

/** The API reference partner developers read: complete, and current with the committed supergraph. */
describe('API reference (npm run docs)', () => {
  it('describes every type, field, argument and enum value clients can reach', () => {
    const schema = apiSchema();
    const missing: string[] = [];
    for (const t of Object.values(schema.getTypeMap())) {
      if (t.name.startsWith('__') || (isScalarType(t) && t.specifiedByURL === undefined && !t.astNode))
        continue;
      if (!t.description?.trim()) missing.push(t.name);
      if (isObjectType(t) || isInterfaceType(t) || isInputObjectType(t))
        for (const f of Object.values(t.getFields())) {
          if (!f.description?.trim()) missing.push(`${t.name}.${f.name}`);
          for (const a of 'args' in f ? f.args : [])
            if (!a.description?.trim()) missing.push(`${t.name}.${f.name}(${a.name})`);
        }
      if (isEnumType(t))
        for (const v of t.getValues()) if (!v.description?.trim()) missing.push(`${t.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('docs/schema.md is what `npm run docs` writes from the committed supergraph', () => {
    expect(fs.readFileSync(DOCS_FILE, 'utf8')).toBe(renderDocs());
  });
});
