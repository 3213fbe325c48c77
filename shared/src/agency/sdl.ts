import { AGENCY_PREFIX } from '../agencies';
import { subgraphSdl } from '../graphql/schema';
import { agencyNames, type AgencyKind, type AgencySubgraphSpec } from './spec';

/**
 * The SDL an agency subgraph serves: the shared and generated parts every subgraph has
 * (subgraphSdl: common types, the agency's consent, audit and fact fields), its own
 * `schema.graphql` (record types and their inputs), and its upsert mutations, generated here from
 * its kinds: a kind added to kinds.ts gets its two mutations without a line of SDL (its type and
 * its input, `<Type>Input`, are written in schema.graphql). The subgraph serves this SDL and
 * `npm run compose` builds the supergraph from the same.
 */
export function agencySdl(
  spec: Pick<AgencySubgraphSpec, 'agency' | 'schemaFile' | 'person' | 'kinds'>,
): string {
  return `${subgraphSdl(spec.schemaFile, agencyNames(spec.agency).subgraph)}\n${upsertSdl(spec)}`;
}

/** The agency's `Mutation` type: one upsert of one record and one of a batch, for every kind. */
export function upsertSdl(spec: Pick<AgencySubgraphSpec, 'agency' | 'person' | 'kinds'>): string {
  const prefix = AGENCY_PREFIX[spec.agency];
  const who = `${words(prefix)} integration accounts and data stewards only`;
  const fields = [spec.person, ...spec.kinds].flatMap((kind) => {
    const { one, many } = labelOf(spec.agency, kind);
    return [
      `  "Creates or updates one ${one}${parentsMustExist(spec.agency, kind)} (${who})."`,
      `  ${kind.upsertOne}("The record." record: ${kind.typename}Input!): Upserted${prefix}Record!`,
      `  "Creates or updates a batch of ${many} (${who})."`,
      `  ${kind.upsertMany}("The records." records: [${kind.typename}Input!]!): UpsertResult!`,
    ];
  });
  return `
"""
Writes. Agency upserts are idempotent, keyed by (sourceSystem, externalId): re-sending a record
updates it, never duplicates it. Single forms fail with BAD_USER_INPUT listing every field problem
and write nothing; batch forms (at most 1000 rows) store the valid rows and list the rejected ones.
Parents are written before the records naming them. Only the holding agency's integration
accounts and data stewards write its records.
"""
type Mutation {
${fields.join('\n')}
}
`;
}

/** `HomelessnessEpisode` → `homelessness episode`. */
const words = (name: string) => name.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();

/** What a record of the kind is called in a description: its `label`, or its name's words. */
export function labelOf(
  agency: AgencySubgraphSpec['agency'],
  kind: AgencyKind,
): { one: string; many: string } {
  if (kind.label) return kind.label;
  const stem = `upsert${AGENCY_PREFIX[agency]}`;
  return { one: words(kind.upsertOne.slice(stem.length)), many: words(kind.upsertMany.slice(stem.length)) };
}

/** `; its person record (and case, when named) must exist`, from the kind's parents. */
function parentsMustExist(agency: AgencySubgraphSpec['agency'], kind: AgencyKind): string {
  const label = (p: NonNullable<AgencyKind['parents']>[number]) =>
    labelOf(agency, p.kind() as AgencyKind).one;
  const required = (kind.parents ?? []).filter((p) => p.required).map(label);
  const optional = (kind.parents ?? []).filter((p) => !p.required).map(label);
  const and = (xs: string[]) => xs.join(' and ');
  if (required.length)
    return `; its ${and(required)}${optional.length ? ` (and ${and(optional)}, when named)` : ''} must exist`;
  return optional.length ? `; its ${and(optional)} must exist when named` : '';
}
