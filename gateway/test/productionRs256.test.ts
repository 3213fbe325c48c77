import jwt from 'jsonwebtoken';
import request from 'supertest';
import {
  gatewayCredential,
  GATEWAY_CREDENTIAL_HEADER,
  notifierToken,
  serviceToken,
  verifyWebhookSignature,
  type AgencyCode,
  type PurposeOfUse,
  type Role,
} from '@wholechild/shared';
import { gatewayCredentialEnv, notifierKeyEnv, testKeyPair } from '@wholechild/shared/testing';
import { describeFeedPass } from '../../scripts/platform';
import { put, type Person } from './consentFixture';
import { startTestPlatform, type TestPlatform } from './helpers';
import { startReceiver } from './webhookReceiver';

/**
 * Production as an agency runs it: user tokens are RS256, signed by the county's identity provider
 * (only its public key, JWT_PUBLIC_KEY, is configured: no HS256 secret at all), and the platform
 * signs its own service tokens (the index's feed pulls) with its service key. New records must be
 * linked; a user token must never pass as the service, nor the service key sign a user.
 */
describe('production with RS256 user tokens and a service key', () => {
  const idp = testKeyPair('rsa');
  const service = testKeyPair('ec');
  const env = {
    WHOLECHILD_MODE: 'production',
    JWT_PUBLIC_KEY: idp.publicKey,
    ...gatewayCredentialEnv(),
    AUDIT_CHECKPOINT_KEY: 'k'.repeat(40),
    REPRESENTATION_KEY: 'r'.repeat(40),
    ANALYTICS_KEY: 'a'.repeat(40),
    DB_ROLE_KEY: 'd'.repeat(40),
    ...notifierKeyEnv(),
  };
  let p: TestPlatform;

  /** A user token as the identity provider signs it (RS256). */
  const userToken = (
    agency: AgencyCode | 'CHILD_INDEX',
    opts: { roles?: Role[]; purposeOfUse?: PurposeOfUse; sub?: string } = {},
    key = idp.privateKey,
    algorithm: jwt.Algorithm = 'RS256',
  ) =>
    jwt.sign(
      {
        sub: opts.sub ?? `${agency.toLowerCase()}-user`,
        agency,
        roles: opts.roles ?? ['CASEWORKER'],
        purposeOfUse: opts.purposeOfUse ?? 'CARE_COORDINATION',
      },
      key,
      { algorithm, issuer: 'wholechild', audience: 'wholechild-api', expiresIn: '1h' },
    );
  /** The test platform, with RS256 user tokens (its own gql signs HS256, which production lacks). */
  const platform = (): TestPlatform => ({
    ...p,
    gql(agency, query, variables, opts) {
      const url = new URL(p.gatewayUrl);
      const req = request(url.origin).post(url.pathname).set('content-type', 'application/json');
      if (agency) req.set('authorization', `Bearer ${userToken(agency, opts)}`);
      return req.send({ query, variables });
    },
  });
  const feedRead = (token: string) => {
    const url = new URL(p.subgraphUrls.housing!);
    return request(url.origin)
      .post(url.pathname)
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${token}`)
      .set(GATEWAY_CREDENTIAL_HEADER, gatewayCredential(p.config, 'housing'))
      .send({ query: '{ housingPersonFeed(first: 1) { cursor } }' });
  };

  beforeAll(async () => {
    p = await startTestPlatform({ env: { ...env, SERVICE_JWT_PRIVATE_KEY: service.privateKey } });
  }, 120_000);
  afterAll(async () => p?.dispose());

  it('links a record written through the gateway once the feeds are pulled', async () => {
    expect(p.config.mode).toBe('production');
    expect(p.config.jwt.secret).toBeUndefined();
    const q = platform();
    const kim: Person = { ext: 'kim', givenName: 'Kim', familyName: 'Osei', birthDate: '2012-03-04' };
    const demo = {
      externalId: kim.ext,
      givenName: kim.givenName,
      familyName: kim.familyName,
      birthDate: kim.birthDate,
    };
    const cw = await put(q, 'CHILD_WELFARE', 'ChildWelfarePerson', demo);
    const housing = await put(q, 'HOUSING', 'HousingClient', demo);

    const pass = await p.syncFeeds();
    expect(pass.map((r) => [r.agency, r.ok, r.error])).toEqual(
      ['CHILD_WELFARE', 'BEHAVIORAL_HEALTH', 'PROBATION', 'EDUCATION', 'HOUSING'].map((a) => [a, true, null]),
    );
    expect(pass.find((r) => r.agency === 'CHILD_WELFARE')!.recordsRead).toBeGreaterThanOrEqual(1);
    expect(describeFeedPass(pass)).toContain(
      `  HOUSING: pulled ${pass.find((r) => r.agency === 'HOUSING')!.recordsRead}`,
    );

    const found = await q.gql(
      'CHILD_WELFARE',
      `{ searchChildren(givenName: "Kim", familyName: "Osei", birthDate: "2012-03-04") { nodes { id links { agency recordId } } } }`,
    );
    expect(found.body.errors).toBeUndefined();
    const [child] = found.body.data.searchChildren.nodes;
    expect(child.links).toEqual(
      expect.arrayContaining([
        { agency: 'CHILD_WELFARE', recordId: cw },
        { agency: 'HOUSING', recordId: housing },
      ]),
    );
  });

  it('takes the service token signed with the service key, and no user token as the service', async () => {
    const ok = await feedRead(serviceToken(p.config.jwt));
    expect(ok.body.errors).toBeUndefined();
    // a user token of the identity provider claiming the platform's service identity
    const claimed = await feedRead(
      userToken('CHILD_INDEX', { roles: ['SERVICE'], purposeOfUse: 'OPERATIONS' }),
    );
    expect(claimed.status).toBe(401);
    expect(claimed.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // the service key cannot sign a user: a caseworker token under it is refused at the gateway
    const forged = userToken('CHILD_WELFARE', {}, service.privateKey, 'ES256');
    const url = new URL(p.gatewayUrl);
    const res = await request(url.origin)
      .post(url.pathname)
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${forged}`)
      .send({ query: '{ searchChildren(familyName: "osei") { nodes { id } } }' });
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // nor can the identity provider's key sign the service (its tokens name the service audience)
    const idpService = jwt.sign(
      { sub: 'service:child-index', agency: 'CHILD_INDEX', roles: ['SERVICE'], purposeOfUse: 'OPERATIONS' },
      idp.privateKey,
      { algorithm: 'RS256', issuer: 'wholechild-service', audience: 'wholechild-service', expiresIn: '5m' },
    );
    expect((await feedRead(idpService)).status).toBe(401);
  });
  it("an agency's webhook worker decides under its own notifier key: the index and the lenders answer it", async () => {
    const q = platform();
    const receiver = await startReceiver();
    try {
      const demo = { givenName: 'Noor', familyName: 'Haddad', birthDate: '2011-07-08' };
      await put(q, 'EDUCATION', 'EducationSchool', {
        externalId: 'school-n',
        name: 'Lincoln Middle',
        ncesSchoolId: '060000000009',
        schoolType: 'MIDDLE',
        city: 'Witney',
      });
      await put(q, 'CHILD_WELFARE', 'ChildWelfarePerson', { externalId: 'noor', ...demo });
      await put(q, 'CHILD_WELFARE', 'ChildWelfareCase', {
        externalId: 'noor-case',
        personExternalId: 'noor',
        openedDate: '2026-01-05',
        serviceComponent: 'FAMILY_REUNIFICATION',
      });
      await put(q, 'EDUCATION', 'EducationStudent', { externalId: 'noor', ...demo });
      await put(q, 'EDUCATION', 'EducationEnrollment', {
        externalId: 'noor-enr',
        personExternalId: 'noor',
        schoolExternalId: 'school-n',
        schoolYear: 2026,
        gradeLevel: '09',
        entryDate: '2026-08-20',
        entryCode: 'NEW',
      });
      await p.syncFeeds();
      // production takes https callbacks only: subscribed so, then pointed at the test's
      // loopback receiver (plain http) underneath
      const created = await q.gql(
        'EDUCATION',
        `mutation($s: WebhookSubscriptionInput!) {
          createChildWelfareWebhookSubscription(subscription: $s) { secret subscription { id } }
        }`,
        {
          s: {
            callbackUrl: 'https://liaison.example.org/hooks',
            eventTypes: ['PLACEMENT_CHANGED'],
            role: 'FOSTER_CARE_LIAISON',
          },
        },
        { roles: ['INTEGRATION'], purposeOfUse: 'OPERATIONS' },
      );
      expect(created.body.errors).toBeUndefined();
      const { secret, subscription } = created.body.data.createChildWelfareWebhookSubscription;
      const cw = p.owner('child-welfare');
      await cw.query(`UPDATE webhook_subscription SET callback_url = $2 WHERE id = $1`, [
        subscription.id,
        receiver.url('/liaison'),
      ]);
      await put(q, 'CHILD_WELFARE', 'ChildWelfarePlacement', {
        externalId: 'noor-pl1',
        personExternalId: 'noor',
        caseExternalId: 'noor-case',
        providerName: 'Resource family',
        placementType: 'RESOURCE_FAMILY',
        startDate: '2026-03-01',
      });
      const worker = p.agencies.CHILD_WELFARE!.dispatcher;
      await worker.runOnce();
      await worker.runOnce();
      const got = receiver.accepted('/liaison');
      expect(got).toHaveLength(1);
      expect(verifyWebhookSignature(secret, got[0]!.body, got[0]!.signature)).toMatchObject({ ok: true });
      expect(got[0]!.payload).toMatchObject({ type: 'PLACEMENT_CHANGED', sourceAgency: 'CHILD_WELFARE' });
      // the decision was taken and audited as the subscriber's read would be
      const [audit] = await cw.query(
        `SELECT decision, actor_agency FROM audit_event WHERE request_id LIKE 'webhook-%' ORDER BY id DESC LIMIT 1`,
      );
      expect(audit).toEqual({ decision: 'PERMIT', actor_agency: 'EDUCATION' });
      // the dispatcher's token is child welfare's own: the index takes it, for child welfare's
      // records only, and the index's own service token is no dispatcher
      const index = new URL('/record-links', p.subgraphUrls['child-index']);
      index.search = new URLSearchParams({
        agency: 'CHILD_WELFARE',
        records: got[0]!.payload.recordId,
      }).toString();
      const post = (token: string) =>
        fetch(index, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect((await post(notifierToken(p.config.jwt, 'CHILD_WELFARE'))).status).toBe(200);
      expect((await post(notifierToken(p.config.jwt, 'HOUSING'))).status).toBe(403);
      expect((await post(serviceToken(p.config.jwt))).status).toBe(403);
    } finally {
      await receiver.close();
    }
  });
});

describe('production with RS256 user tokens but no service signing key in the process', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform({
      env: {
        WHOLECHILD_MODE: 'production',
        JWT_PUBLIC_KEY: testKeyPair('rsa').publicKey,
        ...gatewayCredentialEnv(),
        AUDIT_CHECKPOINT_KEY: 'k'.repeat(40),
        REPRESENTATION_KEY: 'r'.repeat(40),
        ANALYTICS_KEY: 'a'.repeat(40),
        DB_ROLE_KEY: 'd'.repeat(40),
        SERVICE_JWT_PUBLIC_KEY: testKeyPair('ec').publicKey,
        ...notifierKeyEnv(),
      },
    });
  }, 120_000);
  afterAll(async () => p?.dispose());

  it('reports every agency failed, with the reason, at once', async () => {
    const t0 = Date.now();
    const pass = await p.syncFeeds();
    expect(Date.now() - t0).toBeLessThan(5000); // no retries with backoff: it cannot work
    expect(pass).toHaveLength(5);
    for (const r of pass) expect(r).toMatchObject({ ok: false, attempts: 1 });
    expect(describeFeedPass(pass)).toContain(
      '  PROBATION: failed: no service signing key (set SERVICE_JWT_PRIVATE_KEY)',
    );
  });
});
