import { Client } from 'pg';
import { schemaOf, verifyWebhookSignature, type PurposeOfUse, type Role } from '@wholechild/shared';
import { put } from './consentFixture';
import { startTestPlatform, type TestPlatform } from './helpers';
import { startReceiver, waitFor } from './webhookReceiver';

jest.setTimeout(120_000);

const integration = { roles: ['INTEGRATION' as Role], purposeOfUse: 'OPERATIONS' as PurposeOfUse };
const officer = { roles: ['PRIVACY_OFFICER' as Role], purposeOfUse: 'AUDIT' as PurposeOfUse };

const SUBSCRIBE = `mutation($s: WebhookSubscriptionInput!) {
  createChildWelfareWebhookSubscription(subscription: $s) {
    secret subscription { id subscriberAgency role purposeOfUse callbackUrl eventTypes active }
  }
}`;
const LOG = `query($id: ID!, $first: Int, $after: String) {
  childWelfareWebhookDeliveryLog(subscriptionId: $id, first: $first, after: $after) {
    edges { cursor node { eventId eventType attempt statusCode error durationMs delivered attemptedAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const person = (ext: string, givenName: string, birthDate: string) => ({
  externalId: ext,
  givenName,
  familyName: 'Okafor',
  birthDate,
});

/** A child known to child welfare (with a case) and, unless `schoolless`, enrolled at school. */
async function seedChild(p: TestPlatform, ext: string, name: string, birthDate: string, schoolless = false) {
  await put(p, 'CHILD_WELFARE', 'ChildWelfarePerson', person(ext, name, birthDate));
  await put(p, 'CHILD_WELFARE', 'ChildWelfareCase', {
    externalId: `${ext}-case`,
    personExternalId: ext,
    openedDate: '2026-01-10',
    serviceComponent: 'FAMILY_REUNIFICATION',
  });
  if (schoolless) return;
  await put(p, 'EDUCATION', 'EducationStudent', person(ext, name, birthDate));
  await put(p, 'EDUCATION', 'EducationEnrollment', {
    externalId: `${ext}-enr`,
    personExternalId: ext,
    schoolExternalId: 'school',
    schoolYear: 2026,
    gradeLevel: '07',
    entryDate: '2026-08-20',
    entryCode: 'NEW',
  });
}

const placement = (ext: string, n: number, extra: Record<string, unknown> = {}) => ({
  externalId: `${ext}-pl${n}`,
  personExternalId: ext,
  caseExternalId: `${ext}-case`,
  providerName: 'Resource family',
  placementType: 'RESOURCE_FAMILY',
  startDate: `2026-0${n}-01`,
  ...extra,
});

describe('Webhook notifications', () => {
  let p: TestPlatform;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let cw: ReturnType<TestPlatform['owner']>;
  /** Child welfare's outbox and deliveries drained (fan-out done, nothing pending). The index
   *  pulls the feeds as its interval would (a subscriber holding no record of a child is told
   *  apart from one whose record the index has not read yet only once it has read its feed). */
  const drained = async () => {
    await p.syncFeeds();
    await p.agencies.CHILD_WELFARE!.dispatcher.runOnce();
    const [r] = await cw.query(
      `SELECT (SELECT count(*) FROM event_outbox WHERE fanned_out_at IS NULL)::int
            + (SELECT count(*) FROM webhook_delivery WHERE status = 'PENDING')::int AS n`,
    );
    return r.n === 0;
  };

  beforeAll(async () => {
    p = await startTestPlatform({
      env: {
        WEBHOOK_POLL_INTERVAL_MS: '25',
        WEBHOOK_RETRY_BASE_MS: '40',
        WEBHOOK_RETRY_MAX_MS: '160',
        WEBHOOK_TIMEOUT_MS: '2000',
      },
    });
    receiver = await startReceiver();
    cw = p.owner('child-welfare');
    await put(p, 'EDUCATION', 'EducationSchool', {
      externalId: 'school',
      name: 'Lincoln Middle',
      ncesSchoolId: '060000000002',
      schoolType: 'MIDDLE',
      city: 'Witney',
    });
    await seedChild(p, 'casey', 'Casey', '2013-05-06');
    await seedChild(p, 'jo', 'Jo', '2014-02-03');
    await seedChild(p, 'lee', 'Lee', '2012-09-10', true);
    await p.syncFeeds();
  });

  afterAll(async () => {
    await receiver?.close();
    await p?.dispose();
  });

  it('refuses bad subscriptions with typed errors, and creates none', async () => {
    const good = {
      callbackUrl: receiver.url('/x'),
      eventTypes: ['PLACEMENT_CHANGED'],
      role: 'FOSTER_CARE_LIAISON',
    };
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ ...good, callbackUrl: 'https://example.org/hook' }, 'callbackUrl', 'INVALID_FORMAT'],
      [{ ...good, callbackUrl: 'not a url' }, 'callbackUrl', 'INVALID_FORMAT'],
      [{ ...good, callbackUrl: 'http://user:pw@127.0.0.1/hook' }, 'callbackUrl', 'INVALID_FORMAT'],
      [{ ...good, callbackUrl: 'ftp://127.0.0.1/hook' }, 'callbackUrl', 'INVALID_FORMAT'],
      [{ ...good, callbackUrl: `http://127.0.0.1/${'a'.repeat(2001)}` }, 'callbackUrl', 'TOO_LONG'],
      [{ ...good, eventTypes: [] }, 'eventTypes', 'REQUIRED'],
      // education announces enrollments, not child welfare
      [{ ...good, eventTypes: ['SCHOOL_ENROLLMENT_CHANGED'] }, 'eventTypes', 'INVALID_ENUM'],
      // a role education does not issue
      [{ ...good, role: 'PROBATION_OFFICER' }, 'role', 'INVALID_ENUM'],
      [{ ...good, purposeOfUse: 'ANALYTICS' }, 'purposeOfUse', 'INVALID_ENUM'],
    ];
    for (const [input, field, code] of cases) {
      const res = await p.gql('EDUCATION', SUBSCRIBE, { s: input }, integration);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(res.body.errors[0].extensions.errors.map((e: { code: string }) => e.code)).toContain(code);
    }
    // not an integration account: refused
    const liaison = await p.gql('EDUCATION', SUBSCRIBE, { s: good }, { roles: ['FOSTER_CARE_LIAISON'] });
    expect(liaison.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const [{ n }] = await cw.query(`SELECT count(*)::int AS n FROM webhook_subscription`);
    expect(n).toBe(0);
  });

  it('a placement change reaches the school foster-care liaison once, in order per child, signed, after the receiver was down', async () => {
    await waitFor('the seed events fanned out', drained);
    const created = await p.gql(
      'EDUCATION',
      SUBSCRIBE,
      {
        s: {
          callbackUrl: receiver.url('/liaison'),
          eventTypes: ['PLACEMENT_CHANGED'],
          role: 'FOSTER_CARE_LIAISON',
        },
      },
      integration,
    );
    expect(created.body.errors).toBeUndefined();
    const { secret, subscription } = created.body.data.createChildWelfareWebhookSubscription;
    expect(secret).toMatch(/^whsec_/);
    expect(subscription).toMatchObject({
      subscriberAgency: 'EDUCATION',
      role: 'FOSTER_CARE_LIAISON',
      purposeOfUse: 'CARE_COORDINATION',
      active: true,
    });
    // probation's officers may not see placements without a consent: subscribed, hears nothing
    const probation = await p.gql(
      'PROBATION',
      SUBSCRIBE,
      {
        s: {
          callbackUrl: receiver.url('/probation'),
          eventTypes: ['PLACEMENT_CHANGED'],
          role: 'PROBATION_OFFICER',
        },
      },
      integration,
    );
    expect(probation.body.errors).toBeUndefined();
    await put(p, 'PROBATION', 'ProbationYouth', person('casey', 'Casey', '2013-05-06'));
    await p.syncFeeds();

    // the receiver is down: it answers 503 for a while, then refuses connections
    receiver.state.mode = 'down';
    const ids = {
      casey1: await put(p, 'CHILD_WELFARE', 'ChildWelfarePlacement', placement('casey', 1)),
      jo1: await put(p, 'CHILD_WELFARE', 'ChildWelfarePlacement', placement('jo', 1)),
      lee1: await put(p, 'CHILD_WELFARE', 'ChildWelfarePlacement', placement('lee', 1)),
    };
    // the placement ends and a new one begins: two more events for Casey, after the first
    await put(
      p,
      'CHILD_WELFARE',
      'ChildWelfarePlacement',
      placement('casey', 1, { endDate: '2026-02-28', endReason: 'MOVE' }),
    );
    const casey2 = await put(p, 'CHILD_WELFARE', 'ChildWelfarePlacement', placement('casey', 2));
    // an identical re-send changes nothing: no event
    await put(p, 'CHILD_WELFARE', 'ChildWelfarePlacement', placement('casey', 2));

    // a rolled-back change emits nothing: inside its transaction the outbox row exists, after it not
    const client = new Client({
      connectionString: p.databaseUrl,
      options: `-c search_path=${schemaOf('child-welfare')},public`,
    });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE placement SET end_date = '2026-06-30' WHERE id = $1`, [casey2]);
      const inside = await client.query(`SELECT count(*)::int AS n FROM event_outbox WHERE record_id = $1`, [
        casey2,
      ]);
      expect(inside.rows[0].n).toBe(2);
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
    const [after] = await cw.query(`SELECT count(*)::int AS n FROM event_outbox WHERE record_id = $1`, [
      casey2,
    ]);
    expect(after.n).toBe(1);

    const outbox: Array<{ id: string; person_id: string; record_id: string }> = await cw.query(
      `SELECT id, person_id, record_id FROM event_outbox WHERE type = 'PLACEMENT_CHANGED'
        AND record_id = ANY ($1::uuid[]) ORDER BY seq`,
      [[ids.casey1, ids.jo1, ids.lee1, casey2]],
    );
    expect(outbox).toHaveLength(5); // casey1 ×2, jo1, lee1, casey2
    const failing = () => receiver.receipts.filter((r) => r.path === '/liaison' && r.status === 503);
    await waitFor('retries while down', () => failing().length >= 4);
    // Casey's first event keeps failing; her later events wait behind it (order per child)
    expect(new Set(failing().map((r) => r.payload.recordId))).toEqual(new Set([ids.casey1, ids.jo1]));
    receiver.state.mode = 'refuse';
    await waitFor('attempts on a refused connection', async () => {
      const [r] = await cw.query(`SELECT count(*)::int AS n FROM webhook_attempt WHERE status_code IS NULL`);
      return r.n >= 2;
    });
    receiver.state.mode = 'up';

    const expected = outbox.filter((e) => e.record_id !== ids.lee1).map((e) => e.id);
    await waitFor('every event delivered', () => receiver.accepted('/liaison').length >= expected.length);
    await waitFor('nothing pending', drained);
    const accepted = receiver.accepted('/liaison');
    // once each: no event accepted twice (the idempotency key is the event id)
    expect(accepted.map((r) => r.idempotencyKey).sort()).toEqual([...expected].sort());
    expect(accepted.every((r) => r.idempotencyKey === r.payload.id)).toBe(true);
    // in order per child: Casey's in outbox order
    const caseyPerson = outbox.find((e) => e.record_id === ids.casey1)!.person_id;
    const caseyOrder = outbox.filter((e) => e.person_id === caseyPerson).map((e) => e.id);
    expect(accepted.filter((r) => caseyOrder.includes(r.payload.id)).map((r) => r.payload.id)).toEqual(
      caseyOrder,
    );
    // every delivery signed with the subscriber's secret; a changed body or another secret fails
    for (const r of receiver.receipts.filter((x) => x.path === '/liaison'))
      expect(verifyWebhookSignature(secret, r.body, r.signature)).toMatchObject({ ok: true });
    const one = accepted.find((r) => r.payload.id === caseyOrder[0])!;
    expect(verifyWebhookSignature(secret, one.body.replace('PLACEMENT', 'PLACEMENX'), one.signature).ok).toBe(
      false,
    );
    expect(verifyWebhookSignature(`${secret}x`, one.body, one.signature).ok).toBe(false);
    // a replayed delivery (stale timestamp) is refused
    expect(
      verifyWebhookSignature(secret, one.body, one.signature, { nowS: Math.floor(Date.now() / 1000) + 301 }),
    ).toMatchObject({ ok: false });

    // thin payload: the index's child, the source record; no protected value
    const child = await p.gql(
      'EDUCATION',
      `query { childByAgencyRecord(agency: EDUCATION, sourceSystem: "TEST", externalId: "casey") { id } }`,
      undefined,
      { roles: ['FOSTER_CARE_LIAISON'], purposeOfUse: 'CARE_COORDINATION' },
    );
    const caseyChild = child.body.data?.childByAgencyRecord?.id;
    expect(caseyChild).toBeTruthy();
    expect(one.payload).toEqual({
      id: caseyOrder[0],
      type: 'PLACEMENT_CHANGED',
      childId: caseyChild,
      sourceAgency: 'CHILD_WELFARE',
      recordKind: 'PLACEMENT',
      recordId: ids.casey1,
      occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(one.body).not.toContain('Resource family');

    // the liaison, with the child id, reads the placement through the gateway under policy
    const read = await p.gql(
      'EDUCATION',
      `query($id: ID!) { child(id: $id) { childWelfare { ... on ChildWelfareSection { placements { id placementType startDate providerName } } } } }`,
      { id: caseyChild },
      { roles: ['FOSTER_CARE_LIAISON'], purposeOfUse: 'CARE_COORDINATION' },
    );
    const placements = read.body.data.child.childWelfare.placements;
    expect(placements.map((x: { id: string }) => x.id)).toContain(ids.casey1);
    expect(placements.every((x: { providerName: unknown }) => x.providerName === null)).toBe(true);

    // Lee is not known to education: nothing sent, the denial audited
    expect(receiver.receipts.some((r) => r.payload.recordId === ids.lee1)).toBe(false);
    // probation's officer is not allowed placements by child welfare's policy: nothing sent
    expect(receiver.receipts.filter((r) => r.path === '/probation')).toEqual([]);
    const trail = await p.gql(
      'CHILD_WELFARE',
      `query { childWelfareAuditTrail(decision: "DENY", first: 100) { events { actor actorAgency rule categories } } }`,
      undefined,
      officer,
    );
    const denials = trail.body.data.childWelfareAuditTrail.events as Array<Record<string, unknown>>;
    expect(denials).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actorAgency: 'EDUCATION',
          rule: 'SUBSCRIBER_NOT_LINKED',
          categories: ['PLACEMENT'],
        }),
        expect.objectContaining({ actorAgency: 'PROBATION', rule: 'NO_CONSENT', categories: ['PLACEMENT'] }),
      ]),
    );
    const [{ denied }] = await cw.query(
      `SELECT count(*)::int AS denied FROM webhook_delivery WHERE status = 'DENIED'`,
    );
    expect(denied).toBe(6); // Lee's to the liaison; Casey's four and Lee's to probation (not linked or not allowed)

    // the delivery log: each attempt, to the subscriber, paged
    const log = await p.gql('EDUCATION', LOG, { id: subscription.id, first: 500 }, integration);
    expect(log.body.errors).toBeUndefined();
    const attempts = log.body.data.childWelfareWebhookDeliveryLog.edges.map((e: { node: unknown }) => e.node);
    // oldest first, by attempt (ten or more of them: numbers, not text, in order)
    const cursors = log.body.data.childWelfareWebhookDeliveryLog.edges.map((e: { cursor: string }) =>
      Number(e.cursor),
    );
    expect(cursors.length).toBeGreaterThanOrEqual(10);
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    expect(
      attempts.filter((a: { statusCode: number }) => a.statusCode === 503).length,
    ).toBeGreaterThanOrEqual(2);
    expect(
      attempts.some(
        (a: { statusCode: null; error: string }) =>
          a.statusCode === null && /unreachable|socket|fetch failed|closed/i.test(a.error),
      ),
    ).toBe(true);
    expect(attempts.filter((a: { delivered: boolean }) => a.delivered)).toHaveLength(expected.length);
    const caseyFirst = attempts.filter((a: { eventId: string }) => a.eventId === caseyOrder[0]);
    expect(caseyFirst.map((a: { attempt: number }) => a.attempt)).toEqual(
      caseyFirst.map((_: unknown, i: number) => i + 1),
    );
    expect(caseyFirst.at(-1)).toMatchObject({ delivered: true, statusCode: 200, error: null });
    const page1 = await p.gql('EDUCATION', LOG, { id: subscription.id, first: 2 }, integration);
    const conn = page1.body.data.childWelfareWebhookDeliveryLog;
    expect(conn.edges).toHaveLength(2);
    expect(conn.pageInfo.hasNextPage).toBe(true);
    const page2 = await p.gql(
      'EDUCATION',
      LOG,
      { id: subscription.id, first: 2, after: conn.pageInfo.endCursor },
      integration,
    );
    expect(page2.body.errors).toBeUndefined();
    expect(page2.body.data.childWelfareWebhookDeliveryLog.edges[0].node).toEqual(attempts[2]);
    // child welfare's privacy officer reads it too; another agency may not know it exists
    const own = await p.gql('CHILD_WELFARE', LOG, { id: subscription.id, first: 1 }, officer);
    expect(own.body.data.childWelfareWebhookDeliveryLog.edges).toHaveLength(1);
    const other = await p.gql('HOUSING', LOG, { id: subscription.id }, integration);
    expect(other.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const bad = await p.gql('EDUCATION', LOG, { id: subscription.id, after: 'x' }, integration);
    expect(bad.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('rotates a secret with an overlap: both signatures while it lasts, the new one alone after; a leaked one retired at once', async () => {
    const ROTATE = `mutation($id: ID!, $h: Int) { rotateChildWelfareWebhookSecret(id: $id, overlapHours: $h) {
      secret subscription { id active previousSecretUntil } } }`;
    const created = await p.gql(
      'EDUCATION',
      SUBSCRIBE,
      {
        s: {
          callbackUrl: receiver.url('/rotate'),
          eventTypes: ['PLACEMENT_CHANGED'],
          role: 'FOSTER_CARE_LIAISON',
        },
      },
      integration,
    );
    const { secret: first, subscription } = created.body.data.createChildWelfareWebhookSubscription;
    /** A placement change for Jo, and what the receiver got of it at /rotate. */
    let n = 5;
    const delivered = async () => {
      const id = await put(p, 'CHILD_WELFARE', 'ChildWelfarePlacement', placement('jo', n++));
      await waitFor('delivered', () => receiver.accepted('/rotate').some((r) => r.payload.recordId === id));
      return receiver.accepted('/rotate').find((r) => r.payload.recordId === id)!;
    };
    const ok = (secret: string, r: { body: string; signature: string | undefined }) =>
      verifyWebhookSignature(secret, r.body, r.signature).ok;
    expect(ok(first, await delivered())).toBe(true);

    // rotated with the default overlap: signed under both, the new first; the old still verifies
    const rotated = await p.gql('EDUCATION', ROTATE, { id: subscription.id }, integration);
    expect(rotated.body.errors).toBeUndefined();
    const { secret: second, subscription: after } = rotated.body.data.rotateChildWelfareWebhookSecret;
    expect(second).toMatch(/^whsec_/);
    expect(second).not.toBe(first);
    const hours = (Date.parse(after.previousSecretUntil) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    const during = await delivered();
    expect(during.signature!.match(/v1=/g)).toHaveLength(2);
    expect(ok(second, during)).toBe(true);
    expect(ok(first, during)).toBe(true);

    // a secret that leaked: rotated with no overlap, the old ones sign nothing more
    const now = await p.gql('EDUCATION', ROTATE, { id: subscription.id, h: 0 }, integration);
    const { secret: third, subscription: retired } = now.body.data.rotateChildWelfareWebhookSecret;
    expect(retired.previousSecretUntil).toBeNull();
    const afterLeak = await delivered();
    expect(afterLeak.signature!.match(/v1=/g)).toHaveLength(1);
    expect(ok(third, afterLeak)).toBe(true);
    expect(ok(second, afterLeak)).toBe(false);
    expect(ok(first, afterLeak)).toBe(false);

    // typed refusals: a bad overlap, another agency (not found), a deactivated subscription
    const bad = await p.gql('EDUCATION', ROTATE, { id: subscription.id, h: 169 }, integration);
    expect(bad.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'overlapHours' });
    const other = await p.gql('HOUSING', ROTATE, { id: subscription.id }, integration);
    expect(other.body.errors[0].extensions.code).toBe('NOT_FOUND');
    await p.gql(
      'EDUCATION',
      `mutation($id: ID!) { deactivateChildWelfareWebhookSubscription(id: $id) { id } }`,
      { id: subscription.id },
      integration,
    );
    const off = await p.gql('EDUCATION', ROTATE, { id: subscription.id }, integration);
    expect(off.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    // the secrets are shown once, in the mutation's answer, never in a list
    const list = await p.gql(
      'EDUCATION',
      `{ childWelfareWebhookSubscriptions { id previousSecretUntil } }`,
      {},
      integration,
    );
    expect(JSON.stringify(list.body)).not.toMatch(/whsec_/);
  });

  it('redelivers what a receiver took and lost: the same events again, in order per child, with their own keys', async () => {
    const created = await p.gql(
      'EDUCATION',
      SUBSCRIBE,
      {
        s: {
          callbackUrl: receiver.url('/restore'),
          eventTypes: ['PLACEMENT_CHANGED'],
          role: 'FOSTER_CARE_LIAISON',
        },
      },
      integration,
    );
    const { subscription } = created.body.data.createChildWelfareWebhookSubscription;
    const since = new Date(Date.now() - 1000).toISOString();
    const ids = [];
    for (let n = 1; n <= 3; n++)
      ids.push(await put(p, 'CHILD_WELFARE', 'ChildWelfarePlacement', placement('casey', 6 + n)));
    await waitFor('three delivered', () => receiver.accepted('/restore').length >= 3);
    // and recorded so (the worker records an outcome once the receiver has answered)
    await waitFor('three recorded', async () => {
      const [r] = await cw.query(
        `SELECT count(*)::int AS n FROM webhook_delivery WHERE subscription_id = $1 AND status = 'DELIVERED'`,
        [subscription.id],
      );
      return r.n === 3;
    });
    const first = receiver.accepted('/restore').map((r) => r.idempotencyKey);
    const REDELIVER = `mutation($id: ID!, $since: String!) { redeliverChildWelfareWebhookEvents(subscriptionId: $id, since: $since) }`;
    const again = await p.gql('EDUCATION', REDELIVER, { id: subscription.id, since }, integration);
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data.redeliverChildWelfareWebhookEvents).toBe(3);
    await waitFor('three more', () => receiver.accepted('/restore').length >= 6);
    // the same events, in the same order (one child), with the same idempotency keys
    expect(
      receiver
        .accepted('/restore')
        .slice(3)
        .map((r) => r.idempotencyKey),
    ).toEqual(first);
    expect(
      receiver
        .accepted('/restore')
        .slice(3)
        .map((r) => r.payload.recordId),
    ).toEqual(ids);
    // nothing after the events: none to send again
    const none = await p.gql(
      'EDUCATION',
      REDELIVER,
      { id: subscription.id, since: new Date().toISOString() },
      integration,
    );
    expect(none.body.data.redeliverChildWelfareWebhookEvents).toBe(0);
    // typed refusals, and another agency may not know the subscription
    for (const [bad, field] of [
      [{ id: subscription.id, since: 'yesterday' }, 'since'],
      [{ id: subscription.id, since: new Date(Date.now() + 86_400_000).toISOString() }, 'since'],
      [{ id: subscription.id, since: '2020-01-01' }, 'since'],
      [{ id: 'nope', since }, 'subscriptionId'],
    ] as const) {
      const res = await p.gql('EDUCATION', REDELIVER, bad, integration);
      expect(res.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const other = await p.gql('HOUSING', REDELIVER, { id: subscription.id, since }, integration);
    expect(other.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const caseworker = await p.gql(
      'EDUCATION',
      REDELIVER,
      { id: subscription.id, since },
      {
        roles: ['EDUCATOR'],
        purposeOfUse: 'CARE_COORDINATION',
      },
    );
    expect(caseworker.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
