import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { RouteHandler } from '@wholechild/shared/http';

/** Where `npm run build -w web` writes the app (read as files: the gateway imports no web code). */
export const WEB_APP_DIR = path.resolve(__dirname, '..', '..', 'web', 'dist');
export const WEB_APP_PATH = '/app';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** The app's page may load its own scripts, styles, images and fonts, and talk to the gateway's
 *  GraphQL endpoint on the same origin ('self'): nothing inline, nothing from elsewhere, never framed. */
export const WEB_APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': WEB_APP_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

interface Cached {
  mtimeMs: number;
  body: Buffer;
  gzip?: Buffer;
}

/** Routes serving the built web app at /app: its files, and index.html for every client route
 *  (a path without a file extension). Hashed assets (/app/assets/…) are cached for a year;
 *  index.html is revalidated on each load, so a new build is picked up at once. */
export function webAppRoutes(dir: string = WEB_APP_DIR): Record<string, RouteHandler> {
  const cache = new Map<string, Cached>();
  const read = (file: string): Cached | null => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return null;
    }
    if (!stat.isFile()) return null;
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === stat.mtimeMs) return hit;
    const body = fs.readFileSync(file);
    const compressible = /\.(html|js|css|json|svg|txt|map)$/.test(file) && body.length > 512;
    const entry = { mtimeMs: stat.mtimeMs, body, gzip: compressible ? gzipSync(body) : undefined };
    cache.set(file, entry);
    return entry;
  };

  const serve: RouteHandler = (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return plain(res, 405, 'Method not allowed\n', { allow: 'GET, HEAD' });
    const index = path.join(dir, 'index.html');
    if (!fs.existsSync(index))
      return plain(
        res,
        404,
        'The web app is not built. Run `npm run build -w web` (npm ci builds it), then reload.\n',
      );
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname === WEB_APP_PATH) return redirect(res, `${WEB_APP_PATH}/`);
    let rel: string;
    try {
      rel = decodeURIComponent(pathname.slice(WEB_APP_PATH.length + 1));
    } catch {
      return plain(res, 400, 'Bad path\n');
    }
    const file = path.resolve(dir, rel);
    // never outside the build folder, never a dotfile
    if ((file !== dir && !file.startsWith(dir + path.sep)) || rel.split('/').some((p) => p.startsWith('.')))
      return plain(res, 404, 'Not found\n');
    const asset = rel !== '' ? read(file) : null;
    if (asset) return send(req, res, asset, path.extname(file), rel.startsWith('assets/'));
    // a missing file is a 404; a client route (no extension) gets the app's page
    if (path.extname(rel)) return plain(res, 404, 'Not found\n');
    const page = read(index);
    if (!page) return plain(res, 404, 'Not found\n');
    return send(req, res, page, '.html', false);
  };
  return { [WEB_APP_PATH]: serve, [`${WEB_APP_PATH}/*`]: serve };
}

function send(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  c: Cached,
  ext: string,
  immutable: boolean,
) {
  const gzip = c.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? c.gzip! : c.body;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'content-length': String(body.length),
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: 'accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function plain(res: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

function redirect(res: http.ServerResponse, location: string) {
  res.writeHead(308, { location, 'cache-control': 'no-cache' });
  res.end();
}
