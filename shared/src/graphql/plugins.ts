import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable } from '../db/dataSource';
import { errorCodes, KNOWN_RESPONSE_CODES } from '../errors';
import type { Logger } from '../logger';

/** graphql-js's refusal when `parseOptions.maxTokens` is exceeded (16.x spells it "more that"). */
const TOKEN_LIMIT = /^Syntax Error: Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/;

/** Error masking: our own GraphQLErrors (built from the catalogue) and GraphQL's validation
 *  errors pass; anything else (a driver error carrying SQL, a bug) becomes a generic internal
 *  error. Stack traces never leave. */
export function maskErrors(logger: Logger, opts: { downstream?: boolean; service?: string } = {}) {
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
    const code = formatted.extensions?.code;
    // At the gateway, subgraph errors arrive already masked by the subgraph: a catalogued code passes.
    const ours = opts.downstream
      ? typeof code === 'string' && KNOWN_RESPONSE_CODES.has(code)
      : original instanceof GraphQLError &&
        !(original.originalError && !(original.originalError instanceof GraphQLError));
    if (ours && code !== 'INTERNAL_SERVER_ERROR') {
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
    if (!opts.downstream && isDatabaseUnavailable(original)) {
      // The database is down or restarting: a typed, retryable error, never the driver's text.
      logger.warn(
        { err: original instanceof Error ? original.message : String(original), path: formatted.path },
        'database unavailable',
      );
      const e = errorCodes.DATABASE_UNAVAILABLE.err(
        `The ${opts.service ?? 'service'}'s database is unavailable; retry later`,
        opts.service ? { subgraph: opts.service } : {},
      );
      return { message: e.message, path: formatted.path, extensions: e.extensions };
    }
    logger.error(
      {
        err:
          original instanceof Error ? { message: original.message, stack: original.stack } : String(original),
        path: formatted.path,
      },
      'masked error',
    );
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
