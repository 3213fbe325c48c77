import pretty from 'pino-pretty';
import type { DestinationStream } from 'pino';

/**
 * Log lines for a person at a terminal (`npm start` in development, `LOG_FORMAT=pretty`): the
 * time, level and service first, the message, then the entry's other fields on the same line (an
 * `err` on the next, indented) —
 * rather than pino's JSON, which is for log shippers and stays the production format. Formatted
 * in-process (no worker thread): development only, where a few microseconds a line do not count.
 */
export function prettyLogDestination(
  destination: NodeJS.WritableStream | number = 1,
  colorize = destination === 1 && process.stdout.isTTY === true,
): DestinationStream {
  return pretty({
    destination,
    colorize,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service',
    messageFormat: '{service}: {msg}',
  });
}
