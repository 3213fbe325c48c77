/**
 * Benchmark 3: gateway overhead. The same cross-system view through our gateway, a bare
 * ApolloServer + ApolloGateway, and Hive Gateway (Rust query planner), each over the same
 * committed supergraph and the same running subgraph processes, one gateway at a time.
 */
import type { BenchContext, GatewayKind } from './lib/context';
import { closedLoop, GraphQLClient, sequential, type Latency, type Throughput } from './lib/load';
import { VIEW_QUERY } from './lib/query';
import type { BenchResult, Figure } from './lib/report';
import { viewSetup } from './view';

export const TARGET_VS_BARE = 0.9;
/** Children whose view every gateway must answer exactly as ours does. */
const SAME_ANSWER_CHILDREN = 10;
const KINDS: Array<{ kind: GatewayKind; label: string }> = [
  { kind: 'gateway', label: 'our gateway' },
  { kind: 'apollo-bare', label: 'bare @apollo/gateway' },
  { kind: 'hive', label: 'Hive Gateway (router-runtime)' },
];

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const ours = await ctx.startGateway('gateway');
  const { selection, ids } = await viewSetup(ctx, ours.url);
  const query = VIEW_QUERY(selection);
  const measured: Record<string, { one: Latency; many: Throughput; sameAnswer: boolean; startMs: number }> =
    {};
  const failed: Record<string, string> = {};
  // The answer each gateway gives for the first children (ours first: the reference).
  const compared = ids.slice(0, SAME_ANSWER_CHILDREN);
  let reference: string | undefined;
  const clients = new Map<GatewayKind, GraphQLClient>();
  const ones = new Map<GatewayKind, { one: Latency; sameAnswer: boolean; startMs: number }>();
  for (const { kind } of KINDS) {
    const gw = await ctx.startGateway(kind);
    const client = new GraphQLClient(gw.url, ctx.token('CHILD_WELFARE', 'CASE_PLANNING'));
    let answer: string;
    try {
      const answers: unknown[] = [];
      for (const id of compared) answers.push(await client.request(query, { id }));
      answer = JSON.stringify(answers);
    } catch (e) {
      // A gateway that cannot answer the view is reported, not measured.
      failed[kind] = String(e).slice(0, 300);
      client.close();
      await ctx.stopGateway(kind);
      continue;
    }
    reference ??= answer;
    let j = 0;
    const one = await sequential(
      () => client.request(query, { id: ids[j++ % ids.length] }),
      Math.max(3, Math.round(ctx.opts.samples / 3)),
    );
    clients.set(kind, client);
    ones.set(kind, { one, sameAnswer: answer === reference, startMs: gw.startMs });
  }
  // Throughput in alternating rounds (A B C A B C …), so that drift in what else the machine is
  // doing falls on every gateway alike; an idle gateway costs next to nothing.
  const rounds = 3;
  const runs = new Map<GatewayKind, Throughput[]>();
  const callers = ctx.callerTokens(ctx.opts.concurrency);
  for (let r = 0; r < rounds; r++)
    for (const [kind, client] of clients) {
      const t = await closedLoop(
        (c, i) => client.request(query, { id: ids[(c * 7 + i) % ids.length] }, callers[c]),
        ctx.opts.concurrency,
        ctx.opts.seconds / rounds,
        r === 0 ? undefined : 0.5,
      );
      runs.set(kind, [...(runs.get(kind) ?? []), t]);
    }
  for (const [kind, client] of clients) {
    client.close();
    const list = runs.get(kind)!;
    const requests = list.reduce((a, t) => a + t.requests, 0);
    const seconds = list.reduce((a, t) => a + t.seconds, 0);
    const many: Throughput = {
      ...list[list.length - 1]!,
      requests,
      seconds,
      perSecond: requests / seconds,
      errors: list.reduce((a, t) => a + t.errors, 0),
    };
    measured[kind] = { ...ones.get(kind)!, many };
    if (kind !== 'gateway') await ctx.stopGateway(kind);
  }
  const rps = (kind: GatewayKind) => measured[kind]?.many.perSecond ?? NaN;
  const ratio = rps('gateway') / rps('apollo-bare');
  const figures: Figure[] = KINDS.flatMap(({ kind, label }): Figure[] =>
    failed[kind]
      ? [
          {
            bench: 'gateways',
            name: `${label}: no answer (${failed[kind]!.slice(0, 40)}…)`,
            value: NaN,
            unit: '',
            target: 'answers the view',
            pass: false,
          },
        ]
      : [
          { bench: 'gateways', name: `${label} p50, 1 client`, value: measured[kind]!.one.p50, unit: 'ms' },
          {
            bench: 'gateways',
            name: `${label} throughput, ${ctx.opts.concurrency} clients`,
            value: measured[kind]!.many.perSecond,
            unit: 'req/s',
            ...(kind === 'gateway'
              ? {}
              : { target: 'same answer as ours', pass: measured[kind]!.sameAnswer }),
          },
        ],
  );
  figures.push({
    bench: 'gateways',
    name: 'our throughput / bare Apollo Gateway',
    value: ratio * 100,
    unit: '%',
    target: `≥ ${TARGET_VS_BARE * 100}%`,
    pass: ratio >= TARGET_VS_BARE,
  });
  figures.push({
    bench: 'gateways',
    name: 'Hive / bare Apollo Gateway throughput',
    value: (rps('hive') / rps('apollo-bare')) * 100,
    unit: '%',
  });
  return { bench: 'gateways', figures, details: { measured, failed } };
}
