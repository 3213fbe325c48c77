import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  agencyOfSubgraph,
  errorCodes,
  KNOWN_RESPONSE_CODES,
  type Logger,
  type ServiceMetrics,
  type SubgraphName,
} from '@wholechild/shared/core';
import { GraphQLError, Kind, parse, type SelectionSetNode } from 'graphql';
import { createHttpFetcher, createLocalFetcher, type LocalSubgraph } from './httpFetcher';

export interface SubgraphDataSourceOptions<TContext extends Ctx> {
  name: SubgraphName;
  url: string | undefined;
  /** Abort a fetch that has not answered after this long. */
  timeoutMs: number;
  logger: Logger;
  /** Times each fetch (wholechild_subgraph_fetch_duration_seconds: ok, or error when it failed). */
  metrics?: ServiceMetrics;
  willSendRequest: RemoteGraphQLDataSource<TContext>['willSendRequest'];
  /** The subgraph is served in this process: call its request listener, not its URL. */
  local?: LocalSubgraph;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- RemoteGraphQLDataSource's own bound
type Ctx = Record<string, any>;
type Fetcher = RemoteGraphQLDataSource['fetcher'];
type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/** A cause as log text: its message (and code), never "[object Object]". */
function describeCause(c: unknown): string {
  if (c === undefined || c === null) return '';
  if (typeof c !== 'object') return String(c);
  const { message, code } = c as { message?: unknown; code?: unknown };
  const text = typeof message === 'string' ? message : JSON.stringify(c).slice(0, 300);
  return typeof code === 'string' ? `${text} (${code})` : text;
}

/** Whether a fetch failed by its timeout (checked by name: the DOMException may come from
 *  another realm, so `instanceof` is not reliable). */
function isTimeout(e: unknown): boolean {
  for (let c = e, depth = 0; c && typeof c === 'object' && depth < 5; c = (c as Error).cause, depth++) {
    const name = (c as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') return true;
  }
  return false;
}

/** The response keys a selection asks for, its inline fragments' too (only those on `typename`
 *  when one is given). */
function responseKeys(set: SelectionSetNode, typename?: string): string[] {
  return set.selections.flatMap((s) =>
    s.kind === Kind.FIELD
      ? s.name.value === '__typename'
        ? []
        : [s.alias?.value ?? s.name.value]
      : s.kind === Kind.INLINE_FRAGMENT &&
          (typename === undefined || !s.typeCondition || s.typeCondition.name.value === typename)
        ? responseKeys(s.selectionSet, typename)
        : [],
  );
}

/**
 * What a failed fetch stands for, from the operation it sent:
 * - `paths`: the fields it would have filled (in the subgraph's response), one error each, which the
 *   gateway maps onto the caller's query, so each error points at the part that is missing;
 * - `data`, for an `_entities` fetch: each entity with every field it was asked for set to null. The
 *   gateway then builds the representations of the fetches that @require those fields with nulls
 *   rather than dropping the entity: a section whose policy borrows a fact of an agency that is down
 *   is still answered, the fact read as not proven (a fact only ever opens records), and a field built
 *   from every agency's part (consents, the audit trail) says that a part is missing rather than
 *   vanishing with the whole child.
 */
function missingParts(options: GraphQLDataSourceProcessOptions): {
  paths: Array<Array<string | number> | undefined>;
  data?: Record<string, unknown>;
} {
  let document = 'document' in options ? options.document : undefined;
  try {
    document ??= options.request.query ? parse(options.request.query) : undefined;
  } catch {
    document = undefined;
  }
  const op = document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!op || op.kind !== Kind.OPERATION_DEFINITION) return { paths: [undefined] };
  const [root] = op.selectionSet.selections;
  if (root?.kind === Kind.FIELD && root.name.value === '_entities' && root.selectionSet) {
    const set = root.selectionSet;
    const representations = options.request.variables?.representations;
    const n = Array.isArray(representations) ? representations.length : 1;
    const fields = responseKeys(set);
    const paths = Array.from({ length: n }, (_, i) => fields.map((f) => ['_entities', i, f])).flat();
    const entities = Array.isArray(representations)
      ? representations.map((r) => {
          const typename = (r as { __typename?: unknown } | null)?.__typename;
          if (typeof typename !== 'string') return null;
          return Object.fromEntries([
            ['__typename', typename],
            ...responseKeys(set, typename).map((f) => [f, null]),
          ]);
        })
      : undefined;
    return {
      paths: paths.length ? paths : [undefined],
      ...(entities ? { data: { [root.alias?.value ?? '_entities']: entities } } : {}),
    };
  }
  const fields = responseKeys(op.selectionSet);
  return { paths: fields.length ? fields.map((f) => [f]) : [undefined] };
}

/** A subgraph fetch that cannot hang the gateway or leak where the subgraph lives: each fetch is
 *  aborted after `timeoutMs`; a subgraph that is down, slow or answering 5xx yields a typed error
 *  (SUBGRAPH_UNAVAILABLE / SUBGRAPH_TIMEOUT naming the subgraph and agency, never its URL) on its
 *  part of the plan, and the other subgraphs' parts still arrive. Nothing is cached between
 *  requests, so the next request after the subgraph is back is whole again. */
export class SubgraphDataSource<TContext extends Ctx = Ctx> extends RemoteGraphQLDataSource<TContext> {
  private readonly subgraph: SubgraphName;
  private readonly log: Logger;
  private readonly metrics?: ServiceMetrics;

