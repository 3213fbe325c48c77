/**
 * Benchmark 7: what the two worst queries of the outside probe cost, before and after the limits
 * that count what runs (gateway/src/cost.ts, MAX_RESPONSE_BYTES, MAX_CONCURRENT_PER_CALLER,
 * MAX_AUDIT_ROWS_PER_REQUEST, `__typename` in MAX_ALIASES):
 *
 * - the cost attack: 16 root `children(ids: [500 ids])` fields, each with every section's lists;
 * - the alias bomb: `children(ids: [500 ids]) { a0: __typename … }`, as many aliases as the token
 *   limit lets through (~660 in 2000 tokens, a ~10 KB query).
 *
 * "Before" is the platform with those limits off (MAX_COST, MAX_ALIASES, MAX_RESPONSE_BYTES,
 * MAX_AUDIT_ROWS_PER_REQUEST set past anything, MAX_CONCURRENT_PER_CALLER 0): what the gateway
 * let through. "After" is the defaults. Each runs in a fresh one-process platform (`npm start`),
 * so that its peak RSS is its own; every figure is set against a normal view (one child, every
 * section) measured in the same process.
 */
import { AGENCY_SUBGRAPH, AGENCIES, schemaOf } from '@wholechild/shared';
import type { BenchContext } from './lib/context';
import { sequential, summarize } from './lib/load';
import { startService, type ServiceProcess } from './lib/procs';
import type { BenchResult, Figure } from './lib/report';
import { viewSetup } from './view';

const MB = 1024 * 1024;
const LIMITS_OFF = {
  MAX_COST: '100000000',
  MAX_ALIASES: '10000',
  MAX_RESPONSE_BYTES: String(1024 * MB),
  MAX_AUDIT_ROWS_PER_REQUEST: '10000000',
  MAX_CONCURRENT_PER_CALLER: '0',
};

/** One POST, timed, whatever its answer: status, bytes, the error code if any. */
async function post(url: string, token: string, query: string, variables: Record<string, unknown>) {
  const t0 = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  let code: string | undefined;
  let limit: string | undefined;
  let errors = 0;
  const codes: Record<string, number> = {};
  try {
    const body = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string; limit?: string } }> };
    errors = body.errors?.length ?? 0;
    code = body.errors?.[0]?.extensions?.code;
    limit = body.errors?.[0]?.extensions?.limit;
    for (const e of body.errors ?? [])
      codes[e.extensions?.code ?? '?'] = (codes[e.extensions?.code ?? '?'] ?? 0) + 1;
  } catch {
    code = 'NOT_JSON';
  }
  return { status: res.status, ms, bytes: Buffer.byteLength(text), code, limit, errors, codes };
}

async function auditRows(ctx: BenchContext): Promise<number> {
  let n = 0;
  for (const a of AGENCIES) {
    const r = await ctx
      .sql()
      .query<{ n: string }>(`SELECT count(*) AS n FROM ${schemaOf(AGENCY_SUBGRAPH[a])}.audit_event`);
    n += Number(r.rows[0]!.n);
  }
  return n;
}

/** Normal views, one client, while `during` runs; their latencies. */
async function viewsDuring(view: () => Promise<unknown>, during: Promise<unknown>) {
  let done = false;
  void during.finally(() => (done = true));
  const ms: number[] = [];
  while (!done) {
    const t0 = performance.now();
    await view().catch(() => undefined);
    ms.push(performance.now() - t0);
  }
  return summarize(ms.length ? ms : [0]);
}

