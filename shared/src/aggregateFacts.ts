import type { AgencyCode } from './agencies';

/** An event (a date: a referral received) or a spell (a start and an end, open while it lasts: a
 *  placement). */
export type FactShape = 'EVENT' | 'SPELL';

export interface AggregateFact {
  shape: FactShape;
  /** What one fact of this code means, in plain words (README's method section reads these). */
  means: string;
}

/**
 * The facts each agency may contribute to population measures: the contract between an agency's
 * door (which computes them from its own records, shared/src/agency/aggregates.ts) and the child
 * index (which joins them on its links and counts, subgraphs/child-index/src/analytics). Only a
 * code and its dates cross, under a pseudonym, to the index alone; never through the gateway.
 * Which of its codes an agency actually contributes is its policy's `aggregates.contributes`.
 */
export const AGGREGATE_FACTS = {
  CHILD_WELFARE: {
    REFERRAL: { shape: 'EVENT', means: 'a referral of suspected abuse or neglect received (its date)' },
    SUBSTANTIATION: {
      shape: 'EVENT',
      means: 'a referral with at least one substantiated allegation (the referral’s date)',
    },
    CASE: { shape: 'SPELL', means: 'a child welfare case open (opened to closed)' },
    PLACEMENT: {
      shape: 'SPELL',
      means: 'in an out-of-home placement (start to end; a return home to a parent is not one)',
    },
  },
  PROBATION: {
    REFERRAL: { shape: 'EVENT', means: 'a referral to probation (its date)' },
    PETITION: { shape: 'EVENT', means: 'a petition filed (its date)' },
    DISPOSITION: { shape: 'EVENT', means: 'a disposition of the court (its date)' },
    SUPERVISION: { shape: 'SPELL', means: 'under probation supervision (start to end)' },
  },
  BEHAVIORAL_HEALTH: {
    EPISODE: { shape: 'SPELL', means: 'an episode of behavioral health care (start to end)' },
  },
  EDUCATION: {
    ENROLLMENT: { shape: 'SPELL', means: 'enrolled in a school (entry to exit)' },
    CHRONIC_ABSENCE: {
      shape: 'SPELL',
      means: 'chronically absent (10% or more of enrolled days) in a school year (the year’s span)',
    },
  },
  HOUSING: {
    ENROLLMENT: {
      shape: 'SPELL',
      means: 'enrolled in a housing or homeless services project (entry to exit)',
    },
    HOMELESSNESS: { shape: 'SPELL', means: 'homeless (an episode, start to end)' },
  },
} as const satisfies Record<AgencyCode, Record<string, AggregateFact>>;

export type AggregateFactCode<A extends AgencyCode = AgencyCode> = keyof (typeof AGGREGATE_FACTS)[A] & string;

/** The codes of an agency's catalogue. */
export const aggregateFactCodes = (agency: AgencyCode): string[] => Object.keys(AGGREGATE_FACTS[agency]);

/**
 * What an agency's policy lets into population measures (a part of AgencyPolicy). Absent: the
 * agency contributes nothing, and every measure says so.
 */
export interface AggregateUse {
  /** The fact codes (of AGGREGATE_FACTS[agency]) the agency contributes. */
  contributes: readonly string[];
  /** Whether records whose existence the agency protects (42 CFR Part 2, a sealed adoption, a
   *  domestic-violence survivor) are counted, and the law that allows or forbids it. Counted ones
   *  are never published in a cell that could single them out (the disclosure control's rule). */
  protectedRecords: { include: boolean; basis: string };
  /** The law or agreement that allows the agency's aggregate contribution at all. */
  basis: string;
}
