/** Whether an error means the database went away (retry later) rather than a bad statement: no
 *  driver or ORM import, so that the gateway's error masking can ask without loading either. */

/** Driver and socket codes meaning the database could not be reached or dropped the connection.
 *  Every SQLSTATE of class 08 (connection exception) counts too, whatever its last three
 *  characters (08000, 08003, 08006, 08007, 08P01…): see CONNECTION_CLASS. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P01', // admin_shutdown (pg_terminate_backend, a fast shutdown)
  '57P02', // crash_shutdown (another backend crashed: every session is ended)
  '57P03', // cannot_connect_now (starting up, shutting down, in recovery)
  '53300', // too_many_connections
]);
/** SQLSTATE class 08: connection exception. */
const CONNECTION_CLASS = /^08[0-9A-Z]{3}$/;
/** TypeORM's errors for a query runner or data source whose connection is gone. The runner of a
 *  transaction releases itself when its connection emits 'error' (the backend was terminated
 *  while the runner was between two statements): the next statement then fails with
 *  QueryRunnerAlreadyReleasedError, not with the driver's error. Nothing in this code base
 *  releases a runner it still uses, so here the error means the connection was lost. */
const CONNECTION_ERROR_NAMES = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
  'CannotExecuteNotConnectedError',
  'ConnectionIsNotSetError',
]);
const CONNECTION_MESSAGES = new RegExp(
  [
    'Connection terminated', // pg: the socket closed (unexpectedly, or due to connection timeout)
    'timeout exceeded when trying to connect', // pg-pool: no connection within connectionTimeoutMillis
    'connection error',
    'not queryable', // pg: a client that errored or was closed
    'Connection refused',
    'terminating connection', // PostgreSQL's own text for 57P01/57P02
    'server closed the connection unexpectedly',
    'the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)',
    'Cannot use a pool after calling end on the pool',
    'Query runner already released',
  ].join('|'),
  'i',
);

/** Whether an error means the database could not be reached or dropped the connection (as
 *  opposed to a bad statement or a constraint): the request may be retried later. Looks through
 *  TypeORM's wrapper (`driverError`), causes and aggregate errors, by shape not class (errors may
 *  come from another copy of pg or typeorm, or another realm). */
export function isDatabaseUnavailable(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 4) return false;
  const err = e as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
    thrownValue?: unknown;
    originalError?: unknown;
  };
  if (typeof err.code === 'string' && (CONNECTION_CODES.has(err.code) || CONNECTION_CLASS.test(err.code)))
    return true;
  if (typeof err.name === 'string' && CONNECTION_ERROR_NAMES.has(err.name)) return true;
  if (typeof err.message === 'string' && CONNECTION_MESSAGES.test(err.message)) return true;
  return (
    isDatabaseUnavailable(err.driverError, depth + 1) ||
    isDatabaseUnavailable(err.cause, depth + 1) ||
    // graphql-js wraps a thrown value it does not recognise as an Error (another realm's).
    isDatabaseUnavailable(err.thrownValue, depth + 1) ||
    // a GraphQLError built around a driver error (a resolver that located the error)
    isDatabaseUnavailable(err.originalError, depth + 1) ||
    (Array.isArray(err.errors) && err.errors.some((x) => isDatabaseUnavailable(x, depth + 1)))
  );
}
