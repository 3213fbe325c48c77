import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { loadConfig } from '@wholechild/shared/core';
import { createGateway, type Gateway } from '../src/server';
import { readSupergraph } from '../src/supergraph';
import { WEB_APP_CSP } from '../src/webApp';

/** Issue 22: the gateway serves the built web app at /app as files (it imports no web code). */
describe('the web app at /app', () => {
  const gateways: Gateway[] = [];
  const dirs: string[] = [];
  const gatewayOn = async (webAppDir: string) => {
    const g = await createGateway({
      config: loadConfig({ WHOLECHILD_MODE: 'development', LOG_LEVEL: 'silent' }),
      supergraphSdl: readSupergraph(),
      subgraphUrls: {},
      webAppDir,
    });
    gateways.push(g);
    return g.handler;
  };
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'wholechild-web-'));
    dirs.push(d);
    return d;
  };
  afterAll(async () => {
    for (const g of gateways) await g.stop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  let app: Awaited<ReturnType<typeof gatewayOn>>;
  let outside = '';
  const js = `console.log(${JSON.stringify('x'.repeat(2000))});`;
  beforeAll(async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>app</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), js);
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.css'), 'body{margin:0}');
    fs.writeFileSync(path.join(dir, '.env'), 'SECRET=1');
    outside = `${path.basename(dir)}-outside.txt`;
    fs.writeFileSync(path.join(path.dirname(dir), outside), 'outside');
    dirs.push(path.join(path.dirname(dir), outside));
    app = await gatewayOn(dir);
  });

  it('serves the page with a self-only Content-Security-Policy, revalidated on each load', async () => {
    const res = await request(app).get('/app/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toBe(WEB_APP_CSP);
    expect(WEB_APP_CSP).toMatch(/default-src 'none'.*script-src 'self'.*connect-src 'self'/);
    expect(WEB_APP_CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.text).toContain('<title>app</title>');
  });

  it('serves hashed assets with their types, cached for a year, gzipped when asked', async () => {
    const script = await request(app).get('/app/assets/index-abc123.js').set('accept-encoding', 'gzip');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.headers['content-encoding']).toBe('gzip');
    expect(Number(script.headers['content-length'])).toBeLessThan(js.length);
    expect(script.text).toBe(js);
    const css = await request(app).get('/app/assets/index-abc123.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await request(app).head('/app/assets/index-abc123.css');
    expect(head.status).toBe(200);
  });

  it('answers a client route with the page, and a missing file, a dotfile or a way out with 404', async () => {
    for (const route of ['/app/search', '/app/child/c-123', '/app'])
      expect((await request(app).get(route).redirects(1)).text).toContain('<title>app</title>');
    expect((await request(app).get('/app')).status).toBe(308);
    for (const bad of [
      '/app/assets/missing.js',
      '/app/.env',
      '/app/..%2f' + 'outside.txt',
      '/app/%2e%2e/x.txt',
    ])
      expect({ bad, status: (await request(app).get(bad)).status }).toEqual({ bad, status: 404 });
    expect((await request(app).post('/app/search')).status).toBe(405);
    // GraphQL and the other routes are unchanged
    expect((await request(app).get('/health')).status).toBe(200);
  });

  it('without a build, says how to make one', async () => {
    const empty = await gatewayOn(tempDir());
    const res = await request(empty).get('/app/search');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.text).toMatch(/not built.*npm run build -w web/);
  });
});
