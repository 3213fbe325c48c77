import {
  Kind,
  type DocumentNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  type ObjectTypeDefinitionNode,
  type TypeNode,
} from 'graphql';
import type { EntityMetadata } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { agencyNames, inputColumns, type AgencyKind, type AgencySubgraphSpec } from '@wholechild/shared';

/**
 * The rules that tie one agency record kind's four declarations together: `kinds.ts` (the kind),
 * its TypeORM entity, its table as the migrations leave it, and its SDL type and input. The kit
 * builds resolvers and upserts from the kind and the entity alone and trusts the table and the SDL
 * to agree with them; a field added in one place and not in the others breaks a read or a write
 * at run time. Each function returns the disagreements as sentences naming where a field is
 * missing, so a failing test says what to add.
 *
 * Mapping rules (derived, not listed per field):
 * - entity property `camelCase` ↔ column `snake_case` (the SnakeNamingStrategy; an explicit
 *   `@Column({ name })` wins, e.g. `relationshipToHoH` ↔ `relationship_to_hoh`);
 * - a column the application never writes (`insert: false, update: false`: `changeSeq`,
 *   `createdAt`, `updatedAt`, behavioral health's trigger-kept `part2Protected`) is kept by the
 *   database: never sent in an input, and shown in the SDL type only if the agency chooses to;
 * - SDL type fields = the entity's other columns, less the ids of parent records (a kind's
 *   `parents` and its person property), plus the kind's `children` (lists) and `references` (the
 *   parent record itself);
 * - SDL input fields = the columns an upsert writes (`inputColumns`, as the upsert itself reads
 *   them, less those kept by the database) plus each parent's `…ExternalId`; an input field is
 *   non-null exactly when its column is NOT NULL without a default, or the parent is required.
 * No field is excepted by name: every agency's kinds follow these rules as they stand.
 */

/** A column the database keeps (a trigger or a default): the application never writes it. */
export const keptByDatabase = (col: ColumnMetadata) => !col.isInsert && !col.isUpdate;

/** TypeORM column type → PostgreSQL's `information_schema.columns.data_type`. */
const PG_TYPES: Record<string, string> = {
  varchar: 'character varying',
  text: 'text',
  date: 'date',
  int: 'integer',
  integer: 'integer',
  smallint: 'smallint',
  bigint: 'bigint',
  boolean: 'boolean',
  uuid: 'uuid',
  timestamptz: 'timestamp with time zone',
  'double precision': 'double precision',
  numeric: 'numeric',
  real: 'real',
};

/** TypeORM column type → the GraphQL scalar that carries it (dates travel as YYYY-MM-DD strings). */
const GRAPHQL_SCALARS: Record<string, string> = {
  varchar: 'String',
  text: 'String',
  date: 'String',
  int: 'Int',
  integer: 'Int',
  smallint: 'Int',
  boolean: 'Boolean',
  'double precision': 'Float',
  numeric: 'Float',
  real: 'Float',
  uuid: 'ID',
};

/** One column of a table as `information_schema.columns` describes it. */
export interface TableColumn {
  column_name: string;
  data_type: string;
  character_maximum_length: number | null;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
}

/** Where a record kind's four declarations are, for the sentences. */
export interface KindPlaces {
  kind: AgencyKind;
  meta: EntityMetadata;
  /** The kind's table's columns in the migrated database (empty when the table is missing). */
  table: TableColumn[];
  sdl: DocumentNode;
}

const typeString = (t: TypeNode): string =>
  t.kind === Kind.NON_NULL_TYPE
    ? `${typeString(t.type)}!`
    : t.kind === Kind.LIST_TYPE
      ? `[${typeString(t.type)}]`
      : t.name.value;

/** The fields of an object or input type of the SDL (name → GraphQL type), or null if absent. */
export function sdlFields(doc: DocumentNode, typename: string): Map<string, string> | null {
  const def = doc.definitions.find(
    (d) =>
      (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) &&
      d.name.value === typename,
  );
  if (!def || !('fields' in def)) return null;
  const fields = (def.fields ?? []) as ReadonlyArray<FieldDefinitionNode | InputValueDefinitionNode>;
  return new Map(fields.map((f) => [f.name.value, typeString(f.type)]));
}

/** Entity ↔ table: the table exists, and every column agrees in name, type, length and
 *  nullability both ways. */
