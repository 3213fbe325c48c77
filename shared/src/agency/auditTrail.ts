import type { DataSource } from 'typeorm';
import {
  auditEventsOfRecords,
  auditTrailPage,
  breakGlassEvents,
  type AuditTrailFilter,
} from '../access/auditQueries';
import { AUDIT_DECISIONS, verifyAuditChain } from '../access/audit';
import { fieldError } from '../errors';
import { assertArgs } from '../graphql/arguments';
import { isUuid } from '../validation';
import { assertMay, may } from '../access/permissions';
import type { ChildRepresentation } from '../graphql/section';
import { privacyNoticeResolvers } from './privacyNotices';
import type { Representations } from './representation';
import type { AgencyContext, AgencyNames, AgencySubgraphSpec } from './spec';

/** The agency's trail for its privacy officers: the trail itself, the break-glass report, the
 *  privacy notices, and `Child.<key>AuditEvents` (merged by the child index). */
export function auditTrailResolvers(
  spec: Pick<AgencySubgraphSpec, 'agency'>,
  { key }: AgencyNames,
  ds: DataSource,
  reps: Representations,
) {
  const requireOfficer = (ctx: AgencyContext) =>
    assertMay(ctx.viewer, 'READ_AUDIT_TRAIL', { holder: spec.agency });
  const notices = privacyNoticeResolvers(spec.agency, ds);
  return {
    query: {
      ...notices.query,
      [`${key}AuditTrail`]: async (_: unknown, args: AuditTrailFilter, ctx: AgencyContext) => {
        requireOfficer(ctx);
        assertArgs(
          args.decision && !AUDIT_DECISIONS.includes(args.decision as (typeof AUDIT_DECISIONS)[number])
            ? fieldError('decision', 'INVALID_ENUM', `one of ${AUDIT_DECISIONS.join(', ')}`)
            : null,
          args.childId && !isUuid(args.childId)
            ? fieldError('childId', 'INVALID_FORMAT', 'a child id (UUID)')
            : null,
        );
        return auditTrailPage(ds, spec.agency, args);
      },
      [`${key}AuditChain`]: async (_: unknown, _args: unknown, ctx: AgencyContext) => {
        requireOfficer(ctx);
        const v = await verifyAuditChain(ds);
        return {
          verified: v.ok,
          rows: v.rows,
          brokenAtId: v.brokenAt ? String(v.brokenAt.id) : null,
          problem: v.brokenAt?.problem ?? null,
          checkedAt: new Date().toISOString(),
        };
      },
      [`${key}BreakGlassReport`]: async (
        _: unknown,
        args: { from?: string; to?: string },
        ctx: AgencyContext,
      ) => {
        requireOfficer(ctx);
        return breakGlassEvents(ds, spec.agency, args.from, args.to);
      },
    },
    mutation: notices.mutation,
    child: {
      [`${key}AuditEvents`]: async (child: ChildRepresentation, _: unknown, ctx: AgencyContext) => {
        const recordIds = reps.recordIds(ctx, child);
        if (!recordIds.length || !may(ctx.viewer, 'READ_AUDIT_TRAIL', { holder: spec.agency })) return [];
        return auditEventsOfRecords(ds, spec.agency, recordIds);
      },
    },
  };
}
