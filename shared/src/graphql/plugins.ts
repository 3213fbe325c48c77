import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { DataSource } from 'typeorm';
import { appendAudit, type AuditEntry } from '../access/audit';
import type { ViewerClaims } from '../auth/claims';
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

/** The field a response path names (aliases resolved through the operation and its fragments):
 *  the caller's alias is their own text, the field name is the schema's. */
export function fieldNameAt(
  document: DocumentNode | undefined,
  operation: OperationDefinitionNode | undefined,
  path: ReadonlyArray<string | number> | undefined,
): string | null {
  if (!operation || !path) return null;
  const fragments = new Map(
    (document?.definitions ?? []).flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [],
    ),
  );
  const find = (set: SelectionSetNode, key: string, seen = new Set<string>()): FieldNode | undefined => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD && (s.alias ?? s.name).value === key) return s;
      const inner =
        s.kind === Kind.INLINE_FRAGMENT
          ? s.selectionSet
          : s.kind === Kind.FRAGMENT_SPREAD && !seen.has(s.name.value)
            ? (seen.add(s.name.value), fragments.get(s.name.value))
            : undefined;
      const found: FieldNode | undefined = inner && find(inner, key, seen);
      if (found) return found;
    }
    return undefined;
  };
  let set: SelectionSetNode | undefined = operation.selectionSet;
  let name: string | null = null;
  for (const key of path) {
    if (typeof key === 'number') continue;
    const field: FieldNode | undefined = set && find(set, key);
    if (!field) return null;
    name = field.name.value;
    set = field.selectionSet;
  }
  return name;
}

/** The audit rule of a refused field: `FORBIDDEN_` and the field's name in upper snake case
 *  (e.g. FORBIDDEN_CHILD_WELFARE_PERSON_FEED), at most 80 characters (audit_event.rule). */
export function refusalRule(field: string | null): string {
  if (!field) return 'FORBIDDEN';
  const snake = field
    .replace(/^_+/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase();
  return `FORBIDDEN_${snake}`.slice(0, 80);
}

/**
 * Every refusal leaves a trace: each FORBIDDEN error a request raises appends a DENY row to the
 * service's own audit trail, before the response leaves (HIPAA 164.312(b) audit controls; NIST SP
 * 800-53 AU-2: failed access attempts are audit events). One row per refused field and request:
 * rule `FORBIDDEN_<FIELD>`, no categories, no record ids, no child id, no message, no arguments
 * (the arguments are the caller's and may carry what they looked for: AU-3(3), nothing protected).
 * Fail closed: if the row cannot be written the whole response becomes an error (no data).
 *
 * Only requests with a verified viewer reach here: a missing or bad token is refused with 401
 * before a viewer (or a GraphQL request) exists, and is logged by the subgraph service instead.
 *
 * Wiring: agency subgraphs get it from the kit (`createSubgraphService({ …, auditRefusals: true })`).
 * Any other subgraph whose database holds `audit_event` and the `audit_append` function
 * (AUDIT_TABLE_SQL, AuditAppend1732800000000) adds the same one line to its
 * `createSubgraphService` options, or passes `denyAuditPlugin(db.dataSource)` to its own server.
 */
export function denyAuditPlugin<T extends BaseContext & { requestId: string; viewer?: ViewerClaims }>(
  ds: DataSource,
): ApolloServerPlugin<T> {
  return refusalAuditPlugin<T>((ctx, refusals) =>
    appendAudit(
      ds,
      ctx.viewer!,
      ctx.requestId,
      [...new Set(refusals.map((r) => refusalRule(r.field)))].map((rule): AuditEntry => ({
        childId: null,
        recordIds: [],
        categories: [],
        decision: 'DENY',
        rule,
        consentId: null,
      })),
    ),
  );
}

/** One refused field of a request: its name in the schema (aliases resolved), and the refusal. */
export interface Refusal {
  field: string | null;
  message: string;
}

/** What writes a request's refusals to a service's trail (awaited before the response leaves). */
export type RefusalWriter<T> = (ctx: T, refusals: Refusal[]) => Promise<unknown>;

/** The mechanism under denyAuditPlugin, for a service whose trail is not `audit_event` (the child
 *  index's `index_access_event`): each FORBIDDEN error of a request with a verified viewer is
 *  handed to `write`, once per refused field; if the write fails the response becomes an error. */
export function refusalAuditPlugin<T extends BaseContext & { viewer?: ViewerClaims }>(
  write: RefusalWriter<T>,
): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, document, operation }) {
          if (!contextValue.viewer) return;
          const refusals = new Map<string | null, Refusal>();
          for (const error of errors) {
            const original = unwrapResolverError(error);
            const code = original instanceof GraphQLError ? original.extensions?.code : undefined;
            if (code !== errorCodes.FORBIDDEN.code) continue;
            const field = fieldNameAt(document, operation, error.path);
            if (!refusals.has(field))
              refusals.set(field, { field, message: (original as GraphQLError).message });
          }
          // Throwing here turns the response into an internal error: no data without the audit.
          if (refusals.size) await write(contextValue, [...refusals.values()]);
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
