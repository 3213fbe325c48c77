/**
 * What a linkage is told (LinkOptions), what it returns (LinkResult, the LinkIndex it keeps for
 * incremental linking), and the two rule sets: the index's for children (INDEX_LINK_OPTIONS) and
 * plain Fellegi–Sunter for adults (ADULT_LINK_OPTIONS).
 */
import type { BlockIndex, BlockingRule } from './blocking';
import type { Explanation } from './explain';
import type { Guards } from './guards';
import type { Model, WeightOverrides } from './model';
import type { PreparedRecord } from './record';

export interface LinkOptions {
  /** Auto-link threshold (log2 weight). */
  upper?: number;
  /** Review threshold; below it pairs are kept apart and veto merges. */
  lower?: number;
  /** Fixed weights per field level, overriding the EM estimate. */
  weights?: WeightOverrides;
  /** Pairs of record ids that must never be in one cluster. */
  cannotLink?: Array<[string, string]>;
  /** When true, two records of the same non-empty sourceSystem never merge. */
  distinctWithinSource?: boolean;
  /** Pairs with the twin pattern (see `twinPattern`) are never auto-linked and veto merges
   *  through chains. Default true (children). */
  twinGuard?: boolean;
  /** Pairs whose birth dates differ beyond a keying error are never auto-linked and veto merges
   *  through chains. Default true (children: such a pair is brother and sister). */
  personGuard?: boolean;
  /** The home (family name, address, postcode, city) counts at most what a shared household is
   *  worth, and never more than `upper - personMin`. Default true (children live in families). */
  householdCap?: boolean;
  /** The least weight the person's own fields must bring for an automatic link (default 5). */
  personMin?: number;
  maxBlockSize?: number;
  rules?: BlockingRule[];
  /** Random pairs sampled to initialise u. */
  randomPairs?: number;
  seed?: number;
  /** A merge producing a larger cluster is refused. */
  maxClusterSize?: number;
  /** A training session with fewer blocked pairs than this is skipped (default 100); with no
   *  session to learn from, the prior m stands in. */
  minTrainingPairs?: number;
  /** Use a previously trained model (skips EM). */
  model?: Model;
  /** Explanations for at most this many review pairs (default 10 000). */
  maxReviewExplanations?: number;
  onProgress?: (message: string) => void;
}

export interface ReviewPair {
  a: string;
  b: string;
  weight: number;
  explanation?: Explanation;
}

export interface LinkIndex {
  model: Model;
  records: PreparedRecord[];
  idToIdx: Map<string, number>;
  blocks: BlockIndex;
  rules: BlockingRule[];
  maxBlockSize: number;
  /** cluster id per record index */
  clusterOf: string[];
  members: Map<string, number[]>;
  cannot: Map<number, Set<number>>;
  distinctWithinSource: boolean;
  twinGuard: boolean;
  personGuard: boolean;
  maxClusterSize: number;
}

export interface LinkResult {
  clusters: Map<string, string>;
  reviewPairs: ReviewPair[];
  model: Model;
  index: LinkIndex;
  stats: {
    records: number;
    candidatePairs: number;
    autoLinks: number;
    refusedMerges: number;
    emIterations: number;
    skippedBlocks: number;
  };
}

export const DEFAULT_UPPER = 14;
export const DEFAULT_LOWER = 2;

/** How the running child index links, and `link:csv` unless told otherwise: the rules for
 * children, who live in families — the twin guard, the birth-date guard and the household cap on
 * (the defaults). Two records of one agency may be one child (a re-referral under a new id); the
 * agency says when they are not (`declareDistinctRecords`), and those pairs arrive as cannot-links. */
export const INDEX_LINK_OPTIONS: Pick<LinkOptions, 'twinGuard' | 'personGuard' | 'householdCap'> = {
  twinGuard: true,
  personGuard: true,
  householdCap: true,
};

/** The rules loosened for adults who do not live in families (FEBRL): plain Fellegi–Sunter, no
 *  twin guard, no birth-date guard, no household cap. An explicit choice (`link:csv --adults`). */
export const ADULT_LINK_OPTIONS: Pick<LinkOptions, 'twinGuard' | 'personGuard' | 'householdCap'> = {
  twinGuard: false,
  personGuard: false,
  householdCap: false,
};

/** The guards of a set of options (both on unless turned off). */
export const guardsOf = (opts: Pick<LinkOptions, 'twinGuard' | 'personGuard'>): Guards => ({
  twinGuard: opts.twinGuard ?? true,
  personGuard: opts.personGuard ?? true,
});

/** The guards of the running index (for explanations). */
export const INDEX_GUARDS: Guards = guardsOf(INDEX_LINK_OPTIONS);
