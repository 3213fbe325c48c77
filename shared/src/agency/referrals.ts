import type { DataSource, EntityManager } from 'typeorm';
import { AGENCIES, type AgencyCode } from '../agencies';
import type { AuditEntry, AuditWriter } from '../access/audit';
import { consentLoader } from '../access/consents';
import { assertMay, may } from '../access/permissions';
import { consentInForce } from '../access/policy';
import type { ViewerClaims } from '../auth/claims';
import { errorCodes, fieldError, type FieldError } from '../errors';
import { assertArgs, textArg, uuidArg } from '../graphql/arguments';
import { isUuid } from '../validation';
import {
  assertMove,
  bad,
  CATEGORY_PATTERN,
  changeOf,
  incomingOf,
  outgoingOf,
  type Handover,
  type IncomingReferral,
  type OutgoingReferral,
  type ReferralInput,
  type ReferralStatusChange,
} from './referralRows';
import { enqueueEvent } from './notifications/events';
import type { ReferralStatus } from './referralTables';

export type { Handover, IncomingReferral, OutgoingReferral, ReferralInput, ReferralStatusChange };
export { changeOf };

type Row = Record<string, unknown>;

/** At most this many characters of need: it travels in the hand-over's URL (peer routes read no
 *  body), and a URL must stay under Node's 16 KB header limit even when every character is
 *  percent-encoded UTF-8. */
export const MAX_NEED = 1000;

/**
 * An agency's referrals, both sides: the ones it sends (outgoing, with its own history) and the
 * ones it receives (incoming, with the receiver's history). Each status change is one function and
 * one transaction (`move`, `recordOutcome`), audited by the side that owns the record.
 */
export class ReferralService {
  constructor(
    private readonly ds: DataSource,
    readonly agency: AgencyCode,
    private readonly personTable: string,
    /** SQL over the person table `p`: the record may leave the agency. */
    private readonly leavesSql = 'true',
    /** SQL over the person table `p`: the record's existence is protected (42 CFR 2.13). */
    private readonly existenceProtectedSql = 'false',
    /** The category whose consent decides such a person's identity (Part 2: SUD). */
    private readonly protectedCategory?: string,
  ) {}

  private audit(audit: AuditWriter, entry: Omit<AuditEntry, 'childId' | 'consentId'>) {
    return audit({ childId: null, consentId: null, ...entry });
  }

  /** Checks a referral to send and finds its person record (which must be allowed to leave). */
  async prepare(viewer: ViewerClaims, input: ReferralInput): Promise<{ personId: string }> {
    assertMay(viewer, 'MAKE_REFERRAL', { holder: this.agency });
    const toAgency = input.toAgency ?? null;
    const toService = input.toServiceId ?? null;
    const errors = [
      textArg('sourceSystem', input.sourceSystem, 64),
      textArg('personExternalId', input.personExternalId, 128),
      textArg('need', input.need, MAX_NEED),
      uuidArg('toServiceId', toService),
    ].filter((e): e is FieldError => e !== null);
    if ((toAgency === null) === (toService === null))
      errors.push(
        fieldError(
          'toAgency',
          'DEPENDS_ON',
          'name either an agency (toAgency) or a directory service (toServiceId)',
        ),
      );
    if (
      toAgency !== null &&
      (!(AGENCIES as readonly string[]).includes(toAgency) || toAgency === this.agency)
    )
      errors.push(fieldError('toAgency', 'OUT_OF_RANGE', `another agency than ${this.agency}`));
    if (!CATEGORY_PATTERN.test(input.category ?? ''))
      errors.push(fieldError('category', 'INVALID_FORMAT', 'a category code, e.g. MENTAL_HEALTH'));
    if (!input.need?.trim()) errors.push(fieldError('need', 'REQUIRED', 'say what the child needs'));
    if (errors.length) bad(errors);
    const [person] = await this.ds.query(
      `SELECT p.id, (${this.leavesSql}) AS leaves, (${this.existenceProtectedSql}) AS protected
         FROM ${this.personTable} p WHERE p.source_system = $1 AND p.external_id = $2`,
      [input.sourceSystem, input.personExternalId],
    );
    if (!person) bad([fieldError('personExternalId', 'UNKNOWN_REFERENCE', 'no such person record')]);
    // VAWA, sealed adoptions: such a record never leaves the agency, not even as a referral
    if (!person.leaves)
      bad([fieldError('personExternalId', 'OUT_OF_RANGE', `this record never leaves ${this.agency}`)]);
    if (person.protected) await this.assertPart2Consent(person.id as string, toAgency);
    return { personId: person.id as string };
  }

