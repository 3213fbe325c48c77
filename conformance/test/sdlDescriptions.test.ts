import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, type DocumentNode } from 'graphql';
import { AGENCY_PREFIX, AGENCY_SUBGRAPH, SUBGRAPH_NAMES, type AgencyCode } from '@wholechild/shared';
import { servedSdl } from '../../scripts/services';

/**
 * The SDL is the platform's manual: an agency's IT team reads GraphiQL's docs to load its records,
 * a caseworker's tool reads them to show a field. Every type, field, argument, input field and
 * enum value of every SDL a subgraph serves carries a description: the seven files (each
 * subgraph's `schema.graphql` and the shared `common.graphql`), and what the kit generates beside
 * them for each agency (consents, audit, lent facts, and the upsert mutations of its kinds).
 */

const ROOT = path.join(__dirname, '..', '..');
const schemaFile = (subgraph: string) => path.join(ROOT, 'subgraphs', subgraph, 'src', 'schema.graphql');
const FILES = [
  path.join(ROOT, 'shared', 'src', 'graphql', 'common.graphql'),
  ...SUBGRAPH_NAMES.map(schemaFile),
];

/** Every element of the document without a description, as `Type`, `Type.field`,
 *  `Type.field(argument)` or `Enum.VALUE`. An extension (`extend type Child`, as the kit generates)
 *  cannot carry a description of its own: its type's definition does; its fields still must. */
const EXTENSIONS = new Set<Kind>([
  Kind.OBJECT_TYPE_EXTENSION,
  Kind.INPUT_OBJECT_TYPE_EXTENSION,
  Kind.ENUM_TYPE_EXTENSION,
  Kind.UNION_TYPE_EXTENSION,
  Kind.INTERFACE_TYPE_EXTENSION,
  Kind.SCALAR_TYPE_EXTENSION,
]);

function undescribed(doc: DocumentNode): string[] {
  const missing: string[] = [];
  for (const def of doc.definitions) {
    if (!('name' in def) || !def.name) continue;
    const name = def.name.value;
    if (!('description' in def && def.description) && !EXTENSIONS.has(def.kind)) missing.push(name);
    for (const f of 'fields' in def ? (def.fields ?? []) : []) {
      if (!f.description) missing.push(`${name}.${f.name.value}`);
      for (const a of 'arguments' in f ? (f.arguments ?? []) : [])
        if (!a.description) missing.push(`${name}.${f.name.value}(${a.name.value})`);
    }
    for (const v of 'values' in def ? (def.values ?? []) : [])
      if (!v.description) missing.push(`${name}.${v.name.value}`);
  }
  return missing;
}

describe('SDL descriptions', () => {
  it('covers the seven SDL files: every subgraph and the common SDL', () => {
    expect(FILES).toHaveLength(7);
    for (const f of FILES) expect(fs.existsSync(f)).toBe(true);
  });

  it.each(FILES.map((f) => [path.relative(ROOT, f), f]))(
    '%s describes every type, field, argument, input field and enum value',
    (_name, file) => {
      expect(undescribed(parse(fs.readFileSync(file, 'utf8')))).toEqual([]);
    },
  );

  it.each(SUBGRAPH_NAMES.map((n) => [n]))(
    'what %s serves (with the generated consent, audit, fact and upsert fields) is described too',
    (subgraph) => {
      expect(undescribed(parse(servedSdl(subgraph)))).toEqual([]);
    },
  );

  it('finds every kind of undescribed element', () => {
    const doc = parse(`
      "described" type A { "x" x(y: Int): Int  z: Int }
      input B { "w" w: Int }
      "E" enum E { "V" V  W }
      union U = A
      extend type A { "q" q: Int  r: Int }`);
    expect(undescribed(doc)).toEqual(['A.x(y)', 'A.z', 'B', 'E.W', 'U', 'A.r']);
  });

  it.each(Object.entries(AGENCY_SUBGRAPH) as Array<[AgencyCode, string]>)(
    "%s prefixes every type it defines with its agency's name (Child and the root types aside)",
    (agency, subgraph) => {
      const prefix = AGENCY_PREFIX[agency];
      const doc = parse(fs.readFileSync(schemaFile(subgraph), 'utf8'));
      const names = doc.definitions.flatMap((d) => ('name' in d && d.name ? [d.name.value] : []));
      const own = names.filter((n) => !['Child', 'Query', 'Mutation'].includes(n));
      expect(own.length).toBeGreaterThan(10);
      expect(own.filter((n) => !n.startsWith(prefix) && n !== `Upserted${prefix}Record`)).toEqual([]);
    },
  );
});
