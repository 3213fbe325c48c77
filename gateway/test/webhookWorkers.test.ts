import { enqueueEvent, type PurposeOfUse, type Role } from '@wholechild/shared';
import { put } from './consentFixture';
import { startTestPlatform, type TestPlatform } from './helpers';
import { startReceiver, waitFor } from './webhookReceiver';

jest.setTimeout(120_000);

const integration = { roles: ['INTEGRATION' as Role], purposeOfUse: 'OPERATIONS' as PurposeOfUse };

/** The delivery worker as a second replica would run it, and the outbox API other code calls. */
describe('WebhookDispatcher', () => {
  let p: TestPlatform;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const kids = ['ana', 'ben', 'cai'];

  beforeAll(async () => {
    // no poller: the test runs the workers itself, several at once
    p = await startTestPlatform({ env: { WEBHOOK_POLL_INTERVAL_MS: '0', WEBHOOK_RETRY_BASE_MS: '10' } });
    receiver = await startReceiver();
    await put(p, 'EDUCATION', 'EducationSchool', {
      externalId: 'school',
      name: 'Lincoln Middle',
      ncesSchoolId: '060000000002',
      schoolType: 'MIDDLE',
      city: 'Witney',
    });
    for (const [i, k] of kids.entries()) {
      const demo = {
        externalId: k,
        givenName: k.toUpperCase(),
        familyName: 'Moss',
        birthDate: `2013-0${i + 1}-0${i + 2}`,
      };
      await put(p, 'CHILD_WELFARE', 'ChildWelfarePerson', demo);
      await put(p, 'CHILD_WELFARE', 'ChildWelfareCase', {
        externalId: `${k}-case`,
        personExternalId: k,
        openedDate: '2026-01-10',
        serviceComponent: 'FAMILY_MAINTENANCE',
      });
      await put(p, 'EDUCATION', 'EducationStudent', demo);
      await put(p, 'EDUCATION', 'EducationEnrollment', {
        externalId: `${k}-enr`,
        personExternalId: k,
        schoolExternalId: 'school',
        schoolYear: 2026,
        gradeLevel: '07',
        entryDate: '2026-08-20',
        entryCode: 'NEW',
      });
    }
    await p.syncFeeds();
  });

  afterAll(async () => {
    await receiver?.close();
    await p?.dispose();
  });

  it('two workers at once send each event once, in order per child; enqueueEvent commits with its transaction or not at all', async () => {
    const worker = p.agencies.CHILD_WELFARE!.dispatcher;
    await worker.runOnce(); // the seed's events, before anyone subscribed
    const created = await p.gql(
      'EDUCATION',
      `mutation($s: WebhookSubscriptionInput!) { createChildWelfareWebhookSubscription(subscription: $s) { secret subscription { id } } }`,
      {
        s: {
          callbackUrl: receiver.url('/twin'),
          eventTypes: ['PLACEMENT_CHANGED', 'TEAM_MEMBERSHIP_CHANGED'],
          role: 'FOSTER_CARE_LIAISON',
        },
      },
      integration,
    );
    expect(created.body.errors).toBeUndefined();
    // four placements of each child, written one after another
    for (let n = 1; n <= 4; n++)
      for (const k of kids)
        await put(p, 'CHILD_WELFARE', 'ChildWelfarePlacement', {
          externalId: `${k}-pl${n}`,
          personExternalId: k,
          caseExternalId: `${k}-case`,
          providerName: 'Resource family',
          placementType: 'RESOURCE_FAMILY',
          startDate: `2026-0${n}-01`,
        });
    // code holding a transaction (a team change, a referral's status) enqueues through the kit
    const ds = p.agencies.CHILD_WELFARE!.db.dataSource;
    const [ana] = await ds.query(`SELECT id FROM person WHERE external_id = 'ana'`);
    const team = '00000000-0000-4000-8000-000000000001';
    const event = {
      type: 'TEAM_MEMBERSHIP_CHANGED' as const,
      personId: ana.id,
      recordKind: 'TEAM',
      recordId: team,
      category: 'CASE',
    };
    await expect(
      ds.transaction(async (em) => {
        await enqueueEvent(em, event);
        throw new Error('the change fails after the event was enqueued');
      }),
    ).rejects.toThrow('the change fails');
    const committed = await ds.transaction((em) => enqueueEvent(em, event));

    const outbox: Array<{ id: string; person_id: string }> = await ds.query(
      `SELECT id, person_id FROM event_outbox WHERE fanned_out_at IS NULL ORDER BY seq`,
    );
    expect(outbox).toHaveLength(13);
    expect(outbox.at(-1)!.id).toBe(committed);
    // three workers (replicas) at once, pass after pass, until nothing is pending
    await waitFor('all delivered', async () => {
      await Promise.all([worker.runOnce(), worker.runOnce(), worker.runOnce()]);
      return receiver.accepted('/twin').length >= outbox.length;
    });
    await Promise.all([worker.runOnce(), worker.runOnce()]);
    const got = receiver.accepted('/twin');
    // sent once each: never two workers on one delivery (FOR UPDATE SKIP LOCKED)
    expect(receiver.receipts.filter((r) => r.path === '/twin')).toHaveLength(outbox.length);
    expect(got.map((r) => r.payload.id).sort()).toEqual(outbox.map((e) => e.id).sort());
    // in order per child, whichever worker sent it
    for (const person of new Set(outbox.map((e) => e.person_id))) {
      const order = outbox.filter((e) => e.person_id === person).map((e) => e.id);
      expect(got.filter((r) => order.includes(r.payload.id)).map((r) => r.payload.id)).toEqual(order);
    }
    expect(got.find((r) => r.payload.id === committed)!.payload).toMatchObject({
      type: 'TEAM_MEMBERSHIP_CHANGED',
      recordKind: 'TEAM',
      recordId: team,
    });
  });
});
