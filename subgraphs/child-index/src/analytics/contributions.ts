import { createHmac } from 'node:crypto';
import {
  AGENCIES,
  serviceToken,
  type AgencyCode,
  type Logger,
  type PlatformConfig,
} from '@wholechild/shared';
import { AGGREGATE_CONTRIBUTION_ROUTE, type AggregateContribution } from '@wholechild/shared/agency';

/** One agency's contribution as the index last read it. */
export interface AgencyContribution extends AggregateContribution {
  agency: AgencyCode;
  /** When it was read (its facts are as of then). */
  readAt: Date;
}

/** What a read of every agency found: each agency's contribution (the last good one for an agency
 *  that did not answer now), whether any changed, and which did not answer. */
export interface ContributionSet {
  contributions: AgencyContribution[];
  changed: boolean;
  unavailable: AgencyCode[];
}

/**
 * Reads each agency's contribution to population measures from its own door (the kit's
 * AGGREGATE_CONTRIBUTION_ROUTE), with the index's service token, never through the gateway. The
 * pseudonyms are salted per agency with a salt derived from ANALYTICS_KEY: stable from one read
 * to the next (so a child's cell key is too), useless to anyone without the key. A read sends the
 * version it holds: an agency whose records did not change answers `unchanged` and nothing else.
 */
export class ContributionReader {
  private readonly held = new Map<AgencyCode, AgencyContribution>();

  constructor(
    private readonly sourceOf: (agency: AgencyCode) => string | undefined,
    private readonly config: PlatformConfig,
    private readonly key: string,
    private readonly logger: Logger,
  ) {}

  /** The salt of an agency's pseudonyms (hex). */
  saltOf(agency: AgencyCode): string {
    return createHmac('sha256', this.key).update(`wholechild-pseudonym:${agency}`).digest('hex');
  }

  async readAll(): Promise<ContributionSet> {
    const results = await Promise.all(AGENCIES.map((a) => this.read(a)));
    return {
      contributions: AGENCIES.map((a) => this.held.get(a)).filter((c): c is AgencyContribution => !!c),
      changed: results.some((r) => r === 'changed'),
      unavailable: AGENCIES.filter((_, i) => results[i] === 'unavailable'),
    };
  }

  private async read(agency: AgencyCode): Promise<'changed' | 'unchanged' | 'unavailable'> {
    const base = this.sourceOf(agency);
    if (!base) return 'unavailable';
    const url = new URL(AGGREGATE_CONTRIBUTION_ROUTE, base);
    url.searchParams.set('salt', this.saltOf(agency));
    const held = this.held.get(agency);
    if (held) url.searchParams.set('since', held.version);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${serviceToken(this.config.jwt)}` },
        signal: AbortSignal.timeout(this.config.feed.timeoutMs),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const { data } = (await res.json()) as { data: AggregateContribution };
      if (data.unchanged && held) {
        held.readAt = new Date();
        return 'unchanged';
      }
      this.held.set(agency, { ...data, agency, readAt: new Date() });
      return 'changed';
    } catch (e) {
      this.logger.warn(
        { agency, err: e instanceof Error ? e.message : String(e) },
        'could not read an agency’s contribution to population measures; using the last one read',
      );
      return 'unavailable';
    }
  }
}
