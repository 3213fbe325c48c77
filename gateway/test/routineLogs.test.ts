import { AGENCY_SUBGRAPH } from '@wholechild/shared';
import { put } from './consentFixture';
import { captureLogs, startTestPlatform, type TestPlatform } from './helpers';

/** The child index pulls every feed every few seconds: those request lines are debug, so the
 *  info log (npm start's) shows what people and agencies did, not the platform's own polling. */
describe('routine feed pulls log at debug', () => {
  let p: TestPlatform;
  const { lines, logger } = captureLogs('debug');
  const INFO = 30;
  const DEBUG = 20;

  beforeAll(async () => {
    p = await startTestPlatform({ logger });
  });
  afterAll(async () => p?.dispose());

  it("a feed pull's request lines are debug; a caller's are info, at the same subgraph", async () => {
    await put(p, 'HOUSING', 'HousingClient', {
      externalId: 'LOG-1',
      givenName: 'Ari',
      birthDate: '2014-02-03',
    });
    const written = lines.filter((l) => l.msg === 'request' && l.service === 'housing');
    expect(written.map((l) => l.level)).toEqual([INFO]);

    lines.length = 0;
    const pass = await p.syncFeeds();
    expect(pass.find((r) => r.agency === 'HOUSING')).toMatchObject({ ok: true, recordsRead: 1 });
    const agencies = new Set<unknown>(Object.values(AGENCY_SUBGRAPH));
    const pulled = lines.filter((l) => l.msg === 'request' && agencies.has(l.service));
    expect(pulled.length).toBeGreaterThanOrEqual(5); // a page at least of each agency's feed
    expect(pulled.every((l) => l.level === DEBUG && l.status === 200)).toBe(true);
    expect(lines.filter((l) => (l.level as number) >= INFO && l.msg === 'request')).toEqual([]);
  });

  it('a refused request under any token stays info, whoever sends it', async () => {
    lines.length = 0;
    const res = await p.gql(
      'HOUSING',
      `{ housingPersonFeed { records { recordId } } }`,
      {},
      { roles: ['CASEWORKER'] },
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const housing = lines.filter((l) => l.msg === 'request' && l.service === 'housing');
    expect(housing.length).toBeGreaterThan(0);
    expect(housing.every((l) => l.level === INFO)).toBe(true);
  });
});
