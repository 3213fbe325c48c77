import { getIntrospectionQuery } from 'graphql';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { GATEWAY_CREDENTIAL_HEADER, gatewayCredential } from '@wholechild/shared';
import { tokenFor } from '@wholechild/shared/testing';
import { startTestPlatform, type TestPlatform } from './helpers';

describe('authentication', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform();
  });
  afterAll(async () => p?.dispose());

  const query = '{ searchChildren(familyName: "xu") { nodes { id } } }';

  it('the gateway rejects a call without a token (401, UNAUTHENTICATED, request id)', async () => {
    const res = await p.gql(null, query);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors[0].extensions.requestId).toBe(res.headers['x-request-id']);
    expect(res.body.data).toBeUndefined();
  });

  it("the gateway and each subgraph refuse a role the token's agency does not issue (HOUSING + COURT, HOUSING + CLINICIAN)", async () => {
    for (const roles of [['COURT'], ['CLINICIAN'], ['HOUSING_NAVIGATOR', 'CLINICIAN']] as const) {
      const token = tokenFor('HOUSING', { roles: [...roles] }, p.config);
      const res = await p.gql('HOUSING', query, {}, { roles: [...roles] });
      expect(res.status).toBe(401);
      expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(res.body.data).toBeUndefined();
      const url = new URL(p.subgraphUrls['child-welfare']!);
      const direct = await request(url.origin)
        .post(url.pathname)
        .set('authorization', `Bearer ${token}`)
        .set(GATEWAY_CREDENTIAL_HEADER, gatewayCredential(p.config, 'child-welfare'))
        .send({ query: '{ __typename }' });
      expect(direct.status).toBe(401);
    }
    expect((await p.gql('HOUSING', query, {}, { roles: ['HOUSING_NAVIGATOR'] })).status).toBe(200);
  });

  it('the gateway refuses a token that never expires, one that lives 100 years, and an oversized subject', async () => {
    const sign = (payload: object, opts: jwt.SignOptions = {}) =>
      jwt.sign(payload, p.config.jwt.secret!, {
        issuer: p.config.jwt.issuer,
        audience: p.config.jwt.audience,
        ...opts,
      });
    const claims = { sub: 'u1', agency: 'EDUCATION', roles: ['EDUCATOR'], purposeOfUse: 'CARE_COORDINATION' };
    for (const token of [
      sign(claims),
      sign(claims, { expiresIn: '36500d' }),
      sign({ ...claims, sub: 'x'.repeat(310) }, { expiresIn: '1h' }),
    ]) {
      const url = new URL(p.gatewayUrl);
      const res = await request(url.origin)
        .post(url.pathname)
        .set('authorization', `Bearer ${token}`)
        .send({ query });
      expect(res.status).toBe(401);
      expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('the gateway rejects a forged token', async () => {
    const url = new URL(p.gatewayUrl);
    const res = await request(url.origin)
      .post(url.pathname)
      .set('authorization', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.')
      .send({ query });
    expect(res.status).toBe(401);
  });

  it.each(['child-index', 'child-welfare'] as const)(
    'subgraph %s rejects direct calls without a token or without the gateway credential',
    async (name) => {
      const url = new URL(p.subgraphUrls[name]!);
      const token = tokenFor('CHILD_WELFARE', {}, p.config);
      const noToken = await request(url.origin)
        .post(url.pathname)
        .set(GATEWAY_CREDENTIAL_HEADER, gatewayCredential(p.config, name))
        .send({ query: '{ __typename }' });
      expect(noToken.status).toBe(401);
      expect(noToken.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const noCredential = await request(url.origin)
        .post(url.pathname)
        .set('authorization', `Bearer ${token}`)
        .send({ query: '{ __typename }' });
      expect(noCredential.status).toBe(401);
      const wrongCredential = await request(url.origin)
        .post(url.pathname)
        .set('authorization', `Bearer ${token}`)
        .set(GATEWAY_CREDENTIAL_HEADER, 'guess')
        .send({ query: '{ __typename }' });
      expect(wrongCredential.status).toBe(401);
      const both = await request(url.origin)
        .post(url.pathname)
        .set('authorization', `Bearer ${token}`)
        .set(GATEWAY_CREDENTIAL_HEADER, gatewayCredential(p.config, name))
        .send({ query: '{ __typename }' });
      expect(both.status).toBe(200);
      expect(both.body.data.__typename).toBe('Query');
    },
  );

  it('a forged _entities call straight to a subgraph gets nothing', async () => {
    const url = new URL(p.subgraphUrls['child-welfare']!);
    const [person] = await p.agencies.CHILD_WELFARE!.db.dataSource.query('SELECT id FROM person LIMIT 1');
    const forged = {
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Child { childWelfare { __typename } } } }`,
      variables: {
        r: [
          {
            __typename: 'Child',
            id: 'x',
            recordLinks: [
              {
                agency: 'CHILD_WELFARE',
                recordId: person?.id ?? '00000000-0000-0000-0000-000000000000',
                status: 'CONFIRMED',
              },
            ],
          },
        ],
      },
    };
    const res = await request(url.origin)
      .post(url.pathname)
      .set('authorization', `Bearer ${tokenFor('CHILD_WELFARE', {}, p.config)}`)
      .send(forged);
    expect(res.status).toBe(401);
    expect(res.body.data).toBeUndefined();
    // Through the gateway, _entities is not part of the public schema at all.
    const viaGateway = await p.gql('CHILD_WELFARE', forged.query, forged.variables);
    expect(viaGateway.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('an analytics purpose never reads child-level records', async () => {
    const res = await p.gql('CHILD_WELFARE', query, {}, { purposeOfUse: 'ANALYTICS' });
    expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(res.body.data).toBeNull();
  });

  it('serves health, readiness and GraphiQL from local assets', async () => {
    const origin = new URL(p.gatewayUrl).origin;
    expect((await request(origin).get('/health')).body.status).toBe('ok');
    const ready = await request(origin).get('/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.subgraphs['child-index']).toBe('ready');
    const page = await request(origin).get('/graphiql');
    expect(page.text).toContain('/graphiql/assets/graphiql.js');
    expect(page.text).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    const js = await request(origin).get('/graphiql/assets/graphiql.js');
    expect(js.status).toBe(200);
    expect(js.text.length).toBeGreaterThan(100_000);
  });

  it("in development, GraphiQL's full introspection query runs within the default limits", async () => {
    const res = await p.gql(
      'CHILD_WELFARE',
      getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }),
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.__schema.queryType.name).toBe('Query');
  });
});
