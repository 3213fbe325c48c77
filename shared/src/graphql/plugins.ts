import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable } from '../db/unavailable';
import { errorCodes, KNOWN_RESPONSE_CODES } from '../errors';
import type { Logger } from '../logger';

/** graphql-js's refusal when `parseOptions.maxTokens` is exceeded (16.x spells it "more that"). */
const TOKEN_LIMIT = /^Syntax Error: Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/;

interface MaskOptions {
  /** At the gateway: subgraph errors arrive already masked, a catalogued code passes. */
  downstream?: boolean;
  service?: string;
}

/** Whether an error leaves as it is (ours, catalogued), as a database outage, or masked. */
function classify(
  original: unknown,
  code: unknown,
  opts: MaskOptions,
): 'passes' | 'database unavailable' | 'masked error' {
  const ours = opts.downstream
    ? typeof code === 'string' && KNOWN_RESPONSE_CODES.has(code)
    : original instanceof GraphQLError &&
      !(original.originalError && !(original.originalError instanceof GraphQLError));
  if (ours && code !== 'INTERNAL_SERVER_ERROR') return 'passes';
  if (!opts.downstream && isDatabaseUnavailable(original)) return 'database unavailable';
  return 'masked error';
}

/** What the log says of an error: its message, and its stack when it is a bug (a database
 *  outage is a known condition, its message is enough). At the gateway a subgraph's error arrives
 *  as the subgraph's JSON ({message, extensions}), not as an Error: its message, code and service
 *  are logged, never "[object Object]". */
export function loggableError(original: unknown, kind: string): string | Record<string, unknown> {
  if (original instanceof Error) {
    if (kind !== 'masked error') return original.message;
    const err: Record<string, unknown> = {
      name: original.name,
      message: original.message,
      stack: original.stack,
    };
    const driver = (original as { driverError?: { code?: unknown } }).driverError;
    const code = (original as { code?: unknown }).code ?? driver?.code;
    if (typeof code === 'string') err.code = code;
    return err;
  }
  if (original && typeof original === 'object') {
    const o = original as { message?: unknown; extensions?: Record<string, unknown> };
    const ext = o.extensions ?? {};
    const err: Record<string, unknown> = {
      message: typeof o.message === 'string' ? o.message : JSON.stringify(original).slice(0, 500),
    };
    if (typeof ext.code === 'string') err.code = ext.code;
    if (typeof ext.serviceName === 'string') err.subgraph = ext.serviceName;
    if (typeof ext.requestId === 'string') err.subgraphRequestId = ext.requestId;
    return err;
  }
  return String(original);
}

/** Logs what maskErrors hides, in full and with the request id (Apollo's formatError sees no
 *  request, so the logging happens here, where the request's context is). */
export function maskedErrorLogPlugin<T extends BaseContext & { requestId: string }>(
  logger: Logger,
  opts: MaskOptions = {},
): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            const code = error.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
            const kind = classify(original, code, opts);
            if (kind === 'passes') continue;
            const service = error.extensions?.serviceName;
            const line = {
              requestId: contextValue.requestId,
              err: loggableError(original, kind),
              path: error.path,
              ...(typeof service === 'string' ? { subgraph: service } : {}),
            };
            if (kind === 'database unavailable') logger.warn(line, kind);
            else logger.error(line, kind);
          }
        },
      };
    },
  };
}

/** Error masking: our own GraphQLErrors (built from the catalogue) and GraphQL's validation
 *  errors pass; anything else (a driver error carrying SQL, a bug) becomes a generic internal
 *  error. Stack traces never leave. What is hidden is logged by maskedErrorLogPlugin. */
export function maskErrors(opts: MaskOptions = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    // Apollo wraps a validation rule's error as GRAPHQL_VALIDATION_FAILED; a catalogued code that
    // the rule itself chose (LIMIT_EXCEEDED) is the more precise one and wins.
    const inner = original instanceof GraphQLError ? original.originalError : undefined;
    const innerCode = inner instanceof GraphQLError ? inner.extensions?.code : undefined;
    if (
      formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' &&
      typeof innerCode === 'string' &&
      KNOWN_RESPONSE_CODES.has(innerCode)
    )
      formatted = { ...formatted, extensions: { ...formatted.extensions, code: innerCode } };
    const tokens = TOKEN_LIMIT.exec(formatted.message);
    if (formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && tokens) {
      const max = Number(tokens[1]);
      formatted = {
        message: `Token limit of ${max} exceeded.`,
        extensions: { code: errorCodes.LIMIT_EXCEEDED.code, limit: 'maxTokens', max },
      };
    }
    const kind = classify(original, formatted.extensions?.code, opts);
    if (kind === 'passes') {
      const {
        stacktrace: _s,
        exception: _e,
        serviceName: _n,
        response: _r,
        http: _h,
        ...extensions
      } = (formatted.extensions ?? {}) as Record<string, unknown>;
      return { ...formatted, extensions };
    }
    if (kind === 'database unavailable') {
      // The database is down or restarting: a typed, retryable error, never the driver's text.
      const e = errorCodes.DATABASE_UNAVAILABLE.err(
        `The ${opts.service ?? 'service'}'s database is unavailable; retry later`,
        opts.service ? { subgraph: opts.service } : {},
      );
      return { message: e.message, path: formatted.path, extensions: e.extensions };
    }
    return {
      message: 'Internal server error',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/** Puts the request id on every error a response carries. */
export function requestIdPlugin<T extends BaseContext & { requestId: string }>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind === 'single' && response.body.singleResult.errors) {
            response.body.singleResult.errors = response.body.singleResult.errors.map((e) => ({
              ...e,
              extensions: { ...e.extensions, requestId: contextValue.requestId },
            }));
          }
        },
      };
    },
  };
}

/**
 * A request over an operating limit while it ran (the audit rows of one request at a subgraph;
 * at the gateway, a subgraph's such refusal) fails whole: the answer keeps only the
 * LIMIT_EXCEEDED errors, with HTTP 400, and no data, so that no record leaves without its audit
 * row and a caller is not handed the part that fitted (fail closed). `status`: the HTTP status
 * of such an answer (the gateway's 400; a subgraph's 200, @default: the gateway reads that as a
 * GraphQL answer, where any other status would be a subgraph that is unavailable).
 */
export function failClosedOnLimitPlugin<T extends BaseContext>(
  opts: { status?: number } = {},
): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const over = (response.body.singleResult.errors ?? []).filter(
            (e) => e.extensions?.code === errorCodes.LIMIT_EXCEEDED.code,
          );
          if (!over.length) return;
          // one error per limit: the same refusal reached from many fields is one refusal
          const seen = new Set<unknown>();
          const errors = over
            .filter((e) => !seen.has(e.extensions?.limit) && seen.add(e.extensions?.limit))
            .map(({ path: _p, locations: _l, ...e }) => e);
          response.body.singleResult = { errors };
          response.http.status = opts.status ?? 200;
        },
      };
    },
  };
}
