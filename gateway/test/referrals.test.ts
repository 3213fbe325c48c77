import {
  REFERRAL_RECEIVE_ROUTE,
  representationKeyOf,
  sealHandover,
  type PurposeOfUse,
  type Role,
} from '@wholechild/shared';
import { newConsent, tokenFor } from '@wholechild/shared/testing';
import { runServicesImport, SAMPLE_DIRECTORY } from '../../scripts/servicesImport';
import { startTestPlatform, type TestPlatform } from './helpers';
import { CASEY, DANA, seedFixture, SRC } from './consentFixture';

/*
 * Closed-loop referrals through the gateway on the real platform: child welfare refers Casey to
 * behavioral health; behavioral health accepts, completes or declines; child welfare sees each
 * status only when behavioral health's policy lets it (a consent in force naming child welfare for
 * the referral's category), and otherwise that it sent the referral, nothing more.
 */
const caseworker = {
  roles: ['CASEWORKER' as Role],
  purposeOfUse: 'CARE_COORDINATION' as PurposeOfUse,
  sub: 'cw-7',
};
const clinician = { roles: ['CLINICIAN' as Role], purposeOfUse: 'TREATMENT' as PurposeOfUse, sub: 'bh-3' };
/** Youth Mentoring, in the sample directory. */
const MENTORING = '5e000000-0000-4000-8000-000000000006';
const REFERRAL =
  'id recordId toAgency category need status statusShared history { status reason onProviderWord } createdBy';
const INCOMING = 'id fromAgency fromRecordId category need status recordId sentBy history { status reason }';

