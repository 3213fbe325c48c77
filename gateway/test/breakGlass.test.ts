import { Writable } from 'node:stream';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import {
  canonicalJson,
  createLogger,
  verifyAuditChain,
  type PurposeOfUse,
  type Role,
} from '@wholechild/shared';
import { put, SRC } from './consentFixture';
import { startTestPlatform, type TestPlatform } from './helpers';

const REASON = 'youth found unresponsive at the shelter, calling 911';
/** A probation officer in an emergency: housing's records open to it only by break-glass. */
const glass = (sub: string, breakGlassReason = REASON) => ({
  sub,
  roles: ['PROBATION_OFFICER' as Role],
  purposeOfUse: 'EMERGENCY' as PurposeOfUse,
  breakGlassReason,
});
const officer = (agency: 'housing' | 'cw' = 'housing') => ({
  sub: `${agency}-privacy-officer`,
  roles: ['PRIVACY_OFFICER' as Role],
  purposeOfUse: 'AUDIT' as PurposeOfUse,
});
/** Appends a break-glass PERMIT row stamped `at` (in the past), as audit_append does. */
async function appendOld(ds: DataSource, r: { at: string; actor: string; childId: string }) {
  const row = {
    at: r.at,
    actor: r.actor,
    actorAgency: 'PROBATION',
    actorRoles: ['PROBATION_OFFICER'],
    purposeOfUse: 'EMERGENCY',
    childId: r.childId,
    recordIds: [],
    categories: ['HMIS', 'IDENTITY'],
    decision: 'PERMIT',
    rule: 'BREAK_GLASS',
    consentId: null,
    requestId: 'earlier',
    breakGlass: true,
    breakGlassReason: REASON,
  };
  await ds.query(
    `SELECT audit_append(727274, $1::timestamptz[], $2::varchar[], $3::varchar[], $4::text[], $5::varchar[], $6::varchar[],
       $7::text[], $8::text[], $9::varchar[], $10::varchar[], $11::uuid[], $12::varchar[], $13::boolean[], $14::varchar[], $15::text[])`,
    [
      [row.at],
      [row.actor],
      [row.actorAgency],
      ['{PROBATION_OFFICER}'],
      [row.purposeOfUse],
      [row.childId],
      ['{}'],
      ['{HMIS,IDENTITY}'],
      [row.decision],
      [row.rule],
      [null],
      [row.requestId],
      [true],
      [REASON],
      [canonicalJson(row)],
    ],
  );
}

const SECTION = `query($id: ID!) { child(id: $id) { housing { __typename
  ... on HousingSection { records { id } enrollments { id } }
  ... on Restricted { category reason } } } }`;

