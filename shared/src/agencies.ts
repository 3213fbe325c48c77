/** The agencies whose systems WholeChild links, as they appear in code (camelCase) and in the
 *  GraphQL `Agency` enum (UPPER_SNAKE). `CHILD_INDEX` is the platform itself. */
export const AGENCIES = ['CHILD_WELFARE', 'BEHAVIORAL_HEALTH', 'PROBATION', 'EDUCATION', 'HOUSING'] as const;
export type AgencyCode = (typeof AGENCIES)[number];
export type PlatformParty = AgencyCode | 'CHILD_INDEX';

export const AGENCY_KEYS: Record<AgencyCode, string> = {
  CHILD_WELFARE: 'childWelfare',
  BEHAVIORAL_HEALTH: 'behavioralHealth',
  PROBATION: 'probation',
  EDUCATION: 'education',
  HOUSING: 'housing',
};

/** Subgraph (service) names, as used in the supergraph and in configuration. */
export const SUBGRAPH_NAMES = [
  'child-index',
  'child-welfare',
  'behavioral-health',
  'probation',
  'education',
  'housing',
] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const AGENCY_SUBGRAPH: Record<AgencyCode, SubgraphName> = {
  CHILD_WELFARE: 'child-welfare',
  BEHAVIORAL_HEALTH: 'behavioral-health',
  PROBATION: 'probation',
  EDUCATION: 'education',
  HOUSING: 'housing',
};

/** PostgreSQL schema that holds a subgraph's tables: one schema per subgraph, nothing shared. */
export function schemaOf(subgraph: SubgraphName): string {
  return subgraph.replace(/-/g, '_');
}

export function isAgency(value: unknown): value is AgencyCode {
  return typeof value === 'string' && (AGENCIES as readonly string[]).includes(value);
}

/** GraphQL type-name prefix of each agency (ChildWelfareSection, recordChildWelfareConsent, …). */
export const AGENCY_PREFIX: Record<AgencyCode, string> = {
  CHILD_WELFARE: 'ChildWelfare',
  BEHAVIORAL_HEALTH: 'BehavioralHealth',
  PROBATION: 'Probation',
  EDUCATION: 'Education',
  HOUSING: 'Housing',
};

/** The fact each lending agency lends other agencies' policies through federation: an internal
 *  Boolean field of Child that the lender resolves (it @requires the record links) and the
 *  borrower @requires in turn. One scalar per fact rather than one object type shared by the
 *  lenders: Hive Gateway's stitcher cannot merge a value type that @requires fields of several
 *  subgraphs return ("Multiple canonical definitions"). */
export const LENT_FACTS: Partial<Record<AgencyCode, { field: string; means: string }>> = {
  CHILD_WELFARE: { field: 'childWelfareOpenCase', means: 'the child has an open case' },
  BEHAVIORAL_HEALTH: {
    field: 'behavioralHealthActiveTreatment',
    means: 'the child is in an active episode of care',
  },
  EDUCATION: { field: 'educationEnrolled', means: 'the child is currently enrolled' },
};

/** The agencies that convene a Child and Family Team (ICPM: child welfare or probation). Every
 *  holder asks each of them, at decision time and with the viewer's own token, of which of its teams
 *  of the child the viewer is a current professional member (agency/teamMemberships.ts). */
export const TEAM_CONVENERS: Partial<Record<AgencyCode, true>> = {
  CHILD_WELFARE: true,
  PROBATION: true,
};

/** The conveners' entries (GraphQL URLs, local listeners) among the subgraphs' (missing ones left out). */
export function convenerUrlsOf<T>(
  byName: Partial<Record<SubgraphName, T | undefined>>,
): Partial<Record<AgencyCode, T>> {
  const out: Partial<Record<AgencyCode, T>> = {};
  for (const a of Object.keys(TEAM_CONVENERS) as AgencyCode[]) {
    const v = byName[AGENCY_SUBGRAPH[a]];
    if (v) out[a] = v;
  }
  return out;
}

export function agencyOfSubgraph(name: SubgraphName): AgencyCode | null {
  return (Object.entries(AGENCY_SUBGRAPH).find(([, n]) => n === name)?.[0] as AgencyCode | undefined) ?? null;
}
