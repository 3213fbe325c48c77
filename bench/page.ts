/**
 * Benchmark 2: a dashboard page of 100 children with every section (`children(ids)`). SQL
 * statements per subgraph must not grow with the number of children (DataLoader batching); the
 * page's p50 must stay within 10× one child's p50, measured in the same run.
 */
import { SUBGRAPH_NAMES } from '@wholechild/shared';
import type { BenchContext } from './lib/context';
import { sequential } from './lib/load';
import { PAGE_QUERY } from './lib/query';
import type { BenchResult, Figure } from './lib/report';
import { viewSetup } from './view';

export const TARGET_VS_ONE = 10;
/** A loaded machine can split one DataLoader batch in two; anything beyond is growth. */
const SLACK = 2;

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const gw = await ctx.startGateway('gateway');
  const subgraphs = await ctx.startSubgraphs();
  const { client, selection, query } = await viewSetup(ctx, gw.url);
  const size = ctx.opts.pageSize;
  const ids = await ctx.crossSystemChildren(size * 3);
  const small = Math.min(size, Math.max(10, Math.round(size / 10)));
  const page = PAGE_QUERY(selection);

  const statements = async (n: number) => {
    const before = await Promise.all(SUBGRAPH_NAMES.map((s) => subgraphs[s].stats()));
    await client.request(page, { ids: ids.slice(0, n) });
    const after = await Promise.all(SUBGRAPH_NAMES.map((s) => subgraphs[s].stats()));
    return Object.fromEntries(
      SUBGRAPH_NAMES.map((s, i) => [s, after[i]!.statements[s]! - before[i]!.statements[s]!]),
    ) as Record<string, number>;
  };
  await client.request(page, { ids: ids.slice(size, size * 2) }); // warm every code path once
  const few = await statements(small);
  const many = await statements(size);

  const samples = Math.max(3, Math.round(ctx.opts.samples / 6));
  let j = 0;
  const one = await sequential(() => client.request(query, { id: ids[j++ % ids.length] }), samples * 2, 5);
  let k = 0;
  const pages = await sequential(
    () => client.request(page, { ids: ids.slice((k++ % 3) * size, ((k - 1) % 3) * size + size) }),
    samples,
    2,
  );
  client.close();

  const figures: Figure[] = SUBGRAPH_NAMES.map((s) => ({
    bench: 'page',
    name: `SQL statements ${s}: ${small} → ${size} children`,
    value: many[s]!,
    unit: `(${few[s]} at ${small})`,
    target: `≤ ${few[s]! + SLACK} (constant)`,
    pass: many[s]! <= few[s]! + SLACK,
  }));
  const limit = one.p50 * TARGET_VS_ONE;
  figures.push(
    { bench: 'page', name: 'one child p50 (same run)', value: one.p50, unit: 'ms' },
    {
      bench: 'page',
      name: `${size} children p50`,
      value: pages.p50,
      unit: 'ms',
      target: `≤ ${TARGET_VS_ONE}× one child (${limit.toFixed(0)} ms)`,
      pass: pages.p50 <= limit,
    },
    { bench: 'page', name: `${size} children p99`, value: pages.p99, unit: 'ms' },
  );
  return { bench: 'page', figures, details: { statements: { [small]: few, [size]: many }, one, pages } };
}
