import { EventEmitter } from 'node:events';
import type http from 'node:http';
import { Readable } from 'node:stream';

/** One HTTP exchange handed to a request listener in this process, without a socket. */
export interface LocalRequestInit {
  method: string;
  /** Path and query, e.g. `/graphql`. */
  path: string;
  /** Header names in lower case, as Node's server gives them. */
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface LocalResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** What a request listener reads of the request: method, url, headers and the body stream. */
class Request extends Readable {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  constructor(init: LocalRequestInit) {
    super();
    this.method = init.method;
    this.url = init.path;
    this.headers = init.headers;
    if (init.body !== undefined) this.push(init.body);
    this.push(null);
  }
  override _read(): void {}
}

/** What a request listener writes of the response: status, headers and the body, then 'finish'. */
class Response extends EventEmitter {
  statusCode = 200;
  statusMessage = '';
  headersSent = false;
  private readonly headers: Record<string, string> = {};
  private readonly chunks: Buffer[] = [];
  constructor(private readonly done: (r: LocalResponse) => void) {
    super();
  }
  setHeader(name: string, value: string | number | readonly string[]): this {
    this.headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    return this;
  }
  getHeader(name: string): string | undefined {
    return this.headers[name.toLowerCase()];
  }
  writeHead(status: number, headers: Record<string, string | number | readonly string[]> = {}): this {
    this.statusCode = status;
    for (const [k, v] of Object.entries(headers)) this.setHeader(k, v);
    this.headersSent = true;
    return this;
  }
  write(chunk: string | Buffer): boolean {
    this.headersSent = true;
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return true;
  }
  end(chunk?: string | Buffer): this {
    if (chunk !== undefined) this.write(chunk);
    this.headersSent = true;
    this.done({
      status: this.statusCode,
      statusText: this.statusMessage,
      headers: this.headers,
      body: this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks),
    });
    this.emit('finish');
    return this;
  }
}

/**
 * Hands one request to a request listener of this process, as its HTTP server would, and resolves
 * to its response: the same handler (credential and token checks, limits, logging, metrics), no
 * socket, no HTTP parsing. For services started in one process (`npm start`), whose calls to
 * each other would otherwise cross the loopback interface twice per call.
 */
export function localRequest(handler: http.RequestListener, init: LocalRequestInit): Promise<LocalResponse> {
  return new Promise((resolve, reject) => {
    const res = new Response(resolve);
    try {
      const out = handler(
        new Request(init) as unknown as http.IncomingMessage,
        res as unknown as http.ServerResponse,
      ) as unknown;
      if (out instanceof Promise) out.catch(reject);
    } catch (e) {
      reject(e);
    }
  });
}
