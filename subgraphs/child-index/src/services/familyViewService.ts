import { agencyParts } from './agencyParts';
import {
  ACCOUNTING_YEARS,
  DISCLOSURE_ACCOUNTING_RULE,
  LANGUAGE_CODE,
  MAX_ACCOUNTING_ROWS,
  errorCodes,
  fieldError,
  isUuid,
  permission,
  supportedLanguages,
  type AgencyDisclosure,
  type Operation,
  type SubgraphContext,
} from '@wholechild/shared';
import type { DataSource } from 'typeorm';
import type { IndexLoaders } from '../loaders';
import { familyLanguagesOf, lookupsOfChild, saveFamilyLanguage } from '../repositories/familyView';
import { visibleTo } from './childService';
import { wordReport } from './disclosureWording';

type Ctx = SubgraphContext<IndexLoaders>;

/** The family's own view of a child: their language, and their accounting of disclosures. */
export class FamilyViewService {
  constructor(private readonly ds: DataSource) {}

  /** The agencies holding a record of the child that the viewer may know of (AUTO or CONFIRMED). */
  private async holdersKnownTo(ctx: Ctx, childId: string): Promise<string[]> {
    const links = await ctx.loaders.links.load(childId);
    return [
      ...new Set(
        links
          .filter((l) => (l.status === 'AUTO' || l.status === 'CONFIRMED') && visibleTo(ctx.viewer, l))
          .map((l) => l.agency),
      ),
    ];
  }

  /** FORBIDDEN unless the viewer is staff of an agency holding a record of the child it may know
   *  of (PERMISSIONS[op], holder: the viewer's agency when it holds one); the refusal plugin writes
   *  the DENY row to the index's trail. */
  private async assertServes(ctx: Ctx, childId: string, op: Operation): Promise<string[]> {
    const holders = await this.holdersKnownTo(ctx, childId);
    const d = permission(ctx.viewer, op, {
      holder: holders.includes(ctx.viewer.agency) ? ctx.viewer.agency : undefined,
    });
    if (!d.allowed) throw errorCodes.FORBIDDEN.err(d.reason);
    return holders;
  }

  async languageOf(childId: string): Promise<string | null> {
    return (await familyLanguagesOf(this.ds, [childId]))[0] ?? null;
  }

  /** Records the family's language (one of the languages with a messages file). */
  async setLanguage(ctx: Ctx, childId: string, language: string): Promise<void> {
    const code = language.trim().toLowerCase();
    const errors = [];
    if (!isUuid(childId)) errors.push(fieldError('childId', 'INVALID_FORMAT', 'an index id'));
    if (!LANGUAGE_CODE.test(code))
      errors.push(fieldError('language', 'INVALID_FORMAT', 'a language code such as en or es'));
    else if (!supportedLanguages().includes(code))
      errors.push(fieldError('language', 'INVALID_ENUM', `one of ${supportedLanguages().join(', ')}`));
    if (errors.length)
      throw errorCodes.BAD_USER_INPUT.err('Invalid family language', {
        field: errors[0]!.field,
        reason: errors[0]!.reason,
        errors,
      });
    // a child the viewer's agency holds no record of (or none at all) is refused alike
    await this.assertServes(ctx, childId, 'RECORD_FAMILY_LANGUAGE');
    await ctx.loaders.trail({
      action: 'SET_FAMILY_LANGUAGE',
      decision: 'PERMIT',
      rule: 'RECORD_FAMILY_LANGUAGE',
      terms: { language: code },
      childIds: [childId],
      recordRefs: [],
    });
    await saveFamilyLanguage(this.ds, childId, code, { actor: ctx.viewer.sub, agency: ctx.viewer.agency });
  }

  /** The accounting: the agencies' parts (through `@requires`), the index's look-ups, worded. */
  async report(
    ctx: Ctx,
    child: Record<string, unknown> & { id: string },
    args: { language?: string | null },
  ) {
    const asked = args.language?.trim().toLowerCase();
    if (asked && !supportedLanguages().includes(asked))
      throw errorCodes.BAD_USER_INPUT.err('Unsupported language', {
        field: 'language',
        reason: `one of ${supportedLanguages().join(', ')}`,
        errors: [fieldError('language', 'INVALID_ENUM', `one of ${supportedLanguages().join(', ')}`)],
      });
    const holders = await this.assertServes(ctx, child.id, 'ACCOUNT_DISCLOSURES');
    // every agency's part, or no accounting: one without an agency's disclosures would mislead
    const parts = agencyParts<string>(child, 'Disclosures', 'disclosureReport');
    // the request is itself audited (45 CFR 164.528 documentation), before anything is read
    await ctx.loaders.trail({
      action: DISCLOSURE_ACCOUNTING_RULE,
      decision: 'PERMIT',
      rule: 'ACCOUNT_DISCLOSURES',
      childIds: [child.id],
      recordRefs: [],
    });
    const [familyLanguage, lookups] = await Promise.all([
      this.languageOf(child.id),
      lookupsOfChild(this.ds, child.id, {
        except: holders,
        years: ACCOUNTING_YEARS,
        max: MAX_ACCOUNTING_ROWS,
        accountingAction: DISCLOSURE_ACCOUNTING_RULE,
      }),
    ]);
    const to = new Date();
    const from = new Date(to);
    from.setUTCFullYear(to.getUTCFullYear() - ACCOUNTING_YEARS);
    return wordReport({
      childId: child.id,
      language: asked ?? familyLanguage,
      familyLanguage,
      from: from.toISOString().slice(0, 10),
      to: to.toISOString().slice(0, 10),
      // each agency's part: one JSON object per disclosure (Child.<key>Disclosures), fetched by the
      // gateway from that agency through @requires
      disclosures: parts.flat().map((json) => JSON.parse(json) as AgencyDisclosure),
      lookups,
    });
  }
}
