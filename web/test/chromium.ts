import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const WEB = path.resolve(__dirname, '..');
/** Where the browser tests' screenshots go: a git-ignored folder; with WEB_SCREENSHOTS_DOCS=1
 *  (`npm run screenshots -w web`) the README's, committed under docs/screenshots. */
export const SCREENSHOTS =
  process.env.WEB_SCREENSHOTS_DOCS === '1'
    ? path.resolve(__dirname, '../../docs/screenshots')
    : path.join(__dirname, 'screenshots');
/** A README picture is cut at this height (a long table goes on below). */
const DOCS_MAX_HEIGHT = 2000;
/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it when missing). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Without the background-networking flags Chromium keeps calling out, and this machine's closed
 *  network refuses each call. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function newest(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** Builds web/dist when it is missing or older than any source of the app (`npm ci` builds it
 *  too; this keeps an edited tree honest). */
export function ensureWebBuilt(): void {
  const built = path.join(WEB, 'dist', 'index.html');
  const sources = Math.max(
    newest(path.join(WEB, 'src')),
    ...['index.html', 'vite.config.mts', 'package.json'].map((f) => fs.statSync(path.join(WEB, f)).mtimeMs),
  );
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return;
  // jest sets NODE_ENV=test, and Vite would then bundle React's development build
  execFileSync('npm', ['run', 'build', '-w', 'web'], {
    cwd: path.join(WEB, '..'),
    stdio: 'pipe',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

/** Chromium with a new, empty profile; closed (and the profile removed) by `close`. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wholechild-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** axe-core's WCAG 2.1 A/AA rules on the page: the serious and critical violations (id, count). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  if (process.env.WEB_SCREENSHOTS_DOCS !== '1')
    return void (await page.screenshot({ path: file, fullPage: true }));
  const { width, height } = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
  }));
  await page.screenshot({
    path: file,
    fullPage: true,
    clip: { x: 0, y: 0, width, height: Math.min(height, DOCS_MAX_HEIGHT) },
  });
}
