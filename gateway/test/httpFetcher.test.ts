import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpFetcher, createLocalFetcher } from '../src/httpFetcher';

/** A loopback server answering POST /slow/<ms> after that many ms, counting connections. */
async function server() {
  let connections = 0;
  let open = 0;
  const s = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const wait = Number(/\/slow\/(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json', 'x-echo': req.headers['x-echo'] ?? '' });
        res.end(JSON.stringify({ got: body }));
      }, wait);
    });
  });
  s.keepAliveTimeout = 60_000;
  s.on('connection', (socket) => {
    connections++;
    open++;
    socket.on('close', () => open--);
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  return {
    base,
    counts: () => ({ connections, open }),
    close: () =>
      new Promise<void>((r) => {
        s.closeAllConnections();
        s.close(() => r());
      }),
  };
}

describe('the gateway’s subgraph fetcher', () => {
  it('reuses one keep-alive connection, passes headers and body, answers like fetch', async () => {
    const srv = await server();
    const { fetcher, close } = createHttpFetcher({ timeoutMs: 2000 });
    try {
      for (let i = 0; i < 3; i++) {
        const res = await fetcher(`${srv.base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-echo': `n${i}` },
          body: JSON.stringify({ i, text: 'é✓' }),
        });
        expect(res.ok).toBe(true);
        expect(res.status).toBe(200);
        expect(res.headers.get('X-Echo')).toBe(`n${i}`);
        expect(res.headers.get('absent')).toBeNull();
        expect(await res.json()).toEqual({ got: JSON.stringify({ i, text: 'é✓' }) });
      }
      expect(srv.counts().connections).toBe(1);
    } finally {
      close();
      await srv.close();
    }
  });

  it('fails a call that has no answer in time with a TimeoutError, and still completes slow calls within it', async () => {
    const srv = await server();
    // Margins wide enough for a loaded machine (the whole suite on two cores).
    const { fetcher, close } = createHttpFetcher({ timeoutMs: 1500, idleMs: 100 });
    try {
      // Slower than the idle limit but within the timeout: answered.
      const slow = await fetcher(`${srv.base}/slow/300`, { method: 'POST', body: '{}' });
      expect(slow.status).toBe(200);
      await expect(fetcher(`${srv.base}/slow/5000`, { method: 'POST', body: '{}' })).rejects.toMatchObject({
        name: 'TimeoutError',
      });
    } finally {
      close();
      await srv.close();
    }
  });

  it('closes a pooled connection once it has been idle for idleMs', async () => {
    const srv = await server();
    const { fetcher, close } = createHttpFetcher({ timeoutMs: 2000, idleMs: 150 });
    try {
      await fetcher(`${srv.base}/graphql`, { method: 'POST', body: '{}' });
      expect(srv.counts().open).toBe(1);
      await new Promise((r) => setTimeout(r, 600));
      expect(srv.counts().open).toBe(0);
      await fetcher(`${srv.base}/graphql`, { method: 'POST', body: '{}' });
      expect(srv.counts().connections).toBe(2);
    } finally {
      close();
      await srv.close();
    }
  });

  it('rejects when nothing listens', async () => {
    const srv = await server();
    const url = `${srv.base}/graphql`;
    await srv.close();
    const { fetcher, close } = createHttpFetcher({ timeoutMs: 2000 });
    try {
      await expect(fetcher(url, { method: 'POST', body: '{}' })).rejects.toMatchObject({
        code: 'ECONNREFUSED',
      });
    } finally {
      close();
    }
  });
});

describe('the gateway’s fetcher for a subgraph in the same process', () => {
  /** A request listener like a subgraph's: echoes method, path, a header and the body. */
  const echo: http.RequestListener = (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      const wait = Number(/\/slow\/(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
      setTimeout(() => {
        res.setHeader('x-echo', String(req.headers['x-echo'] ?? ''));
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, url: req.url, got: body }));
      }, wait);
    });
  };

  it('hands the request to the listener and answers like fetch: status, headers, body', async () => {
    const { fetcher } = createLocalFetcher({ timeoutMs: 1000, subgraph: () => echo });
    const res = await fetcher('http://127.0.0.1:4004/graphql?x=1', {
      method: 'POST',
      headers: { 'X-Echo': 'hello', 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(res.ok).toBe(true);
    expect(res.status).toBe(201);
    expect(res.headers.get('X-Echo')).toBe('hello');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({
      method: 'POST',
      url: '/graphql?x=1',
      got: '{"query":"{ __typename }"}',
    });
  });

  it('refuses like a closed port while the subgraph is not listening', async () => {
    let up = false;
    const { fetcher } = createLocalFetcher({ timeoutMs: 1000, subgraph: () => (up ? echo : null) });
    await expect(
      fetcher('http://127.0.0.1:4004/graphql', { method: 'POST', body: '' }),
    ).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    up = true;
    expect((await fetcher('http://127.0.0.1:4004/graphql', { method: 'POST', body: '' })).status).toBe(201);
  });

  it('gives up after timeoutMs with a TimeoutError', async () => {
    const { fetcher } = createLocalFetcher({ timeoutMs: 100, subgraph: () => echo });
    const t0 = performance.now();
    await expect(
      fetcher('http://127.0.0.1:4004/slow/1000', { method: 'POST', body: '' }),
    ).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    expect(performance.now() - t0).toBeLessThan(900);
  });

  it('passes a listener that throws on as an error', async () => {
    const { fetcher } = createLocalFetcher({
      timeoutMs: 1000,
      subgraph: () => () => {
        throw new Error('boom');
      },
    });
    await expect(fetcher('http://127.0.0.1:4004/graphql', { method: 'POST', body: '' })).rejects.toThrow(
      'boom',
    );
  });
});
