import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type DataLoader from 'dataloader';
import type { MixedList, ObjectLiteral } from 'typeorm';
import { AGENCY_KEYS, AGENCY_PREFIX, AGENCY_SUBGRAPH, type AgencyCode, type SubgraphName } from '../agencies';
import type { AuditWriter } from '../access/audit';
import type { AgencyPolicy, ConsentGrant } from '../access/policy';
import type { PlatformConfig } from '../config';
import type { SubgraphDatabase } from '../db/dataSource';
import type { RecordKind } from '../db/upsert';
import type { ListKey } from '../loaders';
import type { Logger } from '../logger';
import type { SubgraphContext, SubgraphService } from '../graphql/subgraphService';
import type { Protection } from './protection';
import type { WebhookDispatcher } from './notifications/dispatcher';
import type { RecordEventDeclaration } from './notifications/events';
import type { LocalConvener } from './teamMemberships';

/** One record type of an agency, with its GraphQL names. */
export interface AgencyKind extends RecordKind {
  /** GraphQL object type, e.g. `ChildWelfarePlacement`. */
  typename: string;
  /** Value of the agency's `…RecordKind` enum, e.g. `PLACEMENT`. */
  kindEnum: string;
  /** Mutation names for one record and for a batch. */
  upsertOne: string;
  upsertMany: string;
  /** What one record and many are called in the generated mutations' descriptions.
   *  @default the words of the kind's name and plural, lower case (`homelessness episode(s)`) */
  label?: { one: string; many: string };
  /** Field of the agency's section of `Child` listing these records (by `personId`). */
  sectionField?: string;
  /** Entity property that points at the agency's person record. @default 'personId'
   *  `null` for records that are not about a child (a provider, a school, an officer): they are
   *  directory data, readable by any authenticated viewer, and never part of a child's section. */
  personProperty?: string | null;
  /** The policy category of a record of this kind (a function where it depends on the record,
   *  e.g. substance-use episodes). The person kind is always IDENTITY. */
  category?: string | ((row: ObjectLiteral) => string);
  /** Fields governed by a category of their own (e.g. a case's `narrative`): null unless that
   *  category is permitted too. */
  fieldCategories?: Record<string, string>;
  /** Extra list fields on this type: field name → (kind typename, property on that kind pointing here). */
  children?: Record<string, { kind: string; property: string }>;
  /** Extra single-record fields: field name → (kind typename, property on this kind holding its id). */
  references?: Record<string, { kind: string; property: string }>;
}

/** Everything that differs between agency subgraphs: the kit builds the rest (names follow the
 *  agency's, agencyNames; the consent and audit tables and the shared migrations are added by
 *  agencyMigrations). */
export interface AgencySubgraphSpec {
  agency: AgencyCode;
  /** Absolute path of the subgraph's `schema.graphql`. */
  schemaFile: string;
  entities: MixedList<Function>;
  /** The agency's own migrations (its record tables). */
  migrations: MixedList<Function>;
  /** The agency's person record kind (its section's `records`). */
  person: AgencyKind;
  /** Every other record kind. */
  kinds: AgencyKind[];
  /** Who the agency protects (VAWA, 42 CFR Part 2, sealed adoptions): person properties, read
   *  as SQL and on rows alike (protection.ts). Omitted: nobody beyond the policy. */
  protects?: Protection;
  /** The agency's consent rules. Omitted: own staff only (foundation default). */
  policy?: AgencyPolicy;
  /** The fact this agency lends other agencies' policies (its Child field is LENT_FACTS[agency]):
   *  SQL returning `person_id` of the records for which it holds ($1 is the array of person ids). */
  providesFact?: { sql: string };
  /** Whether the agency convenes Child and Family Teams (the team module: its tables, queries and
   *  writes, and the membership it lends every holder's policy). Only the agencies of
   *  TEAM_CONVENERS (child welfare, probation) may. */
  teams?: boolean;
  /** The table of the agency's own meeting records a team meeting may link (child welfare's
   *  CFT meetings: `cft_meeting`); omitted: none. */
  teamMeetingRecords?: string;
  /** The policy category that decides who hears of a change in one of its teams' membership
   *  (TEAM_MEMBERSHIP_CHANGED webhooks). @default 'IDENTITY' */
  teamEventCategory?: string;
  /** How each fact of the agency's aggregate catalogue (AGGREGATE_FACTS[agency]) is read from its
   *  tables: SQL returning `person_id, start_date, end_date` (an event's end is its start or null;
   *  an open spell's is null). Which of them leave is the policy's `aggregates`. */
  aggregateFacts?: Record<string, string>;
  /** The events the agency announces to webhook subscribers (notifications/events.ts): which
   *  written record kind, under which condition, produces which event. Omitted: none but those its
   *  code enqueues (enqueueEvent). */
  events?: RecordEventDeclaration[];
  /** More resolvers, merged over the generated ones. */
  extraResolvers?: (db: SubgraphDatabase) => GraphQLResolverMap<AgencyContext>;
}

