import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, type WebhookPayload } from '@wholechild/shared';

/** One request the receiver got. */
export interface Receipt {
  path: string;
  body: string;
  payload: WebhookPayload;
  signature: string | undefined;
  idempotencyKey: string | undefined;
  /** What it answered. */
  status: number;
}

/**
 * A webhook receiver on a loopback port, as an agency system would run one: `down` answers 503
 * (the system is unavailable), `refuse` closes every connection without an answer; otherwise 200,
 * remembering what it took (an at-least-once sender may repeat one: `accepted` keys by event id).
 */
export async function startReceiver() {
  const receipts: Receipt[] = [];
  const state = { mode: 'up' as 'up' | 'down' | 'refuse' };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (state.mode === 'refuse') {
        req.socket.destroy();
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      const status = state.mode === 'down' ? 503 : 200;
      receipts.push({
        path: req.url ?? '',
        body,
        payload: JSON.parse(body) as WebhookPayload,
        signature: req.headers[SIGNATURE_HEADER] as string | undefined,
        idempotencyKey: req.headers[IDEMPOTENCY_HEADER] as string | undefined,
        status,
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    state,
    receipts,
    /** The receipts it answered 200, at `path`, in the order it took them. */
    accepted: (path: string) => receipts.filter((r) => r.status === 200 && r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Waits until `check` holds (checked every 20 ms), or fails after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
