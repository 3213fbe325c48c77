import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

/** The request being served: the HTTP handler runs each request inside it, so that every log line
 *  written while serving it — by a resolver, a service, a masked error — carries its request id. */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();

let stdout: pino.DestinationStream | undefined;
/** One asynchronous stdout for every logger of the process: lines written while a write is in
 *  flight go out together instead of a blocking syscall each (measurable under load). pino flushes
 *  it when the process exits. */
function sharedStdout(): pino.DestinationStream {
  stdout ??= pino.destination({ dest: 1, sync: false });
  return stdout;
}

/** Structured JSON logs. Level from LOG_LEVEL (default `info`; tests run `silent`). Each line
 *  written inside a request carries `requestId`. */
export function createLogger(
  name: string,
  level = process.env.LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info'),
  destination?: pino.DestinationStream,
) {
  return pino(
    {
      name,
      level,
      base: { service: name },
      mixin: () => {
        const scope = requestScope.getStore();
        return scope ? { requestId: scope.requestId } : {};
      },
    },
    destination ?? (level === 'silent' ? undefined : sharedStdout()),
  );
}
export type Logger = ReturnType<typeof createLogger>;
