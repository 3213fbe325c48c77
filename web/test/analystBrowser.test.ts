import type { BrowserContext, Page } from 'playwright-core';
import { CROSSOVER, DISPROPORTIONALITY, lastYear, type Cell } from '../../gateway/test/analyticsFixture';
import { startTestPlatform, type TestPlatform } from '../../gateway/test/helpers';
import { seedCounty } from '../../scripts/seedCounty';
import { devSignInLinks } from '../../scripts/signInLinks';
import { ensureWebBuilt, launchChromium, screenshot, seriousViolations } from './chromium';

/** Issue 22, the analyst's page in Chromium: a synthetic county with its reference population
 *  (its own platform: the county's names would collide with the consent fixture's), counts drawn
 *  as charts beside accessible tables, suppressed cells labelled as such, never 0. */
describe('the analyst’s page in Chromium', () => {
  let p: TestPlatform;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let origin: string;
  let analystLink: string;
  const period = lastYear();

  beforeAll(async () => {
    ensureWebBuilt();
    p = await startTestPlatform();
    // a larger county for the README's pictures (more cells published); the test's own is quick
    const size = process.env.WEB_SCREENSHOTS_DOCS === '1' ? 1500 : 400;
    await seedCounty(p.agencies, { size, seed: 22, populationInto: p.index.db.dataSource });
    await p.syncFeeds();
    origin = new URL(p.gatewayUrl).origin;
    analystLink = devSignInLinks(origin, p.config).find((l) => l.label === 'analyst')!.url;
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await p?.dispose();
  });

  async function signIn(url: string): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => {
      throw e;
    });
    await page.goto(url);
    await page.locator('main h1').first().waitFor();
    return page;
  }

  it('crossover: the chart and the table agree with the API; suppressed cells say so, with the disclosure note', async () => {
    const api = await p.gql(
      'CHILD_WELFARE',
      CROSSOVER,
      { period },
      { roles: ['ANALYST'], purposeOfUse: 'ANALYTICS' },
    );
    const cells = api.body.data.crossover.cells as Cell[];
    const published = cells.find((c) => c.group[0] && c.children !== null)!;
    const hidden = cells.find((c) => c.group[0] && c.suppressed)!;
    expect(published).toBeDefined();
    expect(hidden).toBeDefined();

    const page = await signIn(analystLink);
    expect(page.url()).toBe(`${origin}/app/analytics`);
    // the default period is last calendar year
    expect(await page.getByLabel('First day').first().inputValue()).toBe(period.from);
    expect(await page.getByLabel('Last day').first().inputValue()).toBe(period.to);
    const table = page.locator('table.crossover');
    await table.waitFor();
    const chart = page.locator('svg.chart[role="img"]');
    expect(await chart.getAttribute('aria-label')).toBe(
      `Children by combination of systems, ${period.from} to ${period.to}`,
    );
    // one bar or one "suppressed" per combination, as the API's cells
    const combos = cells.filter((c) => c.group[0]);
    expect(await chart.locator('g[data-row]').count()).toBe(combos.length);
    expect(await chart.locator(`g[data-row="${hidden.group[0]}"] text.chart-note`).textContent()).toBe(
      'suppressed',
    );
    expect(await chart.locator(`g[data-row="${published.group[0]}"] text.chart-value`).textContent()).toBe(
      published.children!.toLocaleString('en'),
    );
    // the table: the same numbers; a suppressed cell is labelled, never 0
    const row = (label: string) =>
      table.locator('tbody tr').filter({ has: page.locator('th', { hasText: label }) });
    const nameOf = (combo: string) =>
      combo
        .split('+')
        .map(
          (a) =>
            ({
              CHILD_WELFARE: 'Child welfare',
              BEHAVIORAL_HEALTH: 'Behavioral health',
              PROBATION: 'Probation',
              EDUCATION: 'Education',
              HOUSING: 'Housing',
            })[a],
        )
        .join(' + ');
    expect(await row(nameOf(published.group[0]!)).first().locator('td').last().innerText()).toBe(
      published.children!.toLocaleString('en'),
    );
    const suppressedCell = table.locator('[data-suppressed]').first();
    expect(await suppressedCell.innerText()).toBe('suppressed');
    expect(await table.locator('[data-suppressed]').count()).toBe(combos.filter((c) => c.suppressed).length);
    expect(await page.getByTestId('disclosure-note').innerText()).toMatch(
      /multiple of 5.*under 11 children is suppressed.*not zero/,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'analyst-crossover');

    // by race/ethnicity, three systems: a column per group; the chart shows one group at a time
    await page.getByRole('checkbox', { name: 'Education' }).uncheck();
    await page.getByRole('checkbox', { name: 'Housing' }).uncheck();
    await page.getByLabel('Broken down by').selectOption('RACE_ETHNICITY');
    await page.getByRole('button', { name: 'Show' }).click();
    await table.locator('th', { hasText: 'Hispanic or Latino' }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(8); // 7 combinations of 3 systems + total
    await page.getByLabel('Chart shows').selectOption('HISPANIC_LATINO');
    await page.locator('figcaption', { hasText: 'Hispanic or Latino' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // fewer than two systems cannot be asked
    await page.getByRole('checkbox', { name: 'Probation' }).uncheck();
    expect(await page.getByRole('button', { name: 'Show' }).isDisabled()).toBe(false);
    await page.getByRole('checkbox', { name: 'Behavioral health' }).uncheck();
    await page.getByRole('alert').filter({ hasText: 'Choose at least two systems.' }).waitFor();
    expect(await page.getByRole('button', { name: 'Show' }).isDisabled()).toBe(true);
    await page.close();
  });

  it('disproportionality: per stage, rates and indices with their intervals as error bars; suppressed groups marked', async () => {
    // a group published at referral (whatever the synthetic county's year holds) to compare with
    const api = await p.gql(
      'CHILD_WELFARE',
      DISPROPORTIONALITY,
      { system: 'CHILD_WELFARE', period, referenceGroup: 'WHITE' },
      { roles: ['ANALYST'], purposeOfUse: 'ANALYTICS' },
    );
    const rows = api.body.data.disproportionality.stages[0].rows as Array<{
      group: string | null;
      children: number | null;
    }>;
    const chosen = rows.find((r) => r.group && r.children !== null)?.group;
    expect(chosen).toBeDefined();
    const page = await signIn(analystLink);
    await page.getByRole('link', { name: 'Disproportionality' }).click();
    expect(page.url()).toBe(`${origin}/app/analytics/disproportionality`);
    const stages = page.locator('section.stage');
    await stages.first().waitFor();
    expect(await stages.evaluateAll((s) => s.map((e) => e.getAttribute('data-stage')))).toEqual([
      'REFERRAL',
      'SUBSTANTIATION',
      'CASE_OPENED',
      'PLACEMENT_ENTRY',
    ]);
    const referral = stages.first();
    // the reference group: White by default (marked); another chosen, its relative rate index is 1
    expect(await page.getByLabel('Reference group').inputValue()).toBe('WHITE');
    expect(await referral.locator('tr[data-group="WHITE"] th').innerText()).toMatch(/White\s*reference/);
    await page.getByLabel('Reference group').selectOption(chosen!);
    await page.getByRole('button', { name: 'Show' }).click();
    const reference = referral.locator(`tr[data-group="${chosen}"]`);
    await reference.locator('.badge', { hasText: 'reference' }).waitFor();
    expect(await reference.locator('td').nth(3).innerText()).toMatch(/^1\.00/);
    // a rate with its interval: "value (low–high)"
    expect(await reference.locator('td').nth(2).innerText()).toMatch(
      /^\d[\d,]*\.\d \(\d[\d,]*\.\d–\d[\d,]*\.\d\)$/,
    );
    // suppressed groups: labelled in the table and in the chart, no estimate
    const suppressedRows = referral.locator('tbody tr').filter({ has: page.locator('[data-suppressed]') });
    expect(await suppressedRows.count()).toBeGreaterThan(0);
    const group = await suppressedRows.first().getAttribute('data-group');
    expect(await suppressedRows.first().locator('td').nth(2).innerText()).toBe('—');
    expect(await referral.locator(`svg g[data-row="${group}"] text.chart-note`).textContent()).toBe(
      'suppressed',
    );
    // error bars on the chart, and the line of parity for the index
    await page.getByLabel('Chart shows').selectOption('disparityIndex');
    await referral.locator('svg[aria-label^="Disparity index at Referral"]').waitFor();
    expect(await referral.locator('svg .chart-interval').count()).toBeGreaterThan(0);
    expect(await referral.locator('svg .chart-parity').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'analyst-disproportionality');
    // probation, and the disparity index on the chart
    await page.getByLabel('System').selectOption('PROBATION');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('section.stage[data-stage="PETITION"]').waitFor();
    await page.locator('svg[aria-label^="Disparity index at Referral to probation"]').waitFor();
    await page.close();
  });

  it('Spanish, axe looks, and sign out', async () => {
    const page = await signIn(analystLink);
    await page.locator('table.crossover').waitFor();
    // axe does look: an unlabelled field is a critical violation
    await page.evaluate(() => document.querySelector('main')!.append(document.createElement('input')));
    expect((await seriousViolations(page)).join()).toMatch(/^label/);
    await page.evaluate(() => document.querySelector('main > input')!.remove());
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('heading', { level: 1, name: 'Medidas de población' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await page.locator('table.crossover [data-suppressed]').first().innerText()).toBe('suprimido');
    expect(await page.getByTestId('disclosure-note').innerText()).toMatch(/no es cero/);
    expect(await seriousViolations(page)).toEqual([]);
    // usable at phone width: the charts scale, the tables scroll in their own region
    await page.setViewportSize({ width: 375, height: 800 });
    // (the chart is drawn again at the new width: text stays legible, long labels wrap)
    await page.waitForFunction(
      () =>
        document.querySelector('svg.chart')?.getAttribute('width') ===
        String(document.querySelector('.chart-box')!.clientWidth),
    );
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await screenshot(page, 'analyst-crossover-375px-es');
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ha cerrado la sesión' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('wholechild-token'))).toBeNull();
    await page.close();
  });
});
