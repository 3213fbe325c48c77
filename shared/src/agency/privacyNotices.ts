import type { DataSource, ObjectLiteral } from 'typeorm';
import { AGENCY_KEYS, AGENCY_PREFIX, type AgencyCode } from '../agencies';
import { privacyNoticeOf } from '../access/privacyNotice';
import { hasRole, type ViewerClaims } from '../auth/claims';
import { errorCodes, fieldError } from '../errors';

/** Longest acknowledgement note (privacy_notice.acknowledgement_note). */
export const ACK_NOTE_MAX = 2000;

/** Only the holder's privacy officers read and acknowledge its notices: they say who opened which
 *  child's records and why (42 CFR 2.51(c); HIPAA 164.308(a)(1)(ii)(D) activity review). */
function requirePrivacyOfficer(viewer: ViewerClaims, agency: AgencyCode): void {
  if (viewer.agency !== agency || !hasRole(viewer, 'PRIVACY_OFFICER'))
    throw errorCodes.FORBIDDEN.err(
      `Only ${agency} privacy officers read and acknowledge its privacy notices`,
    );
}

/** The agency's `<key>PrivacyNotices` query and `acknowledge<Prefix>PrivacyNotice` mutation. */
export function privacyNoticeResolvers(agency: AgencyCode, ds: DataSource) {
  const key = AGENCY_KEYS[agency];
  const prefix = AGENCY_PREFIX[agency];
  const query = {
    [`${key}PrivacyNotices`]: async (
      _: unknown,
      args: { unacknowledgedOnly?: boolean | null; first?: number | null },
      ctx: { viewer: ViewerClaims },
    ) => {
      requirePrivacyOfficer(ctx.viewer, agency);
      const first = Math.min(Math.max(args.first ?? 100, 1), 500);
      const rows: ObjectLiteral[] = await ds.query(
        `SELECT * FROM privacy_notice WHERE NOT ($1 AND acknowledged_at IS NOT NULL) ORDER BY id DESC LIMIT $2`,
        [args.unacknowledgedOnly !== false, first],
      );
      return rows.map((r) => privacyNoticeOf(agency, r));
    },
  };
  const mutation = {
    [`acknowledge${prefix}PrivacyNotice`]: async (
      _: unknown,
      args: { id: string; note?: string | null },
      ctx: { viewer: ViewerClaims },
    ) => {
      requirePrivacyOfficer(ctx.viewer, agency);
      const note = args.note ?? null;
      const problem =
        note === null
          ? null
          : note.length > ACK_NOTE_MAX
            ? fieldError('note', 'TOO_LONG', `at most ${ACK_NOTE_MAX} characters`)
            : /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(note)
              ? fieldError('note', 'INVALID_FORMAT', 'printable text only')
              : null;
      if (problem) throw errorCodes.BAD_USER_INPUT.err('Invalid acknowledgement note', { errors: [problem] });
      if (!/^\d{1,18}$/.test(args.id)) throw errorCodes.NOT_FOUND.err('No such privacy notice');
      const [rows] = (await ds.query(
        `UPDATE privacy_notice SET acknowledged_at = now(), acknowledged_by = $2, acknowledgement_note = $3
          WHERE id = $1 AND acknowledged_at IS NULL RETURNING *`,
        [args.id, ctx.viewer.sub, note],
      )) as [ObjectLiteral[], number];
      if (rows[0]) return privacyNoticeOf(agency, rows[0]);
      const [exists] = await ds.query(`SELECT 1 FROM privacy_notice WHERE id = $1`, [args.id]);
      if (!exists) throw errorCodes.NOT_FOUND.err('No such privacy notice');
      // A notice is acknowledged once: who reviewed it and when stay as first written.
      throw errorCodes.BAD_USER_INPUT.err('This privacy notice is already acknowledged', {
        errors: [fieldError('id', 'OUT_OF_RANGE', 'already acknowledged')],
      });
    },
  };
  return { query, mutation };
}
