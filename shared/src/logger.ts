import pino from 'pino';

/** Structured JSON logs. Level from LOG_LEVEL (default `info`; tests run `silent`). */
export function createLogger(
  name: string,
  level = process.env.LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info'),
) {
  return pino({ name, level, base: { service: name } });
}
export type Logger = ReturnType<typeof createLogger>;
