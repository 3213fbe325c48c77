/**
 * `npm run bench:web`: the web app's first load, measured in Debian's Chromium.
 *
 * - size: the gzip bytes of the JavaScript and CSS that index.html loads (what the gateway sends
 *   with `accept-encoding: gzip`), and what Chromium counted on the wire (encodedBodySize);
 * - time to interactive: from navigation start to the search box of a signed-in caseworker being
 *   on the page and enabled (React rendered), median of RUNS cold loads (new context, no cache),
 *   unthrottled and with 4× CPU slowdown on a 1.6 Mbit/s, 150 ms RTT network ("slow 4G").
 *
 * Serves web/dist from the real gateway (the committed supergraph; no subgraph or database is
 * needed before the first search). Builds the app first when it is missing or stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { loadConfig } from '@wholechild/shared/core';
import { createGateway } from '../../gateway/src/server';
import { readSupergraph } from '../../gateway/src/supergraph';
import { devSignInLinks } from '../../scripts/signInLinks';
import { CHROMIUM, CHROMIUM_ARGS, ensureWebBuilt, WEB } from '../test/chromium';

const RUNS = Number(process.env.RUNS ?? 7);

/** gzip bytes of every script and stylesheet index.html names. */
export function firstLoadBytes(dist = path.join(WEB, 'dist')): {
  raw: number;
  gzip: number;
  files: string[];
} {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/app\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const body = fs.readFileSync(path.join(dist, f));
    raw += body.length;
    gzip += gzipSync(body).length;
  }
  return { raw, gzip, files };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  ensureWebBuilt();
  const config = loadConfig({ WHOLECHILD_MODE: 'development', LOG_LEVEL: 'silent' });
  const gateway = await createGateway({ config, supergraphSdl: readSupergraph(), subgraphUrls: {} });
  const { url } = await gateway.start(0);
  const origin = new URL(url).origin;
  const link = devSignInLinks(origin, config).find((l) => l.label === 'caseworker')!.url;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const size = firstLoadBytes();
    console.log(`first load: ${size.files.join(', ')}`);
    console.log(
      `  JS+CSS ${(size.raw / 1024).toFixed(1)} KiB raw, ${(size.gzip / 1024).toFixed(1)} KiB gzip`,
    );
    for (const throttled of [false, true]) {
      const times: number[] = [];
      let wire = 0;
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        if (throttled) {
          const cdp = await context.newCDPSession(page);
          await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
          await cdp.send('Network.emulateNetworkConditions', {
            offline: false,
            latency: 150,
            downloadThroughput: (1.6 * 1024 * 1024) / 8,
            uploadThroughput: (750 * 1024) / 8,
          });
        }
        await page.goto(link, { waitUntil: 'commit' });
        // read in the page, on the frame the box appears: no polling delay of the driver
        const tti = await page.waitForFunction(
          () => {
            const box = document.querySelector<HTMLInputElement>('#search-familyName');
            return box && !box.disabled ? performance.now() : 0;
          },
          undefined,
          { polling: 'raf' },
        );
        times.push((await tti.jsonValue()) as number);
        wire = await page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .filter((e) => /\.(js|css)$/.test(e.name))
            .reduce((n, e) => n + (e as PerformanceResourceTiming).encodedBodySize, 0),
        );
        await context.close();
      }
      console.log(
        `  ${throttled ? 'throttled (4x CPU, 1.6 Mbit/s, 150 ms RTT)' : 'unthrottled (loopback)'}: ` +
          `time to interactive median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, ` +
          `max ${Math.max(...times).toFixed(0)}, ${RUNS} cold loads); JS+CSS on the wire ${(wire / 1024).toFixed(1)} KiB`,
      );
    }
  } finally {
    await browser.close();
    await gateway.stop();
  }
}

if (require.main === module)
  void main().catch((e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  });
