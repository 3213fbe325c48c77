import {
  connection,
  assertMay,
  errorCodes,
  fieldError,
  isUuid,
  type AgencyCode,
  type Refusal,
  type SubgraphContext,
  type ViewerClaims,
} from '@wholechild/shared';
import type { DataSource } from 'typeorm';
import type { IndexLoaders } from '../loaders';
import { indexAccessEventOf, readAccessTrail } from '../repositories/accessTrail';

type Ctx = SubgraphContext<IndexLoaders>;

/** Largest page of the trail. @default 200 */
export const MAX_TRAIL_PAGE = 200;

/** Reading the index's trail: a privacy officer answers for their own agency's staff. */
export class AccessTrailService {
  constructor(private readonly ds: DataSource) {}

  async read(viewer: ViewerClaims, a: { childId?: string | null; first?: number; after?: string | null }) {
    // HIPAA 164.308(a)(1)(ii)(D): information system activity review is the privacy officer's;
    // the index's trail of an agency's staff is that agency's to review (PERMISSIONS.READ_AUDIT_TRAIL)
    assertMay(viewer, 'READ_AUDIT_TRAIL', { holder: viewer.agency as AgencyCode });
    const first = a.first ?? 50;
    const errors = [];
    if (!Number.isInteger(first) || first < 1 || first > MAX_TRAIL_PAGE)
      errors.push(fieldError('first', 'OUT_OF_RANGE', `between 1 and ${MAX_TRAIL_PAGE}`));
    if (a.childId && !isUuid(a.childId)) errors.push(fieldError('childId', 'INVALID_FORMAT', 'an index id'));
    if (a.after && !/^\d{1,18}$/.test(a.after))
      errors.push(fieldError('after', 'INVALID_FORMAT', 'use endCursor of the previous page'));
    if (errors.length)
      throw errorCodes.BAD_USER_INPUT.err('Invalid trail query', {
        field: errors[0]!.field,
        reason: errors[0]!.reason,
        errors,
      });
    const rows = await readAccessTrail(this.ds, viewer.agency, {
      childId: a.childId,
      first,
      before: a.after ? Number(a.after) : null,
    });
    const nodes = rows.slice(0, first).map(indexAccessEventOf);
    const hasMore = rows.length > first;
    return connection(
      nodes,
      nodes.map((n) => n.id),
      hasMore,
      { nodes, hasMore, endCursor: hasMore ? nodes[nodes.length - 1]!.id : null },
    );
  }
}

/** Every refusal of the index is a DENY row in its own trail (NIST SP 800-53 AU-2: failed access
 *  attempts are audited events): the refused field, and the refusal's reason. Wired through the
 *  subgraph service's refusal plugin (`auditRefusals`), as the agencies' DENY rows are. */
export const writeIndexRefusals = (ctx: Ctx, refusals: Refusal[]) =>
  Promise.all(
    refusals.map((r) =>
      ctx.loaders.trail({
        action: r.field ?? 'unknown',
        decision: 'DENY',
        rule: r.message,
        childIds: [],
        recordRefs: [],
      }),
    ),
  );