async function measure(ctx: BenchContext, label: 'before' | 'after', env: Record<string, string>) {
  const proc: ServiceProcess = await startService('all', { DATABASE_URL: ctx.db.url, ...env });
  try {
    const { client, selection, query, ids } = await viewSetup(ctx, proc.url);
    const token = ctx.token('CHILD_WELFARE', 'CASE_PLANNING');
    const callers = ctx.callerTokens(8);
    let turn = 0;
    const view = () =>
      client.request(query, { id: ids[turn % ids.length] }, callers[turn++ % callers.length]);
    const normal = await sequential(view, ctx.opts.samples, ctx.opts.samples);
    const page = (
      await ctx
        .sql()
        .query<{ child_id: string }>(
          `SELECT DISTINCT child_id FROM child_index.agency_record WHERE child_id IS NOT NULL LIMIT 500`,
        )
    ).rows.map((r) => r.child_id);
    // the selection once, in a fragment: 16 copies of it would be over the token limit
    const attack = `query Attack($ids: [ID!]!) { ${Array.from({ length: 16 }, (_, i) => `${i ? `c${i}: ` : ''}children(ids: $ids) { ...View }`).join(' ')} } fragment View on Child { ${selection} }`;
    const rowsBefore = await auditRows(ctx);
    const attackOne = post(proc.url, token, attack, { ids: page });
    const viewDuring = await viewsDuring(view, attackOne);
    const one = await attackOne;
    const rows = (await auditRows(ctx)) - rowsBefore;
    // four at once, from one caller (the per-caller concurrency limit lets 4 in)
    const four = Promise.all(Array.from({ length: 4 }, () => post(proc.url, token, attack, { ids: page })));
    const viewDuringFour = await viewsDuring(view, four);
    const fourRes = await four;
    const afterAttack = await proc.stats();
    // the alias bomb: as many `__typename` aliases as 2000 tokens hold
    const aliases = Math.floor((ctx.config.limits.maxTokens - 25) / 3);
    const bomb = `query Bomb($ids: [ID!]!) { children(ids: $ids) { ${Array.from({ length: aliases }, (_, i) => `a${i}: __typename`).join(' ')} } }`;
    const bombRes = await post(proc.url, token, bomb, { ids: page });
    client.close();
    return {
      label,
      normal,
      attack: { ...one, auditRows: rows, queryBytes: Buffer.byteLength(attack) },
      viewDuring,
      four: fourRes,
      viewDuringFour,
      peakRssMb: afterAttack.peakRss / MB,
      bomb: { ...bombRes, aliases, queryBytes: Buffer.byteLength(bomb) },
    };
  } finally {
    await proc.stop();
  }
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  await ctx.stopAll();
  await ctx.seed();
  const before = await measure(ctx, 'before', LIMITS_OFF);
  const after = await measure(ctx, 'after', {});
  const f = (name: string, value: number, unit: string): Figure => ({ bench: 'cost', name, value, unit });
  const figures: Figure[] = [];
  for (const m of [before, after]) {
    const p = m.label;
    figures.push(
      f(`${p}: normal view p50, alone`, m.normal.p50, 'ms'),
      f(`${p}: 16 × children(ids: [500]) one request`, m.attack.ms, 'ms'),
      f(`${p}: 16 × children(ids: [500]) HTTP status (${m.attack.limit ?? 'ran'})`, m.attack.status, ''),
      f(`${p}: 16 × children(ids: [500]) SUBGRAPH_TIMEOUT errors`, m.attack.codes.SUBGRAPH_TIMEOUT ?? 0, ''),
      f(`${p}: audit rows written while it ran (views beside it included)`, m.attack.auditRows, 'rows'),
      f(`${p}: 16 × children(ids: [500]) response`, m.attack.bytes / MB, 'MB'),
      f(`${p}: normal view p50 during one attack`, m.viewDuring.p50, 'ms'),
      f(`${p}: normal view p50 during one attack ÷ alone`, m.viewDuring.p50 / m.normal.p50, '×'),
      f(`${p}: normal view p99 during four attacks at once`, m.viewDuringFour.p99, 'ms'),
      f(`${p}: normal view p99 during four attacks ÷ p50 alone`, m.viewDuringFour.p99 / m.normal.p50, '×'),
      f(
        `${p}: errors in the four attacks' answers`,
        m.four.reduce((a, r) => a + r.errors, 0),
        '',
      ),
      f(`${p}: peak RSS of the platform process`, m.peakRssMb, 'MB'),
      f(
        `${p}: alias bomb (${m.bomb.aliases} __typename aliases, ${m.bomb.queryBytes} B query) HTTP status (${m.bomb.limit ?? 'ran'})`,
        m.bomb.status,
        '',
      ),
      f(`${p}: alias bomb response`, m.bomb.bytes / MB, 'MB'),
      f(`${p}: alias bomb response ÷ query`, m.bomb.bytes / m.bomb.queryBytes, '×'),
      f(`${p}: alias bomb time ÷ normal view p50`, m.bomb.ms / m.normal.p50, '×'),
    );
  }
  return { bench: 'cost', figures, details: { before, after } };
}
