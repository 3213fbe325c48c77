import { loadConfig, type AgencySubgraphService } from '@wholechild/shared';
import { createTestDatabase } from '@wholechild/shared/testing';
import * as education from '../../subgraphs/education/src/server';
import * as probation from '../../subgraphs/probation/src/server';
import { WRITE_CASES, type CaseBatch, type WriteCase } from './writeCases';
import {
  changedKeys,
  keyOfRow,
  snapshot,
  viaBulk,
  viaGraphql,
  type BatchOutcome,
  type PathTarget,
} from './writePaths';

/**
 * One write rule, two executions: every case of writeCases.ts goes through an agency's batch
 * upsert mutations (a running subgraph, called as its integration account through the gateway's
 * credential) and through the bulk load (an NDJSON stream into bulkIngest), each on a database of
 * its own, and the two must agree row by row (which rows were refused, on which fields and codes,
 * with which reasons), on what was stored (natural keys and values) and on which records a batch
 * created or changed (change_seq); and both must do what the case says. What differs between the
 * paths by design is normalised in writePaths.ts. Each case writes in a source system of its
 * own, so it starts from an agency with none of its records.
 */

const config = loadConfig({ WHOLECHILD_MODE: 'development', LOG_LEVEL: 'silent' });
const AGENCIES = { EDUCATION: education, PROBATION: probation } as const;
type Agency = keyof typeof AGENCIES;

/** The refused rows as `field CODE`, for the case's expectations. */
const codes = (rejected: BatchOutcome['rejected']) =>
  Object.fromEntries(
    Object.entries(rejected).map(([at, errors]) => [at, errors.map((e) => e.replace(/:.*$/s, ''))]),
  );

/** GraphQL's input types give no reason of the upsert's: compare such a row by field and code. */
const TYPE_REFUSAL = '(refused by the input type)';
function comparable(a: BatchOutcome, b: BatchOutcome): [BatchOutcome, BatchOutcome] {
  const byType = Object.entries(a.rejected).filter(([, errors]) =>
    errors.some((e) => e.endsWith(TYPE_REFUSAL)),
  );
  if (!byType.length) return [a, b];
  const strip = (o: BatchOutcome): BatchOutcome => {
    const rejected = { ...o.rejected };
    for (const [at] of byType) rejected[Number(at)] = codes({ [at]: rejected[Number(at)] ?? [] })[at]!;
    return { ...o, rejected };
  };
  return [strip(a), strip(b)];
}

/** Distinct keys of the rows a batch accepted. */
const acceptedKeys = (batch: CaseBatch, rejected: BatchOutcome['rejected']) =>
  new Set(batch.rows.filter((_, i) => !rejected[i]).map(keyOfRow));

describe('the two write paths follow one set of rules', () => {
  const dbs: Array<{ url: string; drop(): Promise<void> }> = [];
  const services: AgencySubgraphService[] = [];
  const targets = {} as Record<Agency, { graphql: PathTarget; bulk: PathTarget }>;

  beforeAll(async () => {
    const [graphqlDb, bulkDb] = [await createTestDatabase(), await createTestDatabase()];
    dbs.push(graphqlDb, bulkDb);
    for (const [agency, mod] of Object.entries(AGENCIES) as Array<[Agency, (typeof AGENCIES)[Agency]]>) {
      const create =
        'createEducationService' in mod ? mod.createEducationService : mod.createProbationService;
      const graphql = await create({ config, databaseUrl: graphqlDb.url });
      services.push(graphql);
      const url = new URL((await graphql.start(0)).url);
      const bulk = await create({ config, databaseUrl: bulkDb.url });
      services.push(bulk);
      targets[agency] = {
        graphql: { spec: mod.spec, service: graphql, config, url },
        bulk: { spec: mod.spec, service: bulk, config },
      };
    }
  });
  afterAll(async () => {
    for (const s of services) await s.stop();
    for (const db of dbs) await db.drop();
  });

  it('the cases cover every rule the brief names', () => {
    const all = WRITE_CASES.flatMap((c) => c.batches.flatMap((b) => Object.values(b.rejects ?? {}).flat()));
    for (const code of ['UNKNOWN_REFERENCE', 'INVALID_DATE', 'REQUIRED', 'INVALID_ENUM', 'TOO_LONG'])
      expect(all.some((e) => e.endsWith(` ${code}`))).toBe(true);
  });

  it.each(WRITE_CASES.map((c, i) => [c.title, c, i] as const))('%s', async (_title, c: WriteCase, i) => {
    const source = `WR${i}`;
    const { graphql, bulk } = targets[c.agency];
    let seqs = { graphql: (await snapshot(graphql, source)).seqs, bulk: (await snapshot(bulk, source)).seqs };
    for (const [n, batch] of c.batches.entries()) {
      const g = await viaGraphql(graphql, source, batch.rows);
      const gSnap = await snapshot(graphql, source);
      const b = await viaBulk(bulk, source, batch.rows);
      const bSnap = await snapshot(bulk, source);
      const byGraphql: BatchOutcome = {
        rejected: g.rejected,
        changed: changedKeys(seqs.graphql, gSnap.seqs).sort(),
        stored: gSnap.stored,
      };
      const byBulk: BatchOutcome = {
        rejected: b.rejected,
        changed: changedKeys(seqs.bulk, bSnap.seqs).sort(),
        stored: bSnap.stored,
      };
      const created = byGraphql.changed.filter((key) => !seqs.graphql.has(key));
      seqs = { graphql: gSnap.seqs, bulk: bSnap.seqs };

      // the two paths agree, row by row and record by record
      const [left, right] = comparable(byGraphql, byBulk);
      expect({ batch: n, ...right }).toEqual({ batch: n, ...left });
      // and do what the case says
      expect({ batch: n, rejects: codes(byGraphql.rejected) }).toEqual({
        batch: n,
        rejects: batch.rejects ?? {},
      });
      expect({ batch: n, changed: byGraphql.changed }).toEqual({
        batch: n,
        changed: [...batch.changed].sort(),
      });
      // each path's own report says what the database shows
      expect(g.created.sort()).toEqual(created);
      const accepted = acceptedKeys(batch, byGraphql.rejected).size;
      expect(b.counts).toEqual({
        created: created.length,
        updated: byGraphql.changed.length - created.length,
        unchanged: accepted - byGraphql.changed.length,
      });
    }
    for (const [key, values] of Object.entries(c.stored ?? {})) {
      const stored = (await snapshot(graphql, source)).stored[key];
      if (values === null) expect({ key, stored }).toEqual({ key, stored: undefined });
      else expect({ key, stored }).toEqual({ key, stored: expect.objectContaining(values) });
    }
  });
});
