import jwt from 'jsonwebtoken';
import {
  devNotifierSecret,
  enqueueEvent,
  LENT_FACTS_ROUTE,
  notifierKid,
  notifierToken,
  RECORD_LINKS_ROUTE,
  SERVICE_TOKEN_AUDIENCE,
  SERVICE_TOKEN_ISSUER,
  serviceToken,
  type AgencyCode,
  type PurposeOfUse,
  type Role,
} from '@wholechild/shared';
import { tokenFor } from '@wholechild/shared/testing';
import { Client } from 'pg';
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
  it('an event about a record the index has not taken in yet waits, then arrives; a deactivated subscription hears nothing more', async () => {
    const worker = p.agencies.CHILD_WELFARE!.dispatcher;
    const [sub] = await p.owner('child-welfare').query(`SELECT id FROM webhook_subscription`);
    // Dee is new to both agencies; the index has not pulled either feed yet
    const demo = { externalId: 'dee', givenName: 'Dee', familyName: 'Moss', birthDate: '2014-11-12' };
    await put(p, 'CHILD_WELFARE', 'ChildWelfarePerson', demo);
    await put(p, 'CHILD_WELFARE', 'ChildWelfareCase', {
      externalId: 'dee-case',
      personExternalId: 'dee',
      openedDate: '2026-01-10',
      serviceComponent: 'FAMILY_MAINTENANCE',
    });
    await put(p, 'EDUCATION', 'EducationStudent', demo);
    await put(p, 'EDUCATION', 'EducationEnrollment', {
      externalId: 'dee-enr',
      personExternalId: 'dee',
      schoolExternalId: 'school',
      schoolYear: 2026,
      gradeLevel: '06',
      entryDate: '2026-08-20',
      entryCode: 'NEW',
    });
    const before = receiver.receipts.length;
    const dee = await put(p, 'CHILD_WELFARE', 'ChildWelfarePlacement', {
      externalId: 'dee-pl1',
      personExternalId: 'dee',
      caseExternalId: 'dee-case',
      providerName: 'Resource family',
      placementType: 'RELATIVE',
      startDate: '2026-03-01',
    });
    await worker.runOnce();
    await worker.runOnce();
    // not sent, not denied, not in the subscriber's log: it waits for the index
    expect(receiver.receipts.length).toBe(before);
    const cw = p.owner('child-welfare');
    const [waiting] = await cw.query(
      `SELECT d.status, d.attempts FROM webhook_delivery d JOIN event_outbox e ON e.id = d.event_id WHERE e.record_id = $1`,
      [dee],
    );
    expect(waiting.status).toBe('PENDING');
    expect(waiting.attempts).toBeGreaterThanOrEqual(1);
    const [{ logged }] = await cw.query(
      `SELECT count(*)::int AS logged FROM webhook_attempt a JOIN event_outbox e ON e.id = a.event_id WHERE e.record_id = $1`,
      [dee],
    );
    expect(logged).toBe(0);
    await p.syncFeeds();
    await waitFor('the waiting event delivered', async () => {
      await worker.runOnce();
      return receiver.accepted('/twin').some((r) => r.payload.recordId === dee);
    });

    const off = await p.gql(
      'EDUCATION',
      `mutation($id: ID!) { deactivateChildWelfareWebhookSubscription(id: $id) { id active } }`,
      { id: sub.id },
      integration,
    );
    expect(off.body.data.deactivateChildWelfareWebhookSubscription).toEqual({ id: sub.id, active: false });
    // another agency may not know it exists
    const other = await p.gql(
      'HOUSING',
      `mutation($id: ID!) { deactivateChildWelfareWebhookSubscription(id: $id) { id } }`,
      { id: sub.id },
      integration,
    );
    expect(other.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const count = receiver.receipts.length;
    await put(p, 'CHILD_WELFARE', 'ChildWelfarePlacement', {
      externalId: 'dee-pl1',
      personExternalId: 'dee',
      caseExternalId: 'dee-case',
      providerName: 'Resource family',
      placementType: 'RELATIVE',
      startDate: '2026-03-01',
      endDate: '2026-04-01',
    });
    await worker.runOnce();
    await worker.runOnce();
    expect(receiver.receipts.length).toBe(count);
  });

  it("a subscriber's record the index has not read yet is waited for; no record at all is refused once the index has read its agency's feed since the event", async () => {
    const worker = p.agencies.CHILD_WELFARE!.dispatcher;
    const cw = p.owner('child-welfare');
    await worker.runOnce();
    const created = await p.gql(
      'EDUCATION',
      `mutation($s: WebhookSubscriptionInput!) { createChildWelfareWebhookSubscription(subscription: $s) { subscription { id } } }`,
      {
        s: {
          callbackUrl: receiver.url('/late'),
          eventTypes: ['PLACEMENT_CHANGED'],
          role: 'FOSTER_CARE_LIAISON',
        },
      },
      integration,
    );
    expect(created.body.errors).toBeUndefined();
    // Eve and Fay are known to child welfare, and the index has read that
    for (const [ext, birthDate] of [
      ['eve', '2012-04-05'],
      ['fay', '2012-06-07'],
    ] as const) {
      await put(p, 'CHILD_WELFARE', 'ChildWelfarePerson', {
        externalId: ext,
        givenName: ext.toUpperCase(),
        familyName: 'Lund',
        birthDate,
      });
      await put(p, 'CHILD_WELFARE', 'ChildWelfareCase', {
        externalId: `${ext}-case`,
        personExternalId: ext,
        openedDate: '2026-01-10',
        serviceComponent: 'FAMILY_MAINTENANCE',
      });
    }
    await p.syncFeeds();
    // Eve enrolls at school; the index has not read education's feed since
    await put(p, 'EDUCATION', 'EducationStudent', {
      externalId: 'eve',
      givenName: 'EVE',
      familyName: 'Lund',
      birthDate: '2012-04-05',
    });
    await put(p, 'EDUCATION', 'EducationEnrollment', {
      externalId: 'eve-enr',
      personExternalId: 'eve',
      schoolExternalId: 'school',
      schoolYear: 2026,
      gradeLevel: '08',
      entryDate: '2026-08-20',
      entryCode: 'NEW',
    });
    const placed: Record<string, string> = {};
    for (const ext of ['eve', 'fay'])
      placed[ext] = await put(p, 'CHILD_WELFARE', 'ChildWelfarePlacement', {
        externalId: `${ext}-pl1`,
        personExternalId: ext,
        caseExternalId: `${ext}-case`,
        providerName: 'Resource family',
        placementType: 'RELATIVE',
        startDate: '2026-03-01',
      });
    const statusOf = async (record: string) =>
      (
        await cw.query(
          `SELECT d.status FROM webhook_delivery d JOIN event_outbox e ON e.id = d.event_id
            JOIN webhook_subscription s ON s.id = d.subscription_id
           WHERE e.record_id = $1 AND s.callback_url LIKE '%/late'`,
          [record],
        )
      )[0]?.status;
    await worker.runOnce();
    // neither is refused: the index has not read education's feed since the placements
    expect(await statusOf(placed.eve!)).toBe('PENDING');
    expect(await statusOf(placed.fay!)).toBe('PENDING');
    // the index reads education's feed (a second after the events: the clocks' allowance)
    await new Promise((r) => setTimeout(r, 1100));
    await p.syncFeeds();
    await waitFor('both decided', async () => {
      await worker.runOnce();
      return (await statusOf(placed.eve!)) !== 'PENDING' && (await statusOf(placed.fay!)) !== 'PENDING';
    });
    // Eve's school hears of her placement; Fay has no school record: refused, and audited so
    expect(await statusOf(placed.eve!)).toBe('DELIVERED');
    expect(receiver.accepted('/late').map((r) => r.payload.recordId)).toEqual([placed.eve]);
    expect(await statusOf(placed.fay!)).toBe('DENIED');
    const [fay] = await cw.query(`SELECT id FROM person WHERE external_id = 'fay'`);
    const [denial] = await cw.query(
      `SELECT decision, rule, actor_agency FROM audit_event WHERE $1 = ANY (record_ids) AND request_id LIKE 'webhook-%'`,
      [fay.id],
    );
    expect(denial).toEqual({ decision: 'DENY', rule: 'SUBSCRIBER_NOT_LINKED', actor_agency: 'EDUCATION' });
  });

  it("the dispatcher's doors at the index and the lenders answer an agency's notifier token only", async () => {
    const index = new URL(RECORD_LINKS_ROUTE, p.subgraphUrls['child-index']);
    const lender = new URL(LENT_FACTS_ROUTE, p.subgraphUrls.education);
    const [ana] = await p.agencies.CHILD_WELFARE!.db.dataSource.query(
      `SELECT id FROM person WHERE external_id = 'ana'`,
    );
    const [anaStudent] = await p.agencies.EDUCATION!.db.dataSource.query(
      `SELECT id FROM student WHERE external_id = 'ana'`,
    );
    index.search = new URLSearchParams({ agency: 'CHILD_WELFARE', records: ana.id }).toString();
    lender.search = new URLSearchParams({ records: anaStudent.id }).toString();
    const post = (url: URL, token?: string) =>
      fetch(url, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} });
    for (const url of [index, lender]) {
      expect((await post(url)).status).toBe(401);
      // a person, even a data steward of the agency, is refused
      const person = await post(url, tokenFor('CHILD_WELFARE', { roles: ['DATA_STEWARD'] }, p.config));
      expect(person.status).toBe(403);
    }
    // the index's own service token is not an agency's dispatcher
    for (const url of [index, lender]) expect((await post(url, serviceToken(p.config.jwt))).status).toBe(403);
    const token = notifierToken(p.config.jwt, 'CHILD_WELFARE');
    const links = await (await post(index, token)).json();
    expect(links.data.byRecord[ana.id].links).toEqual(
      expect.arrayContaining([
        { agency: 'CHILD_WELFARE', recordId: ana.id, status: expect.stringMatching(/AUTO|CONFIRMED/) },
        { agency: 'EDUCATION', recordId: anaStudent.id, status: expect.stringMatching(/AUTO|CONFIRMED/) },
      ]),
    );
    const facts = await (await post(lender, token)).json();
    expect(facts.data.byRecord).toEqual({ [anaStudent.id]: true });
    // a dispatcher asks of its own agency's records only
    const housingAsks = await post(index, notifierToken(p.config.jwt, 'HOUSING'));
    expect(housingAsks.status).toBe(403);
    expect(JSON.stringify(await housingAsks.json())).not.toContain(anaStudent.id);
    // and the refusal is in the index's trail, as every refusal is
    const [refusal] = await p.index.db.dataSource.query(
      `SELECT decision, actor_agency FROM index_access_event WHERE actor = 'service:housing-notifications' ORDER BY id DESC LIMIT 1`,
    );
    expect(refusal).toEqual({ decision: 'DENY', actor_agency: 'HOUSING' });
    // a bad id is a typed refusal
    index.search = new URLSearchParams({ agency: 'CHILD_WELFARE', records: 'nope' }).toString();
    const bad = await (await post(index, token)).json();
    expect(bad.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.errors[0].message).toContain('records');
  });

  it("an agency's notifier token opens the dispatch doors and nothing else, and passes for no other agency", async () => {
    const index = new URL(RECORD_LINKS_ROUTE, p.subgraphUrls['child-index']);
    const [ana] = await p.agencies.CHILD_WELFARE!.db.dataSource.query(
      `SELECT id FROM person WHERE external_id = 'ana'`,
    );
    index.search = new URLSearchParams({ agency: 'HOUSING', records: ana.id }).toString();
    const post = (url: URL, token: string) =>
      fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    /** A token as a dispatcher's, signed with `keyOf`'s development secret, naming `kid`. */
    const forged = (claims: { agency: string; sub?: string }, keyOf: AgencyCode, kid: AgencyCode) =>
      jwt.sign(
        {
          sub: claims.sub ?? `service:${claims.agency.toLowerCase().replace(/_/g, '-')}-notifications`,
          agency: claims.agency,
          roles: ['SERVICE'],
          purposeOfUse: 'OPERATIONS',
        },
        devNotifierSecret(keyOf),
        {
          algorithm: 'HS256',
          keyid: notifierKid(kid),
          issuer: SERVICE_TOKEN_ISSUER,
          audience: SERVICE_TOKEN_AUDIENCE,
          expiresIn: 60,
        },
      );
    // housing's name under child welfare's key: refused, whichever kid it names
    expect((await post(index, forged({ agency: 'HOUSING' }, 'CHILD_WELFARE', 'HOUSING'))).status).toBe(401);
    expect((await post(index, forged({ agency: 'HOUSING' }, 'CHILD_WELFARE', 'CHILD_WELFARE'))).status).toBe(
      401,
    );
    // the index's name, or another subject, under an agency's key: refused
    expect((await post(index, forged({ agency: 'CHILD_INDEX' }, 'HOUSING', 'HOUSING'))).status).toBe(401);
    expect(
      (await post(index, forged({ agency: 'HOUSING', sub: 'service:child-index' }, 'HOUSING', 'HOUSING')))
        .status,
    ).toBe(401);
    // the genuine article is housing's dispatcher: its own door opens (nothing of housing's there)
    const genuine = await post(index, forged({ agency: 'HOUSING' }, 'HOUSING', 'HOUSING'));
    expect(genuine.status).toBe(200);
    expect((await genuine.json()).data.byRecord).toEqual({ [ana.id]: null });
    // and no other door: not the index's GraphQL, not a subgraph's feed, not the feed-changed route
    const token = notifierToken(p.config.jwt, 'HOUSING');
    for (const url of [p.subgraphUrls['child-index']!, p.subgraphUrls.housing!]) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ housingPersonFeed(first: 1) { cursor } }' }),
      });
      expect(res.status).toBe(401);
    }
    const feedChanged = new URL('/feed-changed?agency=HOUSING', p.subgraphUrls['child-index']);
    expect((await post(feedChanged, token)).status).toBe(403);
  });
  it('a writer in a long transaction delays the fan-out, never other writers', async () => {
    const worker = p.agencies.CHILD_WELFARE!.dispatcher;
    const cw = p.owner('child-welfare');
    const client = new Client({
      connectionString: p.databaseUrl,
      options: '-c search_path=child_welfare,public',
    });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE placement SET end_date = '2026-05-01' WHERE external_id = 'ben-pl4'`);
      // the fan-out gives up waiting for the open writer (it does not fail, nor queue others)
      const started = Date.now();
      await worker.runOnce();
      expect(Date.now() - started).toBeLessThan(5_000);
      // another writer is not held behind it
      await put(p, 'CHILD_WELFARE', 'ChildWelfarePlacement', {
        externalId: 'cai-pl9',
        personExternalId: 'cai',
        caseExternalId: 'cai-case',
        providerName: 'Resource family',
        placementType: 'RELATIVE',
        startDate: '2026-09-01',
      });
      const [{ waiting }] = await cw.query(
        `SELECT count(*)::int AS waiting FROM event_outbox WHERE fanned_out_at IS NULL`,
      );
      expect(waiting).toBe(1); // the other writer's, committed; the open one's is not visible yet
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    await worker.runOnce();
    const [{ left }] = await cw.query(
      `SELECT count(*)::int AS left FROM event_outbox WHERE fanned_out_at IS NULL`,
    );
    expect(left).toBe(0);
  });
});
