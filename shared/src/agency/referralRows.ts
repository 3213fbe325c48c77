import { errorCodes, fieldError, type FieldError } from '../errors';
import type { AgencyCode } from '../agencies';
import { REFERRAL_MOVES, REFERRAL_STATUSES, type ReferralStatus } from './referralTables';

/** A referral's rows as either side shows them, its input, and the rule of its moves. */
type Row = Record<string, unknown>;

/** A referral to send: about one of the referrer's person records, to another agency of the
 *  platform or to a service of the county's directory (one of them). */
export interface ReferralInput {
  sourceSystem: string;
  personExternalId: string;
  toAgency?: string | null;
  toServiceId?: string | null;
  /** The receiver's policy category the referral falls under (e.g. MENTAL_HEALTH, SUD), or for a
   *  directory service the need (a taxonomy term's code). */
  category: string;
  need: string;
}

/** One status change as either side shows it. */
export interface ReferralStatusChange {
  status: ReferralStatus;
  reason: string | null;
  at: string;
  onProviderWord: boolean;
}

export const CATEGORY_PATTERN = /^[A-Z][A-Z0-9_-]{0,39}$/;

export function bad(errors: FieldError[]): never {
  throw errorCodes.BAD_USER_INPUT.err(
    `Invalid referral input: ${errors.map((e) => `${e.field} ${e.reason}`).join('; ')}`,
    { field: errors[0]!.field, reason: errors[0]!.reason, errors },
  );
}

export const changeOf = (r: Row): ReferralStatusChange => ({
  status: r.status as ReferralStatus,
  reason: (r.reason as string | null) ?? null,
  at: (r.changed_at as Date).toISOString(),
  onProviderWord: Boolean(r.on_provider_word),
});

export const outgoingOf = (r: Row) => ({
  id: r.id as string,
  recordId: r.person_id as string,
  toAgency: (r.receiver_agency as string | null) ?? null,
  toServiceId: (r.directory_service_id as string | null) ?? null,
  category: r.category as string,
  need: r.need as string,
  /** The referrer's own status: SENT for a referral to an agency (the receiver tells the rest,
   *  as its policy allows); what the provider said for a directory service. */
  ownStatus: r.status as ReferralStatus,
  createdBy: r.created_by as string,
  createdAt: (r.created_at as Date).toISOString(),
});
export type OutgoingReferral = ReturnType<typeof outgoingOf>;

export const incomingOf = (r: Row) => ({
  id: r.id as string,
  fromAgency: r.referrer_agency as string,
  fromReferralId: r.referrer_referral_id as string,
  fromRecordId: r.referrer_record_id as string,
  category: r.category as string,
  need: r.need as string,
  status: r.status as ReferralStatus,
  recordId: (r.person_id as string | null) ?? null,
  sentBy: r.sent_by as string,
  receivedAt: (r.received_at as Date).toISOString(),
});
export type IncomingReferral = ReturnType<typeof incomingOf>;

/** What the referrer hands the receiver: its ids and the referral's words, never its records. */
export interface Handover {
  referrer: AgencyCode;
  referralId: string;
  recordId: string;
  category: string;
  need: string;
  sentBy: string;
}

/** The way a referral's status moves (REFERRAL_MOVES), as a typed error naming the field. */
export function assertMove(from: ReferralStatus, to: string): asserts to is ReferralStatus {
  if (!(REFERRAL_STATUSES as readonly string[]).includes(to))
    bad([fieldError('status', 'INVALID_ENUM', `one of ${REFERRAL_STATUSES.join(', ')}`)]);
  if (!REFERRAL_MOVES[from].includes(to as ReferralStatus))
    bad([
      fieldError(
        'status',
        'OUT_OF_RANGE',
        `a ${from} referral cannot become ${to}${REFERRAL_MOVES[from].length ? ` (only ${REFERRAL_MOVES[from].join(' or ')})` : ' (it is final)'}`,
      ),
    ]);
}
