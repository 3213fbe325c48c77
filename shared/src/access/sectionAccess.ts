import type DataLoader from 'dataloader';
import type { ObjectLiteral } from 'typeorm';
import type { AgencyCode } from '../agencies';
import type { ViewerClaims } from '../auth/claims';
import type { ListKey } from '../loaders';
import type { Logger } from '../logger';
import type { AuditWriter } from './audit';
import {
  ageFrom,
  anyPermit,
  decideAll,
  filterRows,
  restrictedOf,
  type BreakGlassGate,
  type SectionAccess,
} from './decisions';
import type { AccessFacts, AgencyPolicy, ConsentGrant, Decision } from './policy';

/** A record kind's policy category: fixed, or read off the row (e.g. substance-use episodes). */
export type CategoryRule = string | ((row: ObjectLiteral) => string) | undefined;

/** Whether rows of a kind may show under these decisions: a kind of one category shows nothing
 *  once that category is denied (filterRows would drop every row), so its list is not read. */
export const mayShow = (category: CategoryRule, decisions: Map<string, Decision>) =>
  typeof category === 'function' || decisions.get(category ?? 'IDENTITY')?.permit === true;

/** What one agency's access rules are: its policy, and who is protected or never leaves. */
export interface SectionAccessRules {
  agency: AgencyCode;
  policy: AgencyPolicy;
  /** VAWA (34 U.S.C. 12291(b)(2)): person records that never leave the agency, consent or not. */
  neverLeaves?: (person: ObjectLiteral) => boolean;
  /** 42 CFR 2.13: a person record whose very existence is protected. */
  existenceProtected?: (person: ObjectLiteral) => boolean;
  /** The category whose access also decides the identity of a protected person. */
  protectedCategory?: string;
  /** The break-glass rate limit of a viewer for one subject (breakGlassLimit.ts). */
  breakGlassGate?: (
    viewer: ViewerClaims,
    subject: { childId: string | null; recordIds: string[] },
  ) => () => Promise<BreakGlassGate>;
  /** The section's lists, each a part of the section loader's one read. */
  lists: ReadonlyArray<{ field: string; part: number; category: CategoryRule }>;
}

/** What a decision needs of the request: the viewer, a logger and these loaders. */
export interface AccessContext {
  viewer: ViewerClaims;
  logger: Logger;
  loaders: {
    /** Person records with their active consents, one statement a batch. */
    access: DataLoader<string, { person: ObjectLiteral | null; grants: ConsentGrant[] }>;
    person: DataLoader<string, ObjectLiteral | null>;
    consents: DataLoader<string, ConsentGrant[]>;
    /** Every list of the section of any linked records (absent: the agency has no lists). */
    sections?: DataLoader<ListKey, ObjectLiteral[], string>;
    audit: AuditWriter;
  };
}

/** A Restricted value: a denied category whose existence may show. */
export interface RestrictedValue {
  __typename: 'Restricted';
  agency: AgencyCode;
  category: string;
  reason: string;
  howToGetAccess: string;
}

/** What a section read decided: the decisions to show the section under, or what shows instead
 *  (a Restricted value, or null where existence is protected). */
export type SectionOutcome = { access: SectionAccess } | { shown: RestrictedValue | null };

/**
 * One agency's access, decided in one place. Each entry point loads the person records and their
 * consents, decides every category of the policy (VAWA, Part 2, break-glass and its rate limit
 * included), starts the reads those decisions allow beside the audit write, awaits the audit
 * (fail closed: nothing is returned before it is written) and returns what the resolver shows.
 */
export class AgencySectionAccess {
  constructor(private readonly rules: SectionAccessRules) {}

  /** A child's section: its decisions, or the Restricted value or null that shows instead. The
   *  lists `selected` names that the decisions may show are read while the audit is written. */
  async section(
    ctx: AccessContext,
    childId: string,
    recordIds: string[],
    facts: AccessFacts,
    selected: ReadonlySet<string>,
  ): Promise<SectionOutcome> {
    const { access, persons } = await this.decide(ctx, childId, recordIds, facts, (decisions) =>
      this.prefetch(ctx, recordIds, decisions, selected),
    );
    return anyPermit(access) ? { access } : { shown: this.denial(access, persons) };
  }