/** The names an agency's subgraph goes by, all derived from its code. */
export function agencyNames(agency: AgencyCode) {
  const key = AGENCY_KEYS[agency];
  const prefix = AGENCY_PREFIX[agency];
  return {
    /** Service name, e.g. `child-welfare`. */
    subgraph: AGENCY_SUBGRAPH[agency] as SubgraphName,
    /** Field and argument stem, e.g. `childWelfare` (`Child.childWelfare`, `childWelfareConsents`). */
    key,
    /** Type stem, e.g. `ChildWelfare` (`recordChildWelfareConsent`). */
    prefix,
    /** GraphQL type of the agency's section of Child, e.g. `ChildWelfareSection`. */
    sectionTypename: `${prefix}Section`,
    /** Query field of the record lookup, e.g. `childWelfareRecord`. */
    recordQueryField: `${key}Record`,
    /** Query field of the person feed, e.g. `childWelfarePersonFeed`. */
    feedQueryField: `${key}PersonFeed`,
  };
}
export type AgencyNames = ReturnType<typeof agencyNames>;

/** The policy category of a row of `kind` (the person kind's is always IDENTITY). */
export const categoryOf =
  (spec: Pick<AgencySubgraphSpec, 'person'>, kind: AgencyKind) =>
  (row: ObjectLiteral): string =>
    kind === spec.person
      ? 'IDENTITY'
      : typeof kind.category === 'function'
        ? kind.category(row)
        : (kind.category ?? 'IDENTITY');

export type AgencyLoaders = Record<string, DataLoader<string, ObjectLiteral[]>> & {
  person: DataLoader<string, ObjectLiteral | null>;
  /** The person records a decision is about with their active consents (primes person, consents). */
  access: DataLoader<string, { person: ObjectLiteral | null; grants: ConsentGrant[] }>;
  /** Every list of the section (by `SectionList.part`) of any linked records: one statement a batch. */
  sections: DataLoader<ListKey, ObjectLiteral[], string>;
  consents: DataLoader<string, ConsentGrant[]>;
  audit: AuditWriter;
  /** Whether the fact this agency lends holds for each person record (when it lends one). */
  facts?: DataLoader<string, boolean>;
  /** A convener's teams of each person record of which the request's viewer is a current
   *  professional member (when it convenes teams). */
  teamMemberships?: DataLoader<string, string[]>;
};
export type AgencyContext = SubgraphContext<AgencyLoaders>;

export interface CreateAgencyOptions {
  config: PlatformConfig;
  databaseUrl: string;
  logger?: Logger;
  /** The child index's GraphQL URL, told at once when a write withdraws or protects a person
   *  record (or set later with `setIndexUrl`). @default config.subgraphUrls['child-index'] */
  indexUrl?: string;
  /** The conveners' (TEAM_CONVENERS) GraphQL URLs, asked of a viewer's team memberships at decision
   *  time (or set later with `setSubgraphUrls`). @default from config.subgraphUrls */
  convenerUrls?: Partial<Record<AgencyCode, string>>;
}

/** An agency subgraph: a subgraph service that also tells the child index of withdrawn records. */
export interface AgencySubgraphService extends SubgraphService {
  /** The agency's webhook delivery worker (polls on its own; `runOnce` for a pass now). */
  dispatcher: WebhookDispatcher;
  /** Where the child index answers (known once it listens: an ephemeral port in tests). */
  setIndexUrl(url: string | undefined): void;
  /** Where the other subgraphs answer (the conveners are asked of team memberships there), and
   *  those served in this process (called through their request listeners, no socket). */
  setSubgraphUrls(
    urls: Partial<Record<SubgraphName, string>>,
    local?: Partial<Record<SubgraphName, LocalConvener>>,
  ): void;
}

/** The foundation default: every category visible to the holder's own staff only. */
export function ownAgencyOnly(agency: AgencyCode): AgencyPolicy {
  return {
    agency,
    categories: [
      {
        category: 'IDENTITY',
        description: 'Who the person is.',
        allow: [],
        revealExistence: true,
        howToGetAccess: `Ask ${agency}.`,
      },
    ],
  };
}

/** A record kind's GraphQL names, derived from the agency and the kind's own name (`Client` →
 *  `BehavioralHealthClient`, enum `CLIENT`, `upsertBehavioralHealthClient(s)`); `plural` where
 *  English wants another plural than an `s` (`Diagnoses`). */
export function kindNames(agency: AgencyCode, name: string, plural = `${name}s`) {
  const prefix = AGENCY_PREFIX[agency];
  return {
    typename: `${prefix}${name}`,
    kindEnum: name.replace(/(?<=[a-z])(?=[A-Z])/g, '_').toUpperCase(),
    upsertOne: `upsert${prefix}${name}`,
    upsertMany: `upsert${prefix}${plural}`,
  };
}
