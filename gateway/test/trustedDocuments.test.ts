import fs from 'node:fs';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { loadConfig } from '@wholechild/shared';
import { tokenFor } from '@wholechild/shared/testing';
import { readManifest } from '../src/trustedDocuments';
import { schemaCheck } from '../../scripts/schemaCheck';
import { SUPERGRAPH_FILE } from '../src/supergraph';
import { startTestPlatform, type TestPlatform } from './helpers';

const manifest = readManifest();
const registered = (name: string) => manifest.operations.find((o) => o.name === name)!;
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const steward = tokenFor(
  'CHILD_WELFARE',
  { roles: ['DATA_STEWARD'], purposeOfUse: 'OPERATIONS' },
  loadConfig({ WHOLECHILD_MODE: 'development' }),
);

function post(p: TestPlatform, body: Record<string, unknown>) {
  const url = new URL(p.gatewayUrl);
  return request(url.origin)
    .post(url.pathname)
    .set('content-type', 'application/json')
    .set('authorization', `Bearer ${steward}`)
    .send(body);
}
const byId = (id: string, variables?: Record<string, unknown>) => ({
  variables,
  extensions: { persistedQuery: { version: 1, sha256Hash: id } },
});

describe('trusted documents (partner developers)', () => {
  it('registers the web app’s and partners’ operations, each by the sha-256 of its normal form', () => {
    expect(manifest.operations.length).toBeGreaterThan(5);
    for (const op of manifest.operations) expect(op.id).toBe(sha(op.body));
    expect(manifest.operations.map((o) => o.client)).toEqual(
      expect.arrayContaining(['web', 'example-dashboard']),
    );
  });

  describe('OPERATION_SAFELIST=off (the default): persisted queries', () => {
    let p: TestPlatform;
    beforeAll(async () => (p = await startTestPlatform()));
    afterAll(async () => p?.dispose());

    it('runs a registered operation by its id, never sent in full', async () => {
      const res = await post(p, byId(registered('DashboardFeedStatus').id));
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.feedStatus).toHaveLength(5);
    });

    it('learns any other operation the APQ way', async () => {
      const query = '{ feedStatus { agency running } }';
      const first = await post(p, byId(sha(query)));
      expect(first.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect((await post(p, { query, ...byId(sha(query)) })).body.errors).toBeUndefined();
      expect((await post(p, byId(sha(query)))).body.data.feedStatus).toHaveLength(5);
    });
  });

  describe('OPERATION_SAFELIST=enforce', () => {
    let p: TestPlatform;
    beforeAll(async () => (p = await startTestPlatform({ env: { OPERATION_SAFELIST: 'enforce' } })));
    afterAll(async () => p?.dispose());

    it('runs registered operations, by id or by their text in any layout', async () => {
      expect((await post(p, byId(registered('DashboardFeedStatus').id))).body.data.feedStatus).toHaveLength(
        5,
      );
      const text = `# from the partner's own file
        query DashboardFeedStatus {
          feedStatus { agency recordsRead
            running updatedAt }
        }`;
      expect((await post(p, { query: text })).body.data.feedStatus).toHaveLength(5);
    });

    it('refuses any other operation with a typed error, and learns none', async () => {
      const query = '{ feedStatus { agency } }';
      const refused = await post(p, { query });
      expect(refused.body.data ?? null).toBeNull();
      expect(refused.body.errors[0].extensions.code).toBe('OPERATION_NOT_REGISTERED');
      const apq = await post(p, { query, ...byId(sha(query)) });
      expect(apq.body.errors[0].extensions.code).toBe('OPERATION_NOT_REGISTERED');
      expect((await post(p, byId(sha(query)))).body.errors[0].extensions.code).toBe(
        'PERSISTED_QUERY_NOT_FOUND',
      );
    });
  });

  describe('npm run schema:check', () => {
    const committed = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');

    it('passes on the committed supergraph', () => {
      expect(schemaCheck({ supergraphSdl: committed }).problems).toEqual([]);
    });

    it('fails when a change breaks a registered operation: a removed field, a new required argument', () => {
      const removed = committed.replace(/\n\s+"""[^"]*"""\n\s+running: Boolean!/, '\n');
      expect(removed).not.toBe(committed);
      const r1 = schemaCheck({ supergraphSdl: removed });
      expect(r1.problems.join('\n')).toMatch(/DashboardFeedStatus.*Cannot query field "running"/);

      const required = committed.replace(/crossover\(/, 'crossover(\n    region: String!\n');
      const r2 = schemaCheck({ supergraphSdl: required });
      expect(r2.problems.join('\n')).toMatch(/DashboardCrossover.*argument "region"/);
    });

    it('accepts a break named, with its reason, in the reviewed file', () => {
      const removed = committed.replace(/\n\s+"""[^"]*"""\n\s+running: Boolean!/, '\n');
      const r = schemaCheck({
        supergraphSdl: removed,
        intendedBreaks: [
          { id: registered('DashboardFeedStatus').id, reason: 'the dashboard moved to feedStatus.state' },
        ],
      });
      expect(r.problems.filter((x) => x.includes('DashboardFeedStatus'))).toEqual([]);
      expect(r.accepted.join('\n')).toMatch(/intended: the dashboard moved/);
    });
  });
});