describe('break-glass: rate limit, privacy notices, refusals audited', () => {
  let p: TestPlatform;
  /** Eight children known to housing, each with a shelter stay. */
  const kids: string[] = [];
  /** Every warning the services log. */
  const logged: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logged.push(
        ...String(chunk)
          .split('\n')
          .filter((l) => l.trim()),
      );
      done();
    },
  });

  beforeAll(async () => {
    p = await startTestPlatform({
      logger: createLogger('platform', 'warn', sink),
      // one viewer's 8 break-glass requests at once must all reach housing: the gateway's
      // per-caller concurrency limit (default 4) is not what this file tests
      env: { MAX_CONCURRENT_PER_CALLER: '0' },
    });
    await put(p, 'HOUSING', 'HousingProject', {
      externalId: 'proj',
      name: 'Harbor Shelter',
      projectType: 'EMERGENCY_SHELTER',
    });
    for (let i = 0; i < 8; i++) {
      await put(p, 'HOUSING', 'HousingClient', {
        externalId: `kid-${i}`,
        givenName: `Kid${String.fromCharCode(65 + i)}`,
        familyName: `Family${String.fromCharCode(65 + i)}`,
        birthDate: `201${i}-03-0${i + 1}`,
      });
      await put(p, 'HOUSING', 'HousingEnrollment', {
        externalId: `enr-${i}`,
        personExternalId: `kid-${i}`,
        projectExternalId: 'proj',
        entryDate: '2025-06-01',
      });
    }
    await p.syncFeeds();
    for (let i = 0; i < 8; i++) {
      const [row] = await p.index.db.dataSource.query(
        `SELECT child_id FROM agency_record WHERE external_id = $1 AND source_system = $2`,
        [`kid-${i}`, SRC],
      );
      kids.push(row.child_id);
    }
  });
  afterAll(() => p?.dispose());

  const housingDs = () => p.agencies.HOUSING!.db.dataSource;
  const open = async (sub: string, child: string) => {
    const res = await p.gql('PROBATION', SECTION, { id: child }, glass(sub));
    expect(res.body.errors).toBeUndefined();
    return res.body.data.child.housing as { __typename: string; reason?: string; enrollments?: unknown[] };
  };
  const trail = async (agency: 'HOUSING' | 'CHILD_WELFARE', actor: string) => {
    const key = agency === 'HOUSING' ? 'housing' : 'childWelfare';
    const res = await p.gql(
      agency,
      `query($a: String) { ${key}AuditTrail(actor: $a, first: 100) { events {
        actor actorAgency decision rule categories recordIds childId consentId breakGlass breakGlassReason requestId } } }`,
      { a: actor },
      officer(agency === 'HOUSING' ? 'housing' : 'cw'),
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data[`${key}AuditTrail`].events as Array<Record<string, unknown>>;
  };
  const notices = async (unacknowledgedOnly?: boolean) => {
    const res = await p.gql(
      'HOUSING',
      `query($u: Boolean) { housingPrivacyNotices(unacknowledgedOnly: $u, first: 50) {
        id agency auditEventId at actor actorAgency actorRoles childId recordIds categories breakGlassReason requestId
        acknowledgedAt acknowledgedBy acknowledgementNote } }`,
      unacknowledgedOnly === undefined ? {} : { u: unacknowledgedOnly },
      officer(),
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data.housingPrivacyNotices as Array<Record<string, string | null>>;
  };

  it('refuses the 6th distinct child in the hour (BREAK_GLASS_RATE_LIMIT), not a child already opened, not another viewer', async () => {
    for (const child of kids.slice(0, 5))
      expect((await open('po-a', child)).__typename).toBe('HousingSection');
    const sixth = await open('po-a', kids[5]!);
    expect(sixth).toEqual({
      __typename: 'Restricted',
      category: 'SECTION',
      reason: expect.stringMatching(/limited to 5 children an hour/),
    });
    expect(JSON.stringify(sixth)).not.toMatch(/Kid|Family|Harbor/);
    // re-opening a child already opened within the hour does not count again
    expect((await open('po-a', kids[0]!)).__typename).toBe('HousingSection');
    expect((await open('po-a', kids[4]!)).__typename).toBe('HousingSection');
    // still over for a new child; a refused attempt does not count toward the next hour's places
    expect((await open('po-a', kids[6]!)).__typename).toBe('Restricted');
    // another viewer of the same agency has places of their own
    expect((await open('po-b', kids[5]!)).__typename).toBe('HousingSection');

    const events = await trail('HOUSING', 'po-a');
    const limited = events.filter((e) => e.rule === 'BREAK_GLASS_RATE_LIMIT');
    expect(limited.map((e) => e.childId).sort()).toEqual([kids[5], kids[6]].sort());
    for (const e of limited)
      expect(e).toMatchObject({
        decision: 'DENY',
        actorAgency: 'PROBATION',
        breakGlass: true,
        breakGlassReason: REASON,
        consentId: null,
      });
    const permits = events.filter((e) => e.rule === 'BREAK_GLASS' && e.decision === 'PERMIT');
    expect(new Set(permits.map((e) => e.childId)).size).toBe(5);
    expect(permits).toHaveLength(7);
    const report = await p.gql('HOUSING', `{ housingBreakGlassReport { rule actor } }`, {}, officer());
    expect(report.body.data.housingBreakGlassReport).toContainEqual({
      rule: 'BREAK_GLASS_RATE_LIMIT',
      actor: 'po-a',
    });
  });

  it('lets requests in flight at once take no more than the limit’s places', async () => {
    const all = await Promise.all(kids.map((child) => open('po-d', child)));
    expect(all.filter((s) => s.__typename === 'HousingSection')).toHaveLength(5);
    expect(all.filter((s) => s.__typename === 'Restricted')).toHaveLength(3);
  });

  it('counts only the rolling hour: children opened 61 minutes ago take no place', async () => {
    // po-old opened five children 61 minutes ago (rows appended through the chain function, so
    // the trail still verifies)
    const at = new Date(Date.now() - 61 * 60_000).toISOString();
    for (const childId of kids.slice(0, 5)) await appendOld(housingDs(), { at, actor: 'po-old', childId });
    for (const child of kids.slice(3, 8))
      expect((await open('po-old', child)).__typename).toBe('HousingSection');
    // the five of this hour are the limit: one more is refused
    expect((await open('po-old', kids[0]!)).__typename).toBe('Restricted');
    expect(await verifyAuditChain(housingDs())).toMatchObject({ ok: true });
  });

  it('writes exactly one notice per break-glass access, for the holder’s privacy officer only', async () => {
    const before = await notices();
    expect((await open('po-c', kids[7]!)).__typename).toBe('HousingSection');
    const after = await notices();
    expect(after.length).toBe(before.length + 1);
    const mine = after.filter((n) => n.actor === 'po-c');
    expect(mine).toEqual([
      {
        id: expect.any(String),
        agency: 'HOUSING',
        auditEventId: expect.any(String),
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        actor: 'po-c',
        actorAgency: 'PROBATION',
        actorRoles: ['PROBATION_OFFICER'],
        childId: kids[7],
        recordIds: [expect.any(String)],
        categories: expect.arrayContaining(['IDENTITY', 'HMIS']),
        breakGlassReason: REASON,
        requestId: expect.any(String),
        acknowledgedAt: null,
        acknowledgedBy: null,
        acknowledgementNote: null,
      },
    ]);
    // the notice is the audit row's: same request, same child
    const permit = (await trail('HOUSING', 'po-c')).find((e) => e.rule === 'BREAK_GLASS')!;
    expect(permit).toMatchObject({ requestId: mine[0]!.requestId, childId: kids[7] });
    // no break-glass PERMIT row lacks its notice, and a refused attempt has none
    const [{ n: orphans }] = await housingDs().query(
      `SELECT count(*)::int AS n FROM audit_event a WHERE a.break_glass AND a.decision = 'PERMIT'
         AND NOT EXISTS (SELECT 1 FROM privacy_notice n WHERE n.audit_event_id = a.id)`,
    );
    expect(orphans).toBe(0);
    const [{ n: refusedNotices }] = await housingDs().query(
      `SELECT count(*)::int AS n FROM privacy_notice n JOIN audit_event a ON a.id = n.audit_event_id
        WHERE a.decision <> 'PERMIT'`,
    );
    expect(refusedNotices).toBe(0);

    // operations see a structured warning, without the reason the viewer wrote
    const warning = logged
      .map((l) => JSON.parse(l))
      .find((l) => l.event === 'break_glass' && l.actor === 'po-c');
    expect(warning).toMatchObject({
      level: 40,
      holder: 'HOUSING',
      actorAgency: 'PROBATION',
      roles: ['PROBATION_OFFICER'],
      childId: kids[7],
    });
    expect(logged.filter((l) => l.includes('break_glass')).join('\n')).not.toContain(REASON);

    // a housing caseworker may not read them, and the refusal is itself audited
    const refused = await p.gql('HOUSING', `{ housingPrivacyNotices { id } }`, {}, { sub: 'hcw-1' });
    expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(refused.body.data).toBeNull();
    expect(await trail('HOUSING', 'hcw-1')).toEqual([
      expect.objectContaining({
        actorAgency: 'HOUSING',
        decision: 'DENY',
        rule: 'FORBIDDEN_HOUSING_PRIVACY_NOTICES',
        categories: [],
        recordIds: [],
        childId: null,
        consentId: null,
        breakGlass: false,
        requestId: refused.body.errors[0].extensions.requestId,
      }),
    ]);
    // nor another agency's privacy officer
    const stranger = await p.gql('PROBATION', `{ housingPrivacyNotices { id } }`, {}, officer());
    expect(stranger.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('acknowledges a notice once; only the holder’s privacy officer may', async () => {
    const [notice] = (await notices()).filter((n) => n.actor === 'po-c');
    const ack = `mutation($id: ID!, $note: String) { acknowledgeHousingPrivacyNotice(id: $id, note: $note) {
      id acknowledgedAt acknowledgedBy acknowledgementNote } }`;
    const caseworker = await p.gql('HOUSING', ack, { id: notice!.id, note: 'ok' }, { sub: 'hcw-2' });
    expect(caseworker.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await trail('HOUSING', 'hcw-2')).toContainEqual(
      expect.objectContaining({ decision: 'DENY', rule: 'FORBIDDEN_ACKNOWLEDGE_HOUSING_PRIVACY_NOTICE' }),
    );
    const done = await p.gql('HOUSING', ack, { id: notice!.id, note: 'reviewed with the ER log' }, officer());
    expect(done.body.data.acknowledgeHousingPrivacyNotice).toEqual({
      id: notice!.id,
      acknowledgedAt: expect.stringMatching(/^\d{4}-/),
      acknowledgedBy: 'housing-privacy-officer',
      acknowledgementNote: 'reviewed with the ER log',
    });
    const again = await p.gql('HOUSING', ack, { id: notice!.id, note: 'again' }, officer());
    expect(again.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const missing = await p.gql('HOUSING', ack, { id: '999999' }, officer());
    expect(missing.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await notices()).map((n) => n.id)).not.toContain(notice!.id);
    expect((await notices(false)).find((n) => n.id === notice!.id)).toMatchObject({
      acknowledgedBy: 'housing-privacy-officer',
      acknowledgementNote: 'reviewed with the ER log',
    });
    // a notice says what it said: only its one acknowledgement is ever added — the service's own
    // role may set nothing else, and the trigger holds even for the owner
    await expect(
      housingDs().query(`UPDATE privacy_notice SET break_glass_reason = 'edited' WHERE id = $1`, [
        notice!.id,
      ]),
    ).rejects.toThrow(/permission denied/);
    await expect(
      p
        .owner('housing')
        .query(`UPDATE privacy_notice SET break_glass_reason = 'edited' WHERE id = $1`, [notice!.id]),
    ).rejects.toThrow(/acknowledgement/);
    await expect(p.owner('housing').query(`DELETE FROM privacy_notice`)).rejects.toThrow(/kept/);
  });

  it('audits a refusal as a DENY row at the agency that refused, without the request’s data', async () => {
    // housing reading child welfare's person feed (alias and fragment resolve to the field's name)
    const feed = await p.gql(
      'HOUSING',
      `query { people: childWelfarePersonFeed(first: 5) { ...F } } fragment F on PersonFeedPage { records { givenName } }`,
      {},
      { sub: 'hcw-feed' },
    );
    expect(feed.body.errors[0].extensions.code).toBe('FORBIDDEN');
    // a child welfare caseworker reading its own agency's audit trail
    const cw = await p.gql(
      'CHILD_WELFARE',
      `{ childWelfareAuditTrail { events { id } } }`,
      {},
      { sub: 'cw-1' },
    );
    expect(cw.body.errors[0].extensions.code).toBe('FORBIDDEN');
    // housing writing child welfare's records
    const write = await p.gql(
      'CHILD_WELFARE',
      `mutation($r: HousingClientInput!) { upsertHousingClient(record: $r) { id } }`,
      {
        r: {
          sourceSystem: SRC,
          externalId: 'intruder',
          givenName: 'SECRETNAME',
          familyName: 'X',
          birthDate: '2012-01-01',
        },
      },
      { sub: 'cw-writer', roles: ['INTEGRATION'], purposeOfUse: 'OPERATIONS' },
    );
    expect(write.body.errors[0].extensions.code).toBe('FORBIDDEN');

    const deny = (rule: string, actorAgency: string) =>
      expect.objectContaining({
        actorAgency,
        decision: 'DENY',
        rule,
        categories: [],
        recordIds: [],
        childId: null,
        consentId: null,
        breakGlassReason: null,
      });
    expect(await trail('CHILD_WELFARE', 'hcw-feed')).toEqual([
      deny('FORBIDDEN_CHILD_WELFARE_PERSON_FEED', 'HOUSING'),
    ]);
    expect(await trail('CHILD_WELFARE', 'cw-1')).toEqual([
      deny('FORBIDDEN_CHILD_WELFARE_AUDIT_TRAIL', 'CHILD_WELFARE'),
    ]);
    const housingRows = await trail('HOUSING', 'cw-writer');
    expect(housingRows).toEqual([deny('FORBIDDEN_UPSERT_HOUSING_CLIENT', 'CHILD_WELFARE')]);
    expect(JSON.stringify(housingRows)).not.toMatch(/SECRETNAME|intruder/);
    // nothing was written by the refused upsert
    const [{ n }] = await housingDs().query(
      `SELECT count(*)::int AS n FROM client WHERE external_id = 'intruder'`,
    );
    expect(n).toBe(0);
    for (const agency of ['HOUSING', 'CHILD_WELFARE'] as const)
      expect(await verifyAuditChain(p.agencies[agency]!.db.dataSource)).toMatchObject({ ok: true });
  });

  it('writes nothing for a request refused before a viewer exists (401)', async () => {
    const ds = p.agencies.CHILD_WELFARE!.db.dataSource;
    const [{ n: before }] = await ds.query(`SELECT count(*)::int AS n FROM audit_event`);
    const url = new URL(p.gatewayUrl);
    const res = await request(url.origin)
      .post(url.pathname)
      .set('authorization', 'Bearer not-a-token')
      .send({ query: '{ childWelfarePersonFeed { cursor } }' });
    expect(res.status).toBe(401);
    const [{ n: after }] = await ds.query(`SELECT count(*)::int AS n FROM audit_event`);
    expect(after).toBe(before);
  });

  it('fails closed: no refusal without its DENY row, no break-glass without its notice', async () => {
    const ds = housingDs();
    const owner = p.owner('housing'); // DDL: the owner's, never the service's role
    // the trail refuses this viewer's rows (a stand-in for a failing audit write)
    await owner.query(
      `ALTER TABLE audit_event ADD CONSTRAINT test_refuse CHECK (actor <> 'doomed') NOT VALID`,
    );
    try {
      const both = await p.gql(
        'HOUSING',
        `{ housingPrivacyNotices { id } housingRecord(kind: PROJECT, sourceSystem: "${SRC}", externalId: "proj") { __typename } }`,
        {},
        { sub: 'doomed' },
      );
      expect(both.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).not.toContain(
        'FORBIDDEN',
      );
      expect(both.body.data?.housingRecord ?? null).toBeNull();
    } finally {
      await owner.query(`ALTER TABLE audit_event DROP CONSTRAINT test_refuse`);
    }
    await owner.query(
      `ALTER TABLE privacy_notice ADD CONSTRAINT test_refuse CHECK (actor <> 'doomed-glass') NOT VALID`,
    );
    try {
      const res = await p.gql('PROBATION', SECTION, { id: kids[7] }, glass('doomed-glass'));
      expect(res.body.errors.length).toBeGreaterThan(0);
      expect(JSON.stringify(res.body.data ?? null)).not.toMatch(/HousingSection/);
      const [{ n }] = await ds.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE actor = 'doomed-glass'`,
      );
      expect(n).toBe(0);
    } finally {
      await owner.query(`ALTER TABLE privacy_notice DROP CONSTRAINT test_refuse`);
    }
  });
});
