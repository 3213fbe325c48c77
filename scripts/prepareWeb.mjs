// `npm ci` / `npm install` (the root `prepare` script): builds the web app into web/dist, which the
// gateway serves at /app. Plain Node (no tsx): it also runs where dev dependencies are omitted
// (the Docker image's `npm ci --omit=dev`, before the sources are copied), and there it only says
// why it skipped; the gateway then answers /app with a 404 saying how to build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sources = join(root, 'web', 'index.html');
const vite = join(root, 'node_modules', 'vite', 'package.json');
if (!existsSync(sources) || !existsSync(vite)) {
  console.log(
    'web app: not built here (no sources or no dev dependencies); run `npm run build -w web` later',
  );
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// a production bundle whatever NODE_ENV the shell has (Vite bundles React's development build otherwise)
const env = { ...process.env, NODE_ENV: 'production' };
const r = spawnSync(npm, ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit', env });
process.exit(r.status ?? 1);