export function compareEntityWithTable({ kind, meta, table }: KindPlaces): string[] {
  const where = `${kind.typename} (entity ${meta.targetName}, table ${meta.tableName})`;
  if (!table.length) return [`${where}: the migrations create no table ${meta.tableName}`];
  const out: string[] = [];
  const byName = new Map(table.map((c) => [c.column_name, c]));
  for (const col of meta.columns) {
    const db = byName.get(col.databaseName);
    const type = String(col.type);
    if (!db) {
      out.push(`${where}: ${col.propertyName} is in the entity but the table has no ${col.databaseName}`);
      continue;
    }
    if (PG_TYPES[type] !== db.data_type)
      out.push(`${where}: ${col.databaseName} is ${type} in the entity, ${db.data_type} in the table`);
    if (col.length && Number(col.length) !== db.character_maximum_length)
      out.push(
        `${where}: ${col.databaseName} is ${type}(${col.length}) in the entity, (${db.character_maximum_length}) in the table`,
      );
    if (col.isNullable !== (db.is_nullable === 'YES'))
      out.push(
        `${where}: ${col.databaseName} is ${col.isNullable ? 'nullable' : 'NOT NULL'} in the entity, not in the table`,
      );
    // the upsert treats a column with a default as optional: the table must supply that default
    if (col.default !== undefined && db.column_default === null)
      out.push(`${where}: ${col.databaseName} has a default in the entity, none in the table`);
  }
  const known = new Set(meta.columns.map((c) => c.databaseName));
  for (const c of table)
    if (!known.has(c.column_name))
      out.push(`${where}: the table has ${c.column_name} but the entity has no column for it`);
  return out;
}

/** The entity properties that hold another record's id: the kind's parents and its person. */
function parentIdProperties(kind: AgencyKind): Set<string> {
  const ids = new Set((kind.parents ?? []).map((p) => p.property));
  if (kind.personProperty) ids.add(kind.personProperty);
  return ids;
}

/** Entity + kind ↔ SDL object type: every shown column, child list and reference, and no more. */
export function compareEntityWithSdlType({ kind, meta, sdl }: KindPlaces): string[] {
  const fields = sdlFields(sdl, kind.typename);
  if (!fields) return [`${kind.typename}: the SDL has no type ${kind.typename}`];
  const out: string[] = [];
  const expected = new Map<string, string>();
  const hidden = parentIdProperties(kind);
  const optional = new Set<string>();
  for (const col of meta.columns) {
    if (keptByDatabase(col)) optional.add(col.propertyName);
    if (keptByDatabase(col) || hidden.has(col.propertyName)) continue;
    const scalar = GRAPHQL_SCALARS[String(col.type)] ?? `(no scalar for ${String(col.type)})`;
    expected.set(col.propertyName, col.propertyName === 'id' ? 'ID!' : scalar);
  }
  for (const [field, child] of Object.entries(kind.children ?? {})) expected.set(field, `[${child.kind}!]!`);
  for (const [field, ref] of Object.entries(kind.references ?? {})) {
    const parent = (kind.parents ?? []).find((p) => p.property === ref.property);
    // a required parent is always there: the SDL may promise it (non-null)
    expected.set(field, parent?.required ? `${ref.kind}!` : ref.kind);
  }
  for (const [field, type] of expected) {
    const shown = fields.get(field);
    if (shown === undefined)
      out.push(`${kind.typename}.${field}: in the ${where(kind, field)} but not in the SDL type`);
    else if (shown !== type && shown !== type.replace(/!$/, ''))
      out.push(`${kind.typename}.${field}: ${type} expected in the SDL type, found ${shown}`);
  }
  for (const field of fields.keys())
    if (!expected.has(field) && !optional.has(field))
      out.push(
        `${kind.typename}.${field}: in the SDL type but neither a column of entity ${meta.targetName} nor a child list or reference of the kind`,
      );
  return out;
}

const where = (kind: AgencyKind, field: string) =>
  field in (kind.children ?? {})
    ? `kind's children`
    : field in (kind.references ?? {})
      ? `kind's references`
      : 'entity';

/** Entity + kind ↔ SDL input: what the upsert reads is what the input takes, required alike. */
export function compareEntityWithSdlInput({ kind, meta, sdl }: KindPlaces): string[] {
  const inputName = `${kind.typename}Input`;
  const fields = sdlFields(sdl, inputName);
  if (!fields) return [`${inputName}: the SDL has no input ${inputName}`];
  const out: string[] = [];
  const expected = new Map<string, string>();
  for (const col of inputColumns(meta, kind).filter((c) => !keptByDatabase(c))) {
    const scalar = GRAPHQL_SCALARS[String(col.type)] ?? `(no scalar for ${String(col.type)})`;
    const required = !col.isNullable && col.default === undefined;
    expected.set(col.propertyName, required ? `${scalar}!` : scalar);
  }
  for (const p of kind.parents ?? []) expected.set(p.input, p.required ? 'String!' : 'String');
  for (const [field, type] of expected) {
    const taken = fields.get(field);
    if (taken === undefined)
      out.push(
        `${inputName}.${field}: the upsert writes it (entity ${meta.targetName}${field.endsWith('ExternalId') ? ', kind parents' : ''}) but the SDL input lacks it`,
      );
    else if (taken !== type)
      out.push(`${inputName}.${field}: ${type} expected in the SDL input, found ${taken}`);
  }
  for (const field of fields.keys())
    if (!expected.has(field))
      out.push(
        `${inputName}.${field}: in the SDL input but the upsert ignores it (no column of entity ${meta.targetName}, no parent of the kind)`,
      );
  return out;
}