  /** 42 CFR 2.13 and 2.31: referring a Part 2 client tells the receiver that they are one, so it
   *  needs the client's consent in force naming the receiving agency for the protected category;
   *  a directory provider cannot be named in one here, so it is never referred such a client. */
  private async assertPart2Consent(personId: string, toAgency: string | null) {
    const category = this.protectedCategory ?? 'SUD';
    const consents = toAgency ? await consentLoader(this.ds).load(personId) : [];
    const named = consents.some(
      (c) => consentInForce(c) && c.categories.includes(category) && c.recipientAgencies.includes(toAgency!),
    );
    if (!named)
      throw errorCodes.FORBIDDEN.err(
        `42 CFR 2.31: this client is referred only to an agency named in their consent in force for ${category}`,
      );
  }

  /** Sends a referral: stored with its SENT event in one transaction, inside which `handOver` gives
   *  it to the receiving agency (nothing is stored when the receiver refuses or is down). */
  async send(
    viewer: ViewerClaims,
    audit: AuditWriter,
    input: ReferralInput,
    peer: { handOver: (h: Handover) => Promise<void>; checkService: (id: string) => Promise<void> },
  ): Promise<OutgoingReferral> {
    const { personId } = await this.prepare(viewer, input);
    if (input.toServiceId) await peer.checkService(input.toServiceId);
    const row = await this.ds.transaction(async (m) => {
      const [r] = await m.query(
        `INSERT INTO service_referral (person_id, receiver_agency, directory_service_id, category, need, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [personId, input.toAgency ?? null, input.toServiceId ?? null, input.category, input.need, viewer.sub],
      );
      await m.query(
        `INSERT INTO service_referral_event (referral_id, status, changed_by) VALUES ($1, 'SENT', $2)`,
        [r.id, viewer.sub],
      );
      if (input.toAgency)
        await peer.handOver({
          referrer: this.agency,
          referralId: r.id,
          recordId: personId,
          category: input.category,
          need: input.need,
          sentBy: viewer.sub,
        });
      return r as Row;
    });
    // the referral discloses that this record is referred, and why: the referrer's own decision
    await this.audit(audit, {
      recordIds: [personId],
      categories: ['IDENTITY'],
      decision: 'REFERRAL_SENT',
      rule: input.toAgency ? `REFERRAL_TO_${input.toAgency}` : 'REFERRAL_TO_DIRECTORY_SERVICE',
    });
    return outgoingOf(row);
  }

  /** A directory service's answer, recorded by the referrer on the provider's word (no platform
   *  receiver): one status change, one transaction, marked so in the history. */
  async recordOutcome(
    viewer: ViewerClaims,
    audit: AuditWriter,
    id: string,
    to: string,
    reason: string | null,
  ): Promise<OutgoingReferral> {
    assertMay(viewer, 'MAKE_REFERRAL', { holder: this.agency });
    assertArgs(uuidArg('id', id), textArg('reason', reason, 2000));
    if (to === 'DECLINED' && !reason?.trim())
      bad([fieldError('reason', 'REQUIRED', 'say why it was declined')]);
    const row = await this.ds.transaction(async (m) => {
      const r = await this.locked(m, 'service_referral', id);
      if (r.receiver_agency)
        bad([
          fieldError('id', 'OUT_OF_RANGE', `${r.receiver_agency as string} answers this referral itself`),
        ]);
      assertMove(r.status as ReferralStatus, to);
      const [u] = await m.query(
        `WITH u AS (UPDATE service_referral SET status = $2, updated_at = now() WHERE id = $1 RETURNING *) SELECT * FROM u`,
        [id, to],
      );
      await m.query(
        `INSERT INTO service_referral_event (referral_id, status, reason, on_provider_word, changed_by) VALUES ($1, $2, $3, true, $4)`,
        [id, to, reason ?? null, viewer.sub],
      );
      return u as Row;
    });
    await this.audit(audit, {
      recordIds: [row.person_id as string],
      categories: [],
      decision: `REFERRAL_${to}` as AuditEntry['decision'],
      rule: 'ON_PROVIDER_WORD',
    });
    return outgoingOf(row);
  }

  /** The referrals this agency sent about these person records: to its own staff only. */
  async outgoingOf(viewer: ViewerClaims, personIds: string[]): Promise<OutgoingReferral[]> {
    if (!personIds.length || viewer.agency !== this.agency || !may(viewer, 'READ_REFERRAL_STATUS')) return [];
    const rows: Row[] = await this.ds.query(
      `SELECT * FROM service_referral WHERE person_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [personIds],
    );
    return rows.map(outgoingOf);
  }

  /** The referrals this agency sent about one person record (by source system and external id). */
  async outgoingByRecord(viewer: ViewerClaims, sourceSystem: string, externalId: string) {
    const [person] = await this.ds.query(
      `SELECT id FROM ${this.personTable} WHERE source_system = $1 AND external_id = $2`,
      [sourceSystem, externalId],
    );
    return person ? this.outgoingOf(viewer, [person.id]) : [];
  }

  /** The referrer's own history of a referral. */
  async ownHistory(id: string): Promise<ReferralStatusChange[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT * FROM service_referral_event WHERE referral_id = $1 ORDER BY id`,
      [id],
    );
    return rows.map(changeOf);
  }

  /** The receiver's side of a hand-over: stored once (a repeated hand-over is the same referral). */
  async receive(viewer: ViewerClaims, audit: AuditWriter, h: Handover, categories: string[]) {
    assertMay(viewer, 'RECEIVE_REFERRAL', { holder: this.agency });
    // the token is the referring viewer's: a referral comes from the agency whose staff send it
    if (viewer.agency !== h.referrer || h.referrer === this.agency)
      throw errorCodes.FORBIDDEN.err(`Only ${h.referrer} staff hand over ${h.referrer}’s referrals`);
    assertArgs(
      uuidArg('referral', h.referralId),
      uuidArg('record', h.recordId),
      textArg('need', h.need, MAX_NEED),
      categories.includes(h.category)
        ? null
        : fieldError(
            'category',
            'INVALID_ENUM',
            `${this.agency} receives referrals for ${categories.join(', ')}`,
          ),
    );
    const row = await this.ds.transaction(async (m) => {
      const [r] = await m.query(
        `INSERT INTO incoming_service_referral (referrer_agency, referrer_referral_id, referrer_record_id, category, need, sent_by)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (referrer_agency, referrer_referral_id) DO NOTHING RETURNING *`,
        [h.referrer, h.referralId, h.recordId, h.category, h.need, h.sentBy],
      );
      if (r)
        await m.query(
          `INSERT INTO incoming_service_referral_event (incoming_referral_id, status, changed_by) VALUES ($1, 'SENT', $2)`,
          [r.id, h.sentBy],
        );
      return r as Row | undefined;
    });
    if (row)
      await this.audit(audit, {
        recordIds: [],
        categories: [h.category],
        decision: 'REFERRAL_RECEIVED',
        rule: `REFERRAL_FROM_${h.referrer}`,
      });
    return { received: true };
  }

  /**
   * The receiver answers a referral (accepts, declines, completes): one status change, one
   * transaction (the row locked, the move checked, the status and its event written together).
   * Accepting links the receiver's own person record of the child (its policy and the child's
   * consents then decide what the referrer learns); declining may link one and needs a reason.
   */
  async move(
    viewer: ViewerClaims,
    audit: AuditWriter,
    id: string,
    to: ReferralStatus,
    opts: { reason?: string | null; sourceSystem?: string | null; personExternalId?: string | null },
  ): Promise<IncomingReferral> {
    assertMay(viewer, 'ANSWER_REFERRAL', { holder: this.agency });
    assertArgs(
      uuidArg('id', id),
      textArg('reason', opts.reason, 2000),
      textArg('sourceSystem', opts.sourceSystem, 64),
      textArg('personExternalId', opts.personExternalId, 128),
    );
    if (to === 'DECLINED' && !opts.reason?.trim())
      bad([fieldError('reason', 'REQUIRED', 'say why it is declined')]);
    let personId: string | null = null;
    if (opts.sourceSystem || opts.personExternalId) {
      const [person] = await this.ds.query(
        `SELECT id FROM ${this.personTable} WHERE source_system = $1 AND external_id = $2`,
        [opts.sourceSystem ?? '', opts.personExternalId ?? ''],
      );
      if (!person) bad([fieldError('personExternalId', 'UNKNOWN_REFERENCE', 'no such person record')]);
      personId = person.id as string;
    }
    const row = await this.ds.transaction(async (m) => {
      const r = await this.locked(m, 'incoming_service_referral', id);
      assertMove(r.status as ReferralStatus, to);
      const linked = personId ?? (r.person_id as string | null);
      if (to === 'ACCEPTED' && !linked)
        bad([
          fieldError('personExternalId', 'REQUIRED', 'accepting links your own person record of the child'),
        ]);
      if (personId && r.person_id && personId !== r.person_id)
        bad([fieldError('personExternalId', 'OUT_OF_RANGE', 'the referral is linked to another record')]);
      const [u] = await m.query(
        `WITH u AS (UPDATE incoming_service_referral SET status = $2, person_id = $3, updated_at = now() WHERE id = $1 RETURNING *)
         SELECT * FROM u`,
        [id, to, linked],
      );
      await m.query(
        `INSERT INTO incoming_service_referral_event (incoming_referral_id, status, reason, changed_by) VALUES ($1, $2, $3, $4)`,
        [id, to, opts.reason ?? null, viewer.sub],
      );
      // REFERRAL_STATUS_CHANGED, in this transaction, about the receiver's own record of the child
      // (its policy, the referral's category, decides who hears of it: a Part 2 referral's status
      // reaches only a subscriber a consent names)
      if (linked)
        await enqueueEvent(m, {
          type: 'REFERRAL_STATUS_CHANGED',
          personId: linked,
          recordKind: 'REFERRAL',
          recordId: id,
          category: r.category as string,
        });
      return u as Row;
    });
    await this.audit(audit, {
      recordIds: row.person_id ? [row.person_id as string] : [],
      categories: [row.category as string],
      decision: `REFERRAL_${to}` as AuditEntry['decision'],
      rule: `REFERRAL_FROM_${row.referrer_agency as string}`,
    });
    return incomingOf(row);
  }

  /** The referrals this agency received (its own staff), newest first, at most `first`. */
  async incoming(viewer: ViewerClaims, status: string | null, first: number): Promise<IncomingReferral[]> {
    if (viewer.agency !== this.agency || !may(viewer, 'ANSWER_REFERRAL', { holder: this.agency })) return [];
    const rows: Row[] = await this.ds.query(
      `SELECT * FROM incoming_service_referral WHERE ($1::text IS NULL OR status = $1) ORDER BY received_at DESC, id LIMIT $2`,
      [status, first],
    );
    return rows.map(incomingOf);
  }

  /** The receiver's history of an incoming referral. */
  async incomingHistory(id: string): Promise<ReferralStatusChange[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT * FROM incoming_service_referral_event WHERE incoming_referral_id = $1 ORDER BY id`,
      [id],
    );
    return rows.map(changeOf);
  }

  /** The incoming referrals one referrer sent, by its referral ids, with whether their person
   *  record may leave this agency at all and whether its existence is protected. */
  async incomingFrom(
    referrer: string,
    referralIds: string[],
  ): Promise<Array<Row & { leaves: boolean; existence_protected: boolean }>> {
    return this.ds.query(
      `SELECT i.*, CASE WHEN p.id IS NULL THEN true ELSE (${this.leavesSql}) END AS leaves,
              CASE WHEN p.id IS NULL THEN false ELSE (${this.existenceProtectedSql}) END AS existence_protected
         FROM incoming_service_referral i LEFT JOIN ${this.personTable} p ON p.id = i.person_id
        WHERE i.referrer_agency = $1 AND i.referrer_referral_id = ANY($2::uuid[])`,
      [referrer, referralIds],
    );
  }

  private async locked(
    m: EntityManager,
    table: 'service_referral' | 'incoming_service_referral',
    id: string,
  ): Promise<Row> {
    const [r] = isUuid(id) ? await m.query(`SELECT * FROM ${table} WHERE id = $1 FOR UPDATE`, [id]) : [];
    if (!r) throw errorCodes.NOT_FOUND.err('No such referral', { field: 'id' });
    return r;
  }
}
