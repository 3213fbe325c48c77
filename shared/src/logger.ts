import pino from 'pino';

let stdout: pino.DestinationStream | undefined;
/** One asynchronous stdout for every logger of the process: lines written while a write is in
 *  flight go out together instead of a blocking syscall each (measurable under load). pino flushes
 *  it when the process exits. */
function sharedStdout(): pino.DestinationStream {
  stdout ??= pino.destination({ dest: 1, sync: false });
  return stdout;
}

/** Structured JSON logs. Level from LOG_LEVEL (default `info`; tests run `silent`). A line
 *  written while serving a request names its `requestId` explicitly (the request line, masked
 *  errors, refusals, subgraph faults). No AsyncLocalStorage: on Node 20 it turns on promise hooks
 *  for every promise of the process, about 5% of a service's CPU per request. */
export function createLogger(
  name: string,
  level = process.env.LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info'),
  destination?: pino.DestinationStream,
) {
  return pino(
    { level, base: { service: name } },
    destination ?? (level === 'silent' ? undefined : sharedStdout()),
  );
}
export type Logger = ReturnType<typeof createLogger>;

/** The logger of one service in a process that runs several (the single-process platform): the
 *  parent's destination and level, its own `service`. (A pino child would write the key twice —
 *  `"service":"platform",…,"service":"gateway"` — which log shippers read differently.) */
export function serviceLogger(parent: Logger, service: string): Logger {
  const stream = (parent as unknown as Record<symbol, pino.DestinationStream>)[pino.symbols.streamSym];
  return pino({ level: parent.level, base: { service } }, stream);
}