  /** One record found by a lookup (of a person, or a record about one): the row as the viewer may
   *  see it, a Restricted value, or null — as for a section, by the same rule. */
  async record(
    ctx: AccessContext,
    personId: string,
    row: ObjectLiteral,
    kind: {
      typename: string;
      category: (row: ObjectLiteral) => string;
      fieldCategories?: Record<string, string>;
    },
  ): Promise<ObjectLiteral | RestrictedValue | null> {
    const { access, persons } = await this.decide(ctx, null, [personId], {});
    const [visible] = filterRows([row], kind.typename, kind.category, access, kind.fieldCategories);
    if (visible) return visible;
    if (this.hidden(persons)) return null;
    const d = access.decisions.get(kind.category(row))!;
    return d.permit || !d.revealExistence
      ? null
      : {
          __typename: 'Restricted',
          agency: this.rules.agency,
          category: d.category,
          reason: d.reason,
          howToGetAccess: d.howToGetAccess,
        };
  }

  /** Whether these person records may not even be said to exist to this viewer's agency: a
   *  protected existence (42 CFR 2.13) or a record that never leaves (VAWA). */
  private hidden(persons: ObjectLiteral[]): boolean {
    const r = this.rules;
    return persons.some((p) => (r.existenceProtected?.(p) ?? false) || (r.neverLeaves?.(p) ?? false));
  }

  /** Null where existence is protected (or nothing is linked), Restricted where it may show. */
  private denial(access: SectionAccess, persons: ObjectLiteral[]): RestrictedValue | null {
    if (this.hidden(persons)) return null;
    const shown = restrictedOf(this.rules.agency, this.rules.policy, access);
    const first = shown.find((r) => r.category === 'IDENTITY') ?? shown[0];
    return first ? { ...first, category: 'SECTION' } : null;
  }

  /** Decisions for one child (or one record's person) at this agency, audited. */
  private async decide(
    ctx: AccessContext,
    childId: string | null,
    recordIds: string[],
    facts: AccessFacts,
    onDecided?: (decisions: Map<string, Decision>) => void,
  ) {
    const r = this.rules;
    // The person records and their active consents in one statement; the request's person and
    // consent loaders keep them for the section's fields.
    const rows = await ctx.loaders.access.loadMany(recordIds);
    const persons: ObjectLiteral[] = [];
    const grants: ConsentGrant[] = [];
    rows.forEach((row, i) => {
      if (row instanceof Error) return;
      ctx.loaders.person.prime(recordIds[i]!, row.person);
      ctx.loaders.consents.prime(recordIds[i]!, row.grants);
      if (row.person) persons.push(row.person);
      grants.push(...row.grants);
    });
    const ageYears = ageFrom(persons[0]?.birthDate as string | null);
    const subject = { childId, recordIds };
    const access = await decideAll(
      r.policy,
      ctx.viewer,
      grants,
      { ...facts, ageYears },
      ctx.loaders.audit,
      subject,
      {
        // VAWA (34 U.S.C. 12291(b)(2)): a survivor's records never leave the agency, consent or not.
        neverLeaves: ctx.viewer.agency !== r.agency && persons.some((p) => r.neverLeaves?.(p) ?? false),
        identityFollows: persons.some((p) => r.existenceProtected?.(p) ?? false)
          ? r.protectedCategory
          : undefined,
        onDecided,
        breakGlassGate: r.breakGlassGate?.(ctx.viewer, subject),
      },
    );
    const opened = [...access.decisions.values()].filter((d) => d.permit && d.breakGlass);
    if (opened.length)
      // 42 CFR 2.51(c): the emergency disclosure is documented (the audit row and its privacy
      // notice); operations see it too, without the reason (free text the viewer wrote).
      ctx.logger.warn(
        {
          event: 'break_glass',
          holder: r.agency,
          actor: ctx.viewer.sub,
          actorAgency: ctx.viewer.agency,
          roles: ctx.viewer.roles,
          childId,
          categories: opened.map((d) => d.category),
        },
        'break-glass access; privacy officer notified',
      );
    return { access, persons };
  }

  /** Starts reading, while the audit entry is written, the section's lists that the query selects
   *  and the decisions may show: all of them in one statement (the request's section loader, which
   *  batches every child's lists together and keeps the pending read for the section's fields to
   *  await). Nothing is returned before the section resolves, and it resolves only after the audit
   *  is written (fail closed); every row still passes filterRows there. */
  private prefetch(
    ctx: AccessContext,
    recordIds: string[],
    decisions: Map<string, Decision>,
    selected: ReadonlySet<string>,
  ): void {
    if (!ctx.loaders.sections || ![...decisions.values()].some((d) => d.permit)) return;
    const keys = this.rules.lists.flatMap(({ field, part, category }) =>
      selected.has(field) && mayShow(category, decisions) ? recordIds.map((key) => ({ part, key })) : [],
    );
    if (keys.length) void ctx.loaders.sections.loadMany(keys);
  }
}
