import request from 'supertest';
import {
  GATEWAY_CREDENTIAL_HEADER,
  gatewayCredential,
  gatewayCredentials,
  serviceToken,
  SUBGRAPH_NAMES,
  type SubgraphName,
} from '@wholechild/shared';
import { tokenFor } from '@wholechild/shared/testing';
import { startTestPlatform, type TestPlatform } from './helpers';

/**
 * Issue 19, finding 3: every subgraph shared one credential, so one leaked secret opened all five
 * agencies. Now each subgraph has its own (GATEWAY_CREDENTIAL_<SUBGRAPH>), the gateway presents to
 * each the one it names first, and a subgraph accepts only its own list: the old and the new one
 * while it rotates. Service-to-service calls hold no gateway credential at all: the index reads
 * feeds with its service token, agencies tell the index of withdrawals on a route of its own.
 */
describe('one gateway credential per subgraph', () => {
  let p: TestPlatform;
  const OLD = 'housing-credential-being-retired-0123456789';
  const NEW = 'housing-credential-now-sent-by-gateway-9876';

  beforeAll(async () => {
    // housing mid-rotation: the gateway already sends the new credential, housing takes both
    p = await startTestPlatform({ env: { GATEWAY_CREDENTIAL_HOUSING: `${NEW},${OLD}` } });
  }, 120_000);
  afterAll(async () => p?.dispose());

  const direct = (name: SubgraphName, credential: string | null, token: string, query = '{ __typename }') => {
    const url = new URL(p.subgraphUrls[name]!);
    const req = request(url.origin).post(url.pathname).set('authorization', `Bearer ${token}`);
    if (credential !== null) req.set(GATEWAY_CREDENTIAL_HEADER, credential);
    return req.send({ query });
  };

  it('each subgraph opens to its own credential only, never to another subgraph’s', async () => {
    const token = tokenFor('CHILD_WELFARE', {}, p.config);
    for (const name of SUBGRAPH_NAMES) {
      const own = await direct(name, gatewayCredential(p.config, name), token);
      expect([name, own.status, own.body.data?.__typename]).toEqual([name, 200, 'Query']);
      for (const other of SUBGRAPH_NAMES.filter((n) => n !== name)) {
        const res = await direct(name, gatewayCredential(p.config, other), token);
        expect([name, other, res.status, res.body.errors?.[0]?.extensions?.code]).toEqual([
          name,
          other,
          401,
          'UNAUTHENTICATED',
        ]);
        expect(res.body.data).toBeUndefined();
      }
    }
  });

  it('while a credential rotates, the subgraph takes the old and the new, and the gateway sends the new', async () => {
    expect(gatewayCredentials(p.config, 'housing')).toEqual([NEW, OLD]);
    const token = tokenFor('HOUSING', { roles: ['INTEGRATION'] }, p.config);
    expect((await direct('housing', OLD, token)).status).toBe(200); // a gateway not yet restarted
    expect((await direct('housing', NEW, token)).status).toBe(200);
    expect((await direct('housing', `${NEW},${OLD}`, token)).status).toBe(401);
    // through the gateway: its housing section answers (it sends NEW)
    const res = await p.gql(
      'HOUSING',
      '{ housingPersonFeed(first: 1) { hasMore } }',
      {},
      { roles: ['INTEGRATION'] },
    );
    expect(res.body.errors).toBeUndefined();
    expect(typeof res.body.data.housingPersonFeed.hasMore).toBe('boolean');
  });

  it('the platform service token passes without a credential, for what the service may do only', async () => {
    const svc = serviceToken(p.config.jwt);
    const feed = await direct('education', null, svc, '{ educationPersonFeed(first: 1) { hasMore } }');
    expect(feed.status).toBe(200);
    expect(feed.body.errors).toBeUndefined();
    // a user token without the credential still gets nothing, however valid
    const user = await direct('education', null, tokenFor('EDUCATION', { roles: ['INTEGRATION'] }, p.config));
    expect(user.status).toBe(401);
    // with a wrong credential, the service token is refused too (no mixing of the two doors)
    expect((await direct('education', 'guess-guess-guess-guess', svc)).status).toBe(401);
    // the service may read feeds, not write records nor read the trail
    for (const query of [
      'mutation { upsertChildWelfarePersons(records: []) { accepted } }',
      '{ childWelfareAuditTrail(first: 1) { hasMore } }',
    ]) {
      const res = await direct('child-welfare', null, svc, query);
      expect([query, res.body.errors?.[0]?.extensions?.code]).toEqual([query, 'FORBIDDEN']);
      expect(Object.values(res.body.data ?? {}).filter((v) => v !== null)).toEqual([]);
    }
  });
});
