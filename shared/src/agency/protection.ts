import type { ObjectLiteral } from 'typeorm';
import type { AgencySubgraphSpec } from './spec';

/** Who an agency protects, each a boolean property of its person entity (a column of its person
 *  table): declared once, read both as SQL (feeds, consents, the index notifier) and on loaded rows
 *  (the access unit). */
export interface Protection {
  /** 42 CFR 2.13, or a sealed adoption file: the record's very existence is hidden from other
   *  agencies (the index hides its link; a denial answers nothing rather than Restricted). */
  existenceProtected?: string;
  /** The category whose access also decides the identity of such a person (Part 2: `SUD`). */
  protectedCategory?: string;
  /** VAWA (34 U.S.C. 12291(b)(2)), a sealed adoption: the records never leave the agency,
   *  whatever the consent or emergency. */
  neverLeaves?: string;
  /** Whether never-leaving records are withheld from the person feed altogether (housing's
   *  survivors: the index gets a bare withdrawal), rather than sent flagged as protected. */
  withheldFromFeed?: boolean;
  /** The feed's `sealedAdoption` flag (child welfare). */
  sealedAdoption?: string;
}

const column = (property: string) => property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const flag = (property: string | undefined) =>
  property ? (person: ObjectLiteral) => person[property] === true : undefined;

/** The SQL and the row predicates of an agency's protection. */
export function protectionOf(spec: Pick<AgencySubgraphSpec, 'protects'>) {
  const p = spec.protects ?? {};
  const leavesSql = p.neverLeaves ? `NOT ${column(p.neverLeaves)}` : undefined;
  return {
    /** SQL: the record's existence is protected. */
    existenceProtectedSql: p.existenceProtected ? column(p.existenceProtected) : undefined,
    existenceProtected: flag(p.existenceProtected),
    protectedCategory: p.protectedCategory,
    neverLeaves: flag(p.neverLeaves),
    /** SQL: the record may be disclosed outside the agency at all. */
    leavesSql,
    /** SQL: the record enters the person feed. */
    feedFilterSql: p.withheldFromFeed ? leavesSql : undefined,
    /** SQL: the feed's sealedAdoption flag. */
    sealedAdoptionSql: p.sealedAdoption ? column(p.sealedAdoption) : undefined,
  };
}
export type DerivedProtection = ReturnType<typeof protectionOf>;
