import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';

/**
 * Calls `onLine` with each line of a UTF-8 stream, numbered as node:readline splits them: lines end
 * at \n, \r\n or a lone \r, and the last line needs no end. `afterChunk` runs after each chunk's
 * lines (where the caller may wait, e.g. for COPY to drain). Faster than readline for the bulk
 * load's millions of short lines: no event per line.
 */
export async function forEachLine(
  input: Readable,
  onLine: (text: string) => void,
  afterChunk: () => Promise<void>,
): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  const lines = (text: string, last: boolean) => {
    let start = 0;
    if (text.indexOf('\r') < 0) {
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        onLine(text.slice(start, nl));
        start = nl + 1;
      }
    } else {
      const re = /\r\n|\n|\r/g;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        // a \r at the end of the chunk may be the first half of \r\n
        if (!last && m[0] === '\r' && m.index === text.length - 1) break;
        onLine(text.slice(start, m.index));
        start = m.index + m[0].length;
      }
    }
    carry = text.slice(start);
    if (last && carry) onLine(carry);
  };
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    lines(carry + (typeof chunk === 'string' ? chunk : decoder.write(chunk)), false);
    await afterChunk();
  }
  lines(carry + decoder.end(), true);
}
