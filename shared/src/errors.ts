import { GraphQLError } from 'graphql';

/** The one error catalogue: every code a caller can see is defined here once, with what it means.
 *  Every GraphQLError the platform builds comes from `errorCodes.<NAME>.err(...)`; a test fails on
 *  any code used elsewhere. Callers see `extensions.code` and `extensions.requestId`, never SQL
 *  or a stack trace. */
export interface ErrorCodeDefinition {
  code: string;
  description: string;
  httpStatus?: number;
  err(message: string, extensions?: Record<string, unknown>): GraphQLError;
}

function makeCodeDefinition(code: string, description: string, httpStatus?: number): ErrorCodeDefinition {
  return {
    code,
    description,
    httpStatus,
    err(message, extensions = {}) {
      return new GraphQLError(message, {
        extensions: { ...extensions, code, ...(httpStatus ? { http: { status: httpStatus } } : {}) },
      });
    },
  };
}

export const errorCodes = {
  UNAUTHENTICATED: makeCodeDefinition(
    'UNAUTHENTICATED',
    'No valid bearer token: the token is missing, expired, badly signed or lacks required claims.',
    401,
  ),
  FORBIDDEN: makeCodeDefinition(
    'FORBIDDEN',
    'The viewer is authenticated but may not perform this operation.',
    403,
  ),
  BAD_USER_INPUT: makeCodeDefinition(
    'BAD_USER_INPUT',
    'The input failed validation; `extensions.errors` lists each {field, code, reason}. Nothing was written.',
  ),
  NOT_FOUND: makeCodeDefinition(
    'NOT_FOUND',
    'The referenced record does not exist (or the viewer may not know it does).',
  ),
  INTERNAL: makeCodeDefinition(
    'INTERNAL_SERVER_ERROR',
    'An unexpected failure. Details are logged with the request id, never returned to the caller.',
  ),
  UPSTREAM_UNAVAILABLE: makeCodeDefinition(
    'UPSTREAM_UNAVAILABLE',
    'A service the request needed did not answer.',
  ),
  SUBGRAPH_UNAVAILABLE: makeCodeDefinition(
    'SUBGRAPH_UNAVAILABLE',
    'An agency service could not be reached: its part of the answer is null, the rest is complete. `extensions.subgraph` (and `extensions.agency`) name it. Retry later; nothing needs restarting.',
  ),
  SUBGRAPH_TIMEOUT: makeCodeDefinition(
    'SUBGRAPH_TIMEOUT',
    'An agency service did not answer within SUBGRAPH_TIMEOUT_MS: its part of the answer is null, the rest is complete. A write sent to it may or may not have been applied: retry it (upserts are idempotent).',
  ),
  DATABASE_UNAVAILABLE: makeCodeDefinition(
    'DATABASE_UNAVAILABLE',
    "A service's database could not be reached (restarting, refusing connections). The request was not acknowledged; retry later (upserts are idempotent).",
  ),
  LIMIT_EXCEEDED: makeCodeDefinition(
    'LIMIT_EXCEEDED',
    'The request is over an operating limit; `extensions.limit` names it (maxDepth, maxAliases, maxDirectives, maxTokens, maxCost, maxBatch, maxBodyBytes; maxConcurrentPerCaller with HTTP 429 and Retry-After) and `extensions.max` gives its value: nothing ran. maxResponseBytes (the answer was too large) and maxAuditRowsPerRequest (the request would write too many audit rows at one agency) are found while it runs: the request fails whole, no data is sent.',
    400,
  ),
  OPERATION_NOT_REGISTERED: makeCodeDefinition(
    'OPERATION_NOT_REGISTERED',
    'The gateway runs only registered operations (OPERATION_SAFELIST=enforce): this one is not in the manifest (`npm run operations:register`). Send a registered operation, by its text or by its id (`extensions.persistedQuery.sha256Hash`). Nothing ran.',
    400,
  ),
  RATE_LIMITED: makeCodeDefinition(
    'RATE_LIMITED',
    'The caller sent more requests than its rate limit allows; retry after `extensions.retryAfterSeconds` (also the Retry-After header). Nothing ran.',
    429,
  ),
} as const;

export type ErrorCodeName = keyof typeof errorCodes;

/** Codes of per-field validation problems (in `FieldError.code`). */
export const FIELD_ERROR_CODES = {
  REQUIRED: 'a required value is missing',
  INVALID_TYPE: 'the value has the wrong type',
  TOO_LONG: 'the string is longer than allowed',
  TOO_SHORT: 'the string is shorter than allowed (a search needs a real name prefix)',
  INVALID_DATE: 'not a valid calendar date (YYYY-MM-DD)',
  INVALID_FORMAT: 'the value does not have the required format (an email, an ICD-10 code, an NPI…)',
  DEPENDS_ON: 'the value is only allowed together with another field',
  OUT_OF_RANGE: 'the value is outside the allowed range',
  INVALID_ENUM: 'the value is not one of the allowed values',
  DATE_ORDER: 'an end date lies before its start date',
  UNKNOWN_REFERENCE: 'a referenced record (by source system and external id) does not exist',
  UNKNOWN_FIELD: 'the input names a field that does not exist',
} as const;
export type FieldErrorCode = keyof typeof FIELD_ERROR_CODES;

export interface FieldError {
  field: string;
  code: FieldErrorCode;
  reason: string;
}

export function fieldError(field: string, code: FieldErrorCode, reason?: string): FieldError {
  return { field, code, reason: reason ?? FIELD_ERROR_CODES[code] };
}

/** Every code that may appear in `extensions.code` of a response. Apollo's own validation and
 *  parse codes are included because Apollo Server emits them before our code runs. */
export const KNOWN_RESPONSE_CODES = new Set<string>([
  ...Object.values(errorCodes).map((d) => d.code),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);
