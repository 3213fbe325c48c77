import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable } from '../db/dataSource';
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
            const err =
              original instanceof Error
                ? kind === 'masked error'
                  ? { message: original.message, stack: original.stack }
                  : original.message
                : String(original);
            const line = { requestId: contextValue.requestId, err, path: error.path };
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
