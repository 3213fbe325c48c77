import { AGENCIES, AGENCY_KEYS, errorCodes } from '@wholechild/shared';

/**
 * Each agency's part of a field the index builds from every agency's (`consents`, `auditTrail`,
 * `disclosureReport`), as the gateway brings them through `@requires`: a list per agency, or null
 * when that agency could not be read (its service down or late). A whole made of the parts that
 * arrived would read as complete (a consent list without child welfare's consents, an audit trail
 * without its reads): the field is then missing, with an error naming the agencies, never
 * incomplete.
 */
export function agencyParts<T>(child: Record<string, unknown>, suffix: string, what: string): T[][] {
  const missing = AGENCIES.filter((a) => child[`${AGENCY_KEYS[a]}${suffix}`] == null);
  if (missing.length)
    throw errorCodes.SUBGRAPH_UNAVAILABLE.err(
      `${what} needs every agency's part; ${missing.join(', ')} could not be read: retry later`,
      { agencies: missing },
    );
  return AGENCIES.map((a) => child[`${AGENCY_KEYS[a]}${suffix}`] as T[]);
}
