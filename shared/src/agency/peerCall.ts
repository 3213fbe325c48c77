import type http from 'node:http';
import type { PlatformParty } from '../agencies';
import { localRequest } from '../http/local';

/** Another agency served in this process (`npm start`, SUBGRAPH_TRANSPORT=local): its request
 *  listener, or null while it is not listening. */
export type LocalPeer = () => http.RequestListener | null;

/** What a peer answered: its HTTP status and its JSON body (`{}` when it sent none). */
export interface PeerAnswer {
  status: number;
  body: { data?: unknown; errors?: Array<{ message?: string; extensions?: { code?: string } }> };
}

/**
 * Calls another agency's peer route (POST, parameters in the URL) with the viewer's own token: the
 * peer verifies it and decides for that viewer, as for any request. Through the peer's listener
 * when it is served in this process, else over HTTP; a peer down, slow or unknown throws.
 */
export class PeerCaller {
  private urls: Partial<Record<PlatformParty, string>> = {};
  private local: Partial<Record<PlatformParty, LocalPeer>> = {};

  constructor(private readonly timeoutMs: number) {}

  /** Where each agency (and the child index) answers (its GraphQL URL; known once it listens). */
  setUrls(urls: Partial<Record<PlatformParty, string | undefined>>): void {
    for (const [a, url] of Object.entries(urls)) if (url) this.urls[a as PlatformParty] = url;
  }

  /** The peers served in this process (replacing those set before: one left out is called over
   *  HTTP again). */
  setLocal(local: Partial<Record<PlatformParty, LocalPeer | undefined>>): void {
    this.local = {};
    for (const [a, l] of Object.entries(local)) if (l) this.local[a as PlatformParty] = l;
  }

  async post(agency: PlatformParty, route: string, params: Record<string, string>, token: string) {
    const base = this.urls[agency];
    if (!base) throw Object.assign(new Error('no URL'), { cause: { code: 'ENOTFOUND' } });
    const url = new URL(route, base);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const headers = { authorization: `Bearer ${token}` };
    const parse = (status: number, text: string): PeerAnswer => {
      try {
        return { status, body: JSON.parse(text) as PeerAnswer['body'] };
      } catch {
        return { status, body: {} };
      }
    };
    const local = this.local[agency];
    if (!local) {
      const res = await fetch(url, { method: 'POST', headers, signal: AbortSignal.timeout(this.timeoutMs) });
      return parse(res.status, await res.text());
    }
    const handler = local();
    if (!handler) throw Object.assign(new Error('not listening'), { cause: { code: 'ECONNREFUSED' } });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(Object.assign(new Error('timed out'), { name: 'TimeoutError' })),
        this.timeoutMs,
      );
    });
    try {
      const res = await Promise.race([
        localRequest(handler, { method: 'POST', path: `${url.pathname}${url.search}`, headers }),
        timeout,
      ]);
      return parse(res.status, res.body.toString('utf8'));
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A short reason for the log: no URL, host or port. */
export function describePeerError(e: unknown): string {
  const err = e as (Error & { cause?: { code?: string } }) | undefined;
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return 'timed out';
  if (err?.cause?.code) return `unreachable (${err.cause.code})`;
  return String(err?.message ?? 'error')
    .replace(/https?:\/\/\S+/g, '<url>')
    .slice(0, 200);
}
