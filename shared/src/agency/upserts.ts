import type { DataSource } from 'typeorm';
import type { IndexNotifier } from '../graphql/indexNotifier';
import { batchUpsert, singleUpsert } from '../graphql/upsert';
import type { AgencyContext, AgencyKind, AgencySubgraphSpec } from './spec';

/** The upserts of every kind, one record and a batch. A write that may change a person record
 *  (its own, or through a trigger such as Part 2's) has the index hear of a record it withdrew or
 *  protected before the mutation answers; directory records (a school, a provider) are about no
 *  child. */
export function upsertResolvers(spec: AgencySubgraphSpec, ds: DataSource, notifier: IndexNotifier) {
  const personWrite =
    <T>(kind: AgencyKind, write: (ctx: AgencyContext) => Promise<T>) =>
    async (ctx: AgencyContext): Promise<T> => {
      if (kind.personProperty === null) return write(ctx);
      const mark = await notifier.mark();
      const out = await write(ctx);
      await notifier.afterWrite(mark, ctx.token, ctx.logger);
      return out;
    };
  const mutation: Record<string, unknown> = {};
  for (const kind of [spec.person, ...spec.kinds]) {
    mutation[kind.upsertOne] = (_: unknown, args: { record: Record<string, unknown> }, ctx: AgencyContext) =>
      personWrite(kind, (c) => singleUpsert(c, ds, spec.agency, kind, args.record))(ctx);
    mutation[kind.upsertMany] = (
      _: unknown,
      args: { records: Array<Record<string, unknown>> },
      ctx: AgencyContext,
    ) => personWrite(kind, (c) => batchUpsert(c, ds, spec.agency, kind, args.records))(ctx);
  }
  return mutation;
}