describe('closed-loop referrals between agencies', () => {
  let p: TestPlatform;
  /** The first test's referral and the consent that lets child welfare see it. */
  let first = { referral: '', consent: '' };
  const cw = (q: string, v?: Record<string, unknown>) => p.gql('CHILD_WELFARE', q, v, caseworker);
  const bh = (q: string, v?: Record<string, unknown>) => p.gql('BEHAVIORAL_HEALTH', q, v, clinician);
  const refer = async (category: string, need = 'Trauma-focused therapy after a placement move') => {
    const res = await cw(
      `mutation($r: ServiceReferralInput!) { referChildWelfareChild(referral: $r) { ${REFERRAL} } }`,
      {
        r: { sourceSystem: SRC, personExternalId: CASEY.ext, toAgency: 'BEHAVIORAL_HEALTH', category, need },
      },
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data.referChildWelfareChild;
  };
  const outgoing = async () => {
    const res = await cw(
      `query($s: String!, $e: String!) { childWelfareServiceReferrals(sourceSystem: $s, personExternalId: $e) { ${REFERRAL} } }`,
      { s: SRC, e: CASEY.ext },
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data.childWelfareServiceReferrals as Array<Record<string, unknown>>;
  };
  const seen = async (id: string) => (await outgoing()).find((r) => r.id === id)!;
  /** Behavioral health's incoming referrals, newest first (it knows the referrer's record, not the
   *  referrer's referral id). */
  const incoming = async () => {
    const res = await bh(`{ behavioralHealthIncomingServiceReferrals { ${INCOMING} } }`);
    expect(res.body.errors).toBeUndefined();
    return res.body.data.behavioralHealthIncomingServiceReferrals as Array<Record<string, unknown>>;
  };
  const answer = (verb: 'accept' | 'decline' | 'complete', id: string, more = '') =>
    bh(`mutation { ${verb}BehavioralHealthServiceReferral(id: "${id}"${more}) { ${INCOMING} } }`);
  const bhAudit = () =>
    p
      .owner('behavioral-health')
      .query(
        `SELECT decision, rule, categories, consent_id, actor FROM audit_event WHERE rule LIKE 'REFERRAL%' ORDER BY id`,
      );

  beforeAll(async () => {
    p = await startTestPlatform();
    await seedFixture(p);
  }, 180_000);
  afterAll(() => p?.dispose());

  it('is sent, accepted and completed; the referrer sees each status only with a consent naming it', async () => {
    const sent = await refer('MENTAL_HEALTH');
    expect(sent).toMatchObject({
      toAgency: 'BEHAVIORAL_HEALTH',
      category: 'MENTAL_HEALTH',
      status: 'SENT',
      statusShared: false,
      history: [{ status: 'SENT', reason: null, onProviderWord: false }],
      createdBy: 'cw-7',
    });
    // behavioral health received it: the referrer's record id and words, never its records
    const [received] = await incoming();
    expect(received).toMatchObject({
      fromAgency: 'CHILD_WELFARE',
      fromRecordId: sent.recordId,
      category: 'MENTAL_HEALTH',
      status: 'SENT',
      recordId: null,
      sentBy: 'cw-7',
      history: [{ status: 'SENT' }],
    });
    const accepted = await answer(
      'accept',
      received!.id as string,
      `, sourceSystem: "${SRC}", personExternalId: "${CASEY.ext}"`,
    );
    expect(accepted.body.errors).toBeUndefined();
    expect(accepted.body.data.acceptBehavioralHealthServiceReferral).toMatchObject({ status: 'ACCEPTED' });
    // no consent yet: child welfare sees that it sent the referral, and nothing more
    expect(await seen(sent.id)).toMatchObject({
      status: 'SENT',
      statusShared: false,
      history: [{ status: 'SENT' }],
    });
    expect((await bhAudit()).filter((r: { decision: string }) => r.decision === 'DENY')).toEqual([
      expect.objectContaining({
        rule: 'REFERRAL_STATUS_NO_CONSENT',
        categories: ['MENTAL_HEALTH'],
        actor: 'cw-7',
      }),
    ]);
    // the youth consents to behavioral health telling child welfare about mental health care
    const consent = await p.gql(
      'BEHAVIORAL_HEALTH',
      `mutation($c: ConsentInput!) { recordBehavioralHealthConsent(consent: $c) { id } }`,
      {
        c: newConsent({
          sourceSystem: SRC,
          personExternalId: CASEY.ext,
          grantorType: 'YOUTH',
          categories: ['MENTAL_HEALTH'],
          recipientAgencies: ['CHILD_WELFARE'],
          purposes: ['CARE_COORDINATION'],
        }),
      },
      clinician,
    );
    expect(consent.body.errors).toBeUndefined();
    const consentId = consent.body.data.recordBehavioralHealthConsent.id;
    first = { referral: sent.id, consent: consentId };
    expect(await seen(sent.id)).toMatchObject({
      status: 'ACCEPTED',
      statusShared: true,
      history: [{ status: 'SENT' }, { status: 'ACCEPTED' }],
    });
    const done = await answer('complete', received!.id as string, `, note: "Eight sessions attended"`);
    expect(done.body.data.completeBehavioralHealthServiceReferral.status).toBe('COMPLETED');
    expect(await seen(sent.id)).toMatchObject({
      status: 'COMPLETED',
      history: [
        { status: 'SENT' },
        { status: 'ACCEPTED' },
        { status: 'COMPLETED', reason: 'Eight sessions attended' },
      ],
    });
    // each answer was announced in its own transaction, about behavioral health's record, under
    // the referral's category (its policy decides which subscriber hears of it)
    const announced = await p
      .owner('behavioral-health')
      .query(
        `SELECT record_kind, record_id, category FROM event_outbox WHERE type = 'REFERRAL_STATUS_CHANGED' ORDER BY id`,
      );
    expect(announced).toEqual([
      { record_kind: 'REFERRAL', record_id: received!.id, category: 'MENTAL_HEALTH' },
      { record_kind: 'REFERRAL', record_id: received!.id, category: 'MENTAL_HEALTH' },
    ]);
    // every answer and every disclosure of it is in behavioral health's trail, with the consent
    const trail = await bhAudit();
    expect(trail.map((r: { decision: string }) => r.decision)).toEqual(
      expect.arrayContaining(['REFERRAL_RECEIVED', 'REFERRAL_ACCEPTED', 'REFERRAL_COMPLETED', 'PERMIT']),
    );
    expect(trail.filter((r: { decision: string }) => r.decision === 'PERMIT')[0]).toMatchObject({
      rule: 'REFERRAL_STATUS_CONSENT',
      consent_id: consentId,
    });
  });

  it('a Part 2 referral tells the referrer nothing a never-answered one would not (privacy by comparison)', async () => {
    // the consent in force names child welfare for MENTAL_HEALTH only, not for SUD
    const sud = await refer('SUD', 'Substance use assessment');
    const untouched = await refer('SUD', 'Substance use assessment');
    const all = (await incoming()).filter((r) => r.category === 'SUD');
    expect(all).toHaveLength(2);
    // newest first: the older one is `sud`'s
    await answer(
      'accept',
      all[1]!.id as string,
      `, sourceSystem: "${SRC}", personExternalId: "${CASEY.ext}"`,
    );
    const views = await Promise.all([seen(sud.id), seen(untouched.id)]);
    const shape = (r: Record<string, unknown>) => ({ ...r, id: undefined });
    expect(shape(views[0])).toEqual(shape(views[1]));
    expect(views[0]).toMatchObject({ status: 'SENT', statusShared: false });
  });

  it('a decline carries its reason back; a bad move is a typed error that changes nothing', async () => {
    const sent = await refer('MENTAL_HEALTH', 'Family therapy');
    const mine = (await incoming()).find((r) => r.need === 'Family therapy')!;
    const noReason = await answer('decline', mine.id as string, `, reason: "  "`);
    expect(noReason.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const declined = await answer(
      'decline',
      mine.id as string,
      `, reason: "No family therapist until spring"`,
    );
    expect(declined.body.data.declineBehavioralHealthServiceReferral.status).toBe('DECLINED');
    // declined before intake: behavioral health holds no record of the child to protect
    expect(await seen(sent.id)).toMatchObject({
      status: 'DECLINED',
      statusShared: true,
      history: [{ status: 'SENT' }, { status: 'DECLINED', reason: 'No family therapist until spring' }],
    });
    const bad = await answer('complete', mine.id as string);
    expect(bad.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'status',
      errors: [{ field: 'status', code: 'OUT_OF_RANGE' }],
    });
    expect(bad.body.errors[0].message).toMatch(/DECLINED referral cannot become COMPLETED/);
    const after = (await incoming()).find((r) => r.id === mine.id)!;
    expect(after).toMatchObject({
      status: 'DECLINED',
      history: [{ status: 'SENT' }, { status: 'DECLINED' }],
    });
    const again = await answer(
      'accept',
      mine.id as string,
      `, sourceSystem: "${SRC}", personExternalId: "${CASEY.ext}"`,
    );
    expect(again.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await incoming()).find((r) => r.id === mine.id)).toEqual(after);
  });

  it('each side owns its part: no other agency answers or reads them, and a refused hand-over stores nothing', async () => {
    const [some] = await incoming();
    const educator = { roles: ['EDUCATOR' as Role], purposeOfUse: 'CARE_COORDINATION' as PurposeOfUse };
    const foreign = await p.gql(
      'EDUCATION',
      `mutation { completeBehavioralHealthServiceReferral(id: "${some!.id}") { id } }`,
      undefined,
      educator,
    );
    expect(foreign.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const list = await p.gql(
      'EDUCATION',
      `query($s: String!, $e: String!) { childWelfareServiceReferrals(sourceSystem: $s, personExternalId: $e) { id } }`,
      { s: SRC, e: CASEY.ext },
      educator,
    );
    expect(list.body.data.childWelfareServiceReferrals).toEqual([]);
    const before = (await outgoing()).length;
    const wrong = await cw(
      `mutation($r: ServiceReferralInput!) { referChildWelfareChild(referral: $r) { id } }`,
      {
        r: {
          sourceSystem: SRC,
          personExternalId: CASEY.ext,
          toAgency: 'BEHAVIORAL_HEALTH',
          category: 'HOUSING_STAY',
          need: 'x',
        },
      },
    );
    expect(wrong.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'category' });
    const both = await cw(
      `mutation($r: ServiceReferralInput!) { referChildWelfareChild(referral: $r) { id } }`,
      { r: { sourceSystem: SRC, personExternalId: CASEY.ext, category: 'MENTAL_HEALTH', need: 'x' } },
    );
    expect(both.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'toAgency',
      errors: [{ field: 'toAgency', code: 'DEPENDS_ON' }],
    });
    expect(await outgoing()).toHaveLength(before);
  });

  it("a hand-over comes from the referrer's system only: a caseworker's token alone, or another receiver's seal, is refused and stores nothing", async () => {
    const before = (await incoming()).length;
    const [{ id: record }] = await p
      .owner('child-welfare')
      .query(`SELECT id FROM person WHERE external_id = $1`, [CASEY.ext]);
    const token = tokenFor('CHILD_WELFARE', caseworker, p.config);
    const h = {
      referrer: 'CHILD_WELFARE',
      referralId: '7a000000-0000-4000-8000-000000000001',
      recordId: record,
      category: 'MENTAL_HEALTH',
      need: 'Handed over around the referrer',
    };
    const handOver = (seal?: string) => {
      const url = new URL(REFERRAL_RECEIVE_ROUTE, p.subgraphUrls['behavioral-health']);
      url.search = new URLSearchParams({
        referrer: h.referrer,
        referral: h.referralId,
        record: h.recordId,
        category: h.category,
        need: h.need,
        ...(seal ? { seal } : {}),
      }).toString();
      return fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    };
    const key = representationKeyOf(p.config);
    for (const seal of [
      undefined,
      sealHandover(key, 'HOUSING', h, token), // another receiver's
      sealHandover(key, 'BEHAVIORAL_HEALTH', { ...h, need: 'something else' }, token), // another need
      sealHandover(
        key,
        'BEHAVIORAL_HEALTH',
        h,
        tokenFor('CHILD_WELFARE', { ...caseworker, sub: 'cw-8' }, p.config),
      ),
    ]) {
      const res = await handOver(seal);
      expect(res.status).toBe(403);
      expect((await res.json()).errors[0].extensions.code).toBe('FORBIDDEN');
    }
    expect(await incoming()).toHaveLength(before);
    const [denial] = await p
      .owner('behavioral-health')
      .query(`SELECT decision, actor FROM audit_event WHERE decision = 'DENY' ORDER BY id DESC LIMIT 1`);
    expect(denial).toEqual({ decision: 'DENY', actor: 'cw-7' });
    // the referrer's own seal, as its system gives it, is taken
    const sealed = await handOver(sealHandover(key, 'BEHAVIORAL_HEALTH', h, token));
    expect(sealed.status).toBe(200);
    expect(await incoming()).toHaveLength(before + 1);
  });

  it('a referral to a directory service is updated by the referrer on the provider’s word, marked so', async () => {
    const toService = (toServiceId: string) =>
      cw(
        `mutation($r: ServiceReferralInput!) { referChildWelfareChild(referral: $r) { id toAgency status toService { name } } }`,
        {
          r: {
            sourceSystem: SRC,
            personExternalId: CASEY.ext,
            toServiceId,
            category: 'MENTORING',
            need: 'A mentor',
          },
        },
      );
    // a service the directory does not hold: a typed error, nothing stored
    const before = (await outgoing()).length;
    const unknown = await toService('00000000-0000-4000-8000-000000000001');
    expect(unknown.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'toServiceId',
      errors: [{ field: 'toServiceId', code: 'UNKNOWN_REFERENCE' }],
    });
    expect(await outgoing()).toHaveLength(before);
    await runServicesImport({
      folder: SAMPLE_DIRECTORY,
      agency: 'HOUSING',
      databaseUrl: p.databaseUrl,
      config: p.config,
    });
    const res = await toService(MENTORING);
    expect(res.body.data.referChildWelfareChild).toMatchObject({
      toAgency: null,
      status: 'SENT',
      toService: { name: 'Youth Mentoring' },
    });
    const id = res.body.data.referChildWelfareChild.id;
    const outcome = await cw(
      `mutation { recordChildWelfareServiceReferralOutcome(id: "${id}", status: ACCEPTED) { status statusShared history { status onProviderWord } } }`,
    );
    expect(outcome.body.data.recordChildWelfareServiceReferralOutcome).toEqual({
      status: 'ACCEPTED',
      statusShared: true,
      history: [
        { status: 'SENT', onProviderWord: false },
        { status: 'ACCEPTED', onProviderWord: true },
      ],
    });
    const bad = await cw(
      `mutation { recordChildWelfareServiceReferralOutcome(id: "${id}", status: SENT) { status } }`,
    );
    expect(bad.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
  });
  it('a revoked consent ends what the referrer sees on the very next read', async () => {
    expect(await seen(first.referral)).toMatchObject({ status: 'COMPLETED', statusShared: true });
    const revoked = await p.gql(
      'BEHAVIORAL_HEALTH',
      `mutation($id: ID!) { revokeBehavioralHealthConsent(id: $id, reason: "The youth withdrew it") { status } }`,
      { id: first.consent },
      clinician,
    );
    expect(revoked.body.errors).toBeUndefined();
    expect(await seen(first.referral)).toMatchObject({
      status: 'SENT',
      statusShared: false,
      history: [{ status: 'SENT' }],
    });
  });

  it('a Part 2 client is referred only to an agency their consent in force names (42 CFR 2.31)', async () => {
    const referDana = (r: Record<string, unknown>) =>
      bh(`mutation($r: ServiceReferralInput!) { referBehavioralHealthChild(referral: $r) { id status } }`, {
        r: { sourceSystem: SRC, personExternalId: DANA.ext, category: 'HMIS', need: 'Stable housing', ...r },
      });
    const danas = async () =>
      (
        await bh(
          `query($s: String!, $e: String!) { behavioralHealthServiceReferrals(sourceSystem: $s, personExternalId: $e) { id } }`,
          { s: SRC, e: DANA.ext },
        )
      ).body.data.behavioralHealthServiceReferrals;
    const refused = await referDana({ toAgency: 'HOUSING' });
    expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(refused.body.errors[0].message).toMatch(/42 CFR 2.31/);
    const toDirectory = await referDana({ toServiceId: MENTORING });
    expect(toDirectory.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await danas()).toEqual([]);
    const consent = await p.gql(
      'BEHAVIORAL_HEALTH',
      `mutation($c: ConsentInput!) { recordBehavioralHealthConsent(consent: $c) { id } }`,
      {
        c: newConsent({
          sourceSystem: SRC,
          personExternalId: DANA.ext,
          grantorType: 'YOUTH',
          categories: ['SUD'],
          recipientAgencies: ['HOUSING'],
          purposes: ['CARE_COORDINATION'],
        }),
      },
      clinician,
    );
    expect(consent.body.errors).toBeUndefined();
    const sent = await referDana({ toAgency: 'HOUSING' });
    expect(sent.body.errors).toBeUndefined();
    expect(sent.body.data.referBehavioralHealthChild.status).toBe('SENT');
    expect(await danas()).toHaveLength(1);
  });

  it('over HTTP too: a long need in any script is handed over; a receiver down stores nothing and tells nothing', async () => {
    const cwService = p.agencies.CHILD_WELFARE!;
    cwService.setSubgraphUrls(p.subgraphUrls, {});
    try {
      // every character percent-encodes to 9 bytes: the hand-over's URL stays under Node's limit
      const long = await refer('MENTAL_HEALTH', '€'.repeat(1000));
      expect(long.need).toHaveLength(1000);
      const tooLong = await cw(
        `mutation($r: ServiceReferralInput!) { referChildWelfareChild(referral: $r) { id } }`,
        {
          r: {
            sourceSystem: SRC,
            personExternalId: CASEY.ext,
            toAgency: 'BEHAVIORAL_HEALTH',
            category: 'MENTAL_HEALTH',
            need: 'x'.repeat(1001),
          },
        },
      );
      expect(tooLong.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'need' });
      const before = await outgoing();
      await p.stopSubgraph('behavioral-health');
      try {
        const down = await cw(
          `mutation($r: ServiceReferralInput!) { referChildWelfareChild(referral: $r) { id } }`,
          {
            r: {
              sourceSystem: SRC,
              personExternalId: CASEY.ext,
              toAgency: 'BEHAVIORAL_HEALTH',
              category: 'MENTAL_HEALTH',
              need: 'x',
            },
          },
        );
        expect(down.body.errors[0].extensions).toMatchObject({
          code: 'UPSTREAM_UNAVAILABLE',
          field: 'toAgency',
        });
        // the receiver down: every referral to it reads as sent, nothing more
        const now = await outgoing();
        expect(now.map((r) => r.id)).toEqual(before.map((r) => r.id));
        for (const r of now.filter((x) => x.toAgency === 'BEHAVIORAL_HEALTH'))
          expect(r).toMatchObject({ status: 'SENT', statusShared: false });
      } finally {
        await p.restartSubgraph('behavioral-health');
      }
    } finally {
      cwService.setSubgraphUrls(p.subgraphUrls, {});
    }
  });
});