/** The agency's names for its kinds in the SDL: the lookup enum and union, the section's lists and
 *  the upsert mutations (what the kit wires resolvers to by name). */
export function compareKindsWithSdlNames(
  spec: Pick<AgencySubgraphSpec, 'agency' | 'person' | 'kinds'>,
  prefix: string,
  sdl: DocumentNode,
): string[] {
  const { sectionTypename, recordQueryField } = agencyNames(spec.agency);
  const all = [spec.person, ...spec.kinds];
  const out: string[] = [];
  const same = (what: string, declared: string[], inSdl: string[] | null) => {
    if (!inSdl) {
      out.push(`${what}: missing from the SDL`);
      return;
    }
    for (const x of declared) if (!inSdl.includes(x)) out.push(`${what}: ${x} is a kind but not in the SDL`);
    for (const x of inSdl) if (!declared.includes(x)) out.push(`${what}: ${x} is in the SDL but no kind's`);
  };
  const enumDef = sdl.definitions.find(
    (d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === `${prefix}RecordKind`,
  );
  same(
    `enum ${prefix}RecordKind`,
    all.map((k) => k.kindEnum),
    enumDef && 'values' in enumDef ? (enumDef.values ?? []).map((v) => v.name.value) : null,
  );
  const unionName = `${recordQueryField[0]!.toUpperCase()}${recordQueryField.slice(1)}Result`;
  const union = sdl.definitions.find(
    (d) => d.kind === Kind.UNION_TYPE_DEFINITION && d.name.value === unionName,
  );
  same(
    `union ${unionName}`,
    [...all.map((k) => k.typename), 'Restricted'],
    union && 'types' in union ? (union.types ?? []).map((t) => t.name.value) : null,
  );
  const section = sdlFields(sdl, sectionTypename);
  same(
    `type ${sectionTypename}`,
    [
      'restricted',
      'notices',
      'records',
      ...spec.kinds.flatMap((k) => (k.sectionField ? [k.sectionField] : [])),
    ],
    section ? [...section.keys()] : null,
  );
  const mutation = sdl.definitions.find(
    (d): d is ObjectTypeDefinitionNode =>
      d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Mutation',
  );
  const mutations = new Map(
    (mutation?.fields ?? []).map((f) => [
      f.name.value,
      `(${(f.arguments ?? []).map((a) => `${a.name.value}: ${typeString(a.type)}`).join(', ')}): ${typeString(f.type)}`,
    ]),
  );
  for (const k of all) {
    const want = {
      [k.upsertOne]: `(record: ${k.typename}Input!): Upserted${prefix}Record!`,
      [k.upsertMany]: `(records: [${k.typename}Input!]!): UpsertResult!`,
    };
    for (const [name, signature] of Object.entries(want)) {
      const found = mutations.get(name);
      if (found !== signature)
        out.push(
          `Mutation.${name}${signature}: ${found ? `the SDL has ${name}${found}` : 'missing from the SDL'}`,
        );
    }
  }
  return out;
}

/** Kind ↔ entity: every field the kind's rules name (enums, ranges, parents, child lists,
 *  references) is a column where the kind says it is; a rule naming no column checks nothing. */
export function compareKindWithEntity(places: KindPlaces, all: KindPlaces[]): string[] {
  const { kind, meta } = places;
  const out: string[] = [];
  const columnsOf = (m: EntityMetadata) => new Set(m.columns.map((c) => c.propertyName));
  const own = columnsOf(meta);
  const written = new Set(inputColumns(meta, kind).map((c) => c.propertyName));
  for (const [rule, fields] of [
    ['enums', Object.keys(kind.enums ?? {})],
    ['ranges', Object.keys(kind.ranges ?? {})],
  ] as const)
    for (const f of fields)
      if (!written.has(f)) out.push(`${kind.typename}: ${rule}.${f} names no column the upsert writes`);
  for (const p of kind.parents ?? [])
    if (!own.has(p.property))
      out.push(`${kind.typename}: parent ${p.input} is stored in ${p.property}, not a column`);
  if (kind.personProperty && !own.has(kind.personProperty))
    out.push(`${kind.typename}: personProperty ${kind.personProperty} is not a column`);
  for (const [field, ref] of Object.entries(kind.references ?? {}))
    if (!own.has(ref.property))
      out.push(`${kind.typename}.${field}: references ${ref.property}, not a column`);
  for (const [field, child] of Object.entries(kind.children ?? {})) {
    const target = all.find((p) => p.kind.typename === child.kind);
    if (!target) out.push(`${kind.typename}.${field}: lists ${child.kind}, which is no kind of the agency`);
    else if (!columnsOf(target.meta).has(child.property))
      out.push(`${kind.typename}.${field}: lists ${child.kind} by ${child.property}, not a column of it`);
  }
  return out;
}
