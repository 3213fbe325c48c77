import request from 'supertest';
import { productionEnv } from '@wholechild/shared/testing';
import { startTestPlatform, type TestPlatform } from './helpers';

/** Production mode: no introspection, no GraphiQL, no field suggestions; failures masked. */
describe('gateway in production mode', () => {
  let p: TestPlatform;
  let origin: string;
  beforeAll(async () => {
    p = await startTestPlatform({
      env: productionEnv(),
    });
    origin = new URL(p.gatewayUrl).origin;
  });
  afterAll(async () => p?.dispose());

  it('refuses introspection', async () => {
    expect(p.config.mode).toBe('production');
    const res = await p.gql('CHILD_WELFARE', '{ __schema { types { name } } }');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors[0].message).toMatch(/introspection/i);
    expect(res.body.data).toBeUndefined();
    // An ordinary query still runs.
    const ok = await p.gql('CHILD_WELFARE', '{ searchChildren(familyName: "xu") { nodes { id } } }');
    expect(ok.body).toEqual({ data: { searchChildren: { nodes: [] } } });
  });

  it('serves no GraphiQL', async () => {
    expect((await request(origin).get('/graphiql')).status).toBe(404);
    expect((await request(origin).get('/graphiql/assets/graphiql.js')).status).toBe(404);
  });

  it('does not suggest field names', async () => {
    const res = await p.gql('CHILD_WELFARE', '{ searchChildre { nodes { id } } }');
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors[0].message).toMatch(/Cannot query field "searchChildre"/);
    expect(JSON.stringify(res.body)).not.toMatch(/searchChildren/);
  });

  it('does not suggest enum values, arguments or types either', async () => {
    const res = await p.gql(
      'CHILD_WELFARE',
      '{ childWelfareRecord(kind: PERSN, sourceSystem: "CWS", externalId: "P-1") { __typename } }',
    );
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors[0].message).toMatch(/PERSN/);
    expect(JSON.stringify(res.body)).not.toMatch(/Did you mean|"PERSON"|\\"PERSON\\"/);
    const arg = await p.gql('CHILD_WELFARE', '{ searchChildren(familyNam: "xu") { nodes { id } } }');
    expect(JSON.stringify(arg.body)).not.toMatch(/Did you mean|familyName/);
  });

  it('a subgraph SQL failure reaches the caller as code, message and request id only', async () => {
    const cw = p.owner('child-welfare'); // DDL: the owner's, never the service's own role
    await cw.query('ALTER TABLE person RENAME TO person_moved_away');
    try {
      const res = await p.gql(
        'CHILD_WELFARE',
        '{ childWelfareRecord(kind: PERSON, sourceSystem: "CWS", externalId: "P-1") { __typename } }',
      );
      const text = JSON.stringify(res.body);
      const [err] = res.body.errors;
      expect(err.extensions).toEqual({
        code: 'INTERNAL_SERVER_ERROR',
        requestId: res.headers['x-request-id'],
      });
      expect(err.message).toBe('Internal server error');
      expect(text).not.toMatch(/select|person_moved_away|relation|stack|at \w+ \(/i);
      expect(text).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}\b|http:/);
      expect(text).not.toMatch(/child-welfare|serviceName/);
    } finally {
      await cw.query('ALTER TABLE person_moved_away RENAME TO person');
    }
  });

  it("a subgraph's refusal reaches the caller with its own message, never the subgraph's address", async () => {
    const res = await p.gql(
      'CHILD_WELFARE',
      '{ searchChildren(familyName: "xu") { nodes { id } } }',
      {},
      { purposeOfUse: 'ANALYTICS' },
    );
    const [err] = res.body.errors;
    expect(err.message).toMatch(/Analytics never sees child-level records/);
    expect(err.extensions).toEqual({ code: 'FORBIDDEN', requestId: res.headers['x-request-id'] });
    expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|http:|"response"|statusText/);
  });

  it('an unknown route and a malformed body get a typed error with the request id', async () => {
    const notFound = await request(origin).get('/nope');
    expect(notFound.status).toBe(404);
    expect(notFound.body.errors[0].extensions.requestId).toBe(notFound.headers['x-request-id']);
    const bad = await request(origin)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('x-request-id', 'caller-chosen-id-1')
      .send('{"query": ');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions).toEqual({
      code: 'BAD_REQUEST',
      requestId: bad.headers['x-request-id'],
    });
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}:caller-chosen-id-1$/);
  });
});