  constructor(opts: SubgraphDataSourceOptions<TContext>) {
    super({ url: opts.url, willSendRequest: opts.willSendRequest });
    this.subgraph = opts.name;
    this.log = opts.logger;
    this.metrics = opts.metrics;
    const http = opts.local
      ? createLocalFetcher({ timeoutMs: opts.timeoutMs, subgraph: opts.local })
      : createHttpFetcher({ timeoutMs: opts.timeoutMs });
    this.fetcher = http.fetcher as unknown as Fetcher;
    this.close = http.close;
  }

  /** Closes the pooled keep-alive connections to the subgraph. */
  readonly close: () => void;

  override async process(
    options: GraphQLDataSourceProcessOptions<TContext>,
  ): Promise<GatewayGraphQLResponse> {
    try {
      const fetch = () => super.process(options);
      return await (this.metrics ? this.metrics.timeFetch(this.subgraph, fetch) : fetch());
    } catch (e) {
      const response = (e as GraphQLError).extensions?.response as
        | {
            status?: number;
            body?: { errors?: Array<{ message?: string; extensions?: { code?: unknown } }> };
          }
        | undefined;
      const code = (e as GraphQLError).extensions?.code;
      // A 4xx the subgraph answered deliberately (401, 403…): pass its own (already masked) message
      // and code, never its URL, status line or raw body.
      if (
        e instanceof GraphQLError &&
        typeof code === 'string' &&
        KNOWN_RESPONSE_CODES.has(code) &&
        (response?.status ?? 500) < 500
      ) {
        const inner = response?.body?.errors?.[0];
        const innerCode = inner?.extensions?.code;
        return {
          errors: [
            typeof innerCode === 'string' && KNOWN_RESPONSE_CODES.has(innerCode) && inner?.message
              ? { message: inner.message, extensions: { code: innerCode } }
              : { message: e.message, extensions: { code } },
          ],
        };
      }
      const agency = agencyOfSubgraph(this.subgraph);
      const timedOut = isTimeout(e);
      const requestId = (options.context as { requestId?: unknown } | undefined)?.requestId;
      this.log.warn(
        {
          ...(typeof requestId === 'string' ? { requestId } : {}),
          subgraph: this.subgraph,
          err:
            e instanceof Error
              ? { name: e.name, message: e.message, cause: describeCause(e.cause) }
              : describeCause(e),
        },
        timedOut ? 'subgraph timed out' : 'subgraph unavailable',
      );
      const who = agency ? `${this.subgraph} (${agency})` : this.subgraph;
      const err = timedOut
        ? errorCodes.SUBGRAPH_TIMEOUT.err(`The ${who} service did not answer in time; its part is missing`, {
            subgraph: this.subgraph,
            ...(agency ? { agency } : {}),
          })
        : errorCodes.SUBGRAPH_UNAVAILABLE.err(`The ${who} service is unavailable; its part is missing`, {
            subgraph: this.subgraph,
            ...(agency ? { agency } : {}),
          });
      const { code: _c, ...extensions } = err.extensions;
      const { paths, data } = missingParts(options);
      return {
        ...(data ? { data } : {}),
        errors: paths.map((path) => ({
          message: err.message,
          path,
          extensions: { ...extensions, code: err.extensions.code },
        })),
      };
    }
  }
}
