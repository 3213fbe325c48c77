import type { BrowserContext, Page } from 'playwright-core';
import { tokenFor } from '@wholechild/shared/testing';
import { CASEY, childIdOf, put, seedFixture, setConsent } from '../../gateway/test/consentFixture';
import { startTestPlatform, type TestPlatform } from '../../gateway/test/helpers';
import { devSignInLinks } from '../../scripts/signInLinks';
import { ensureWebBuilt, launchChromium, screenshot, seriousViolations } from './chromium';

/** Issue 22: the web app in a real browser (Debian's Chromium) against the real platform: the
 *  gateway serves the built app at /app, every subgraph runs, the county is the consent fixture
 *  (Casey in all five systems, Dana known only to a Part 2 program) plus twins for the steward. */
describe('the web app in Chromium', () => {
  let p: TestPlatform;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let origin: string;
  let links: Record<string, string>;

  beforeAll(async () => {
    ensureWebBuilt();
    p = await startTestPlatform();
    await seedFixture(p);
    const home = {
      familyName: 'López',
      birthDate: '2012-03-04',
      sex: 'F',
      addressLine: '12 Oak St',
      city: 'Witney',
      postalCode: '93101',
    };
    await put(p, 'CHILD_WELFARE', 'ChildWelfarePerson', { externalId: 'cw-ana', givenName: 'Ana', ...home });
    await put(p, 'CHILD_WELFARE', 'ChildWelfarePerson', {
      externalId: 'cw-maria',
      givenName: 'Maria',
      ...home,
    });
    await p.syncFeeds();
    origin = new URL(p.gatewayUrl).origin;
    links = Object.fromEntries(devSignInLinks(origin, p.config).map((l) => [l.label, l.url]));
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await p?.dispose();
  });

  async function signIn(url: string, width = 1280): Promise<Page> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height: 900 });
    page.on('pageerror', (e) => {
      throw e;
    });
    await page.goto(url);
    await page.locator('main h1').first().waitFor();
    return page;
  }
  async function expectAccessible(page: Page) {
    expect(await seriousViolations(page)).toEqual([]);
  }

  it('caseworker: search, open a child, restricted sections show no data, a timeline', async () => {
    const page = await signIn(links.caseworker!);
    // the token leaves the address bar for sessionStorage
    expect(page.url()).toBe(`${origin}/app/search`);
    expect(await page.evaluate(() => sessionStorage.getItem('wholechild-token'))).toMatch(/^ey/);
    await expectAccessible(page);
    // by keyboard: the first Tab reaches the skip link; Enter submits the search, and opens a result
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.getByLabel('Family name').fill('Rivera');
    await page.getByLabel('Family name').press('Enter');
    await page.getByRole('link', { name: 'Casey Rivera' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Casey Rivera' }).waitFor();
    const card = (agency: string) => page.locator(`section[data-agency="${agency}"]`);
    // child welfare's own caseworker sees child welfare; housing shares only by consent
    expect(await card('CHILD_WELFARE').getAttribute('data-state')).toBe('shown');
    expect(await card('HOUSING').getAttribute('data-state')).toBe('restricted');
    const housing = await card('HOUSING').innerText();
    expect(housing).toMatch(/Restricted/);
    expect(housing).not.toMatch(/Harbor Shelter|2025-06-01/);
    expect(await page.locator('main').innerText()).not.toMatch(/Harbor Shelter|SUD_OUTPATIENT/);
    const timeline = page.locator('ol.timeline li');
    expect(await timeline.count()).toBeGreaterThan(0);
    expect(await page.locator('ol.timeline').innerText()).toMatch(/2025-01-11.*Placement: relative/);
    await expectAccessible(page);
    await screenshot(page, 'caseworker-child');
    await page.setViewportSize({ width: 375, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'caseworker-child-375px');
    await page.close();
  });

  it('caseworker: under a Part 2 consent, the substance-use records come with the re-disclosure notice', async () => {
    await setConsent(
      p,
      'BEHAVIORAL_HEALTH',
      CASEY,
      'active',
      { agency: 'CHILD_WELFARE', purposeOfUse: 'CASE_PLANNING' },
      ['SUD'],
    );
    const page = await signIn(links.caseworker!);
    await page.goto(`${origin}/app/child/${encodeURIComponent(await childIdOf(p, CASEY))}`);
    const bh = page.locator('section[data-agency="BEHAVIORAL_HEALTH"]');
    await bh.locator('[role="note"]').waitFor();
    expect(await bh.getAttribute('data-state')).toBe('shown');
    const text = await bh.innerText();
    expect(text).toMatch(/42 CFR Part 2 notice/);
    expect(text).toMatch(/SUD_OUTPATIENT/);
    // mental health stays withheld (the consent names SUD only): listed, without its data
    expect(text).toMatch(/Withheld from you in this section \(1\)/);
    expect(text).not.toMatch(/OUTPATIENT_MENTAL_HEALTH/);
    await expectAccessible(page);
    await screenshot(page, 'caseworker-part2-notice');
    await setConsent(p, 'BEHAVIORAL_HEALTH', CASEY, 'none', { agency: 'CHILD_WELFARE' }, []);
    await page.close();
  });

  it('a client known only to a Part 2 program is not found by another agency, and is by its own', async () => {
    const search = async (url: string) => {
      const page = await signIn(url);
      await page.getByLabel('Family name').fill('Okoro');
      await page.getByRole('button', { name: 'Search' }).click();
      await page
        .locator('main p[role="status"]')
        .filter({ hasText: /found|No child/ })
        .waitFor();
      const text = await page.locator('main').innerText();
      await page.close();
      return text;
    };
    expect(await search(links.caseworker!)).toMatch(/No child matches/);
    const clinician = tokenFor(
      'BEHAVIORAL_HEALTH',
      { roles: ['CLINICIAN'], purposeOfUse: 'TREATMENT' },
      p.config,
    );
    expect(await search(`${origin}/app/#token=${clinician}`)).toMatch(/Dana Okoro/);
  });

  it('data steward: the review queue side by side, twins flagged; confirms one pair', async () => {
    const page = await signIn(links['data steward']!);
    expect(page.url()).toBe(`${origin}/app/review`);
    const pairs = page.locator('article.pair');
    await pairs.first().waitFor();
    const before = await pairs.count();
    const first = pairs.first();
    const pairId = await first.getAttribute('data-pair');
    expect(await first.innerText()).toMatch(/Possible twins/);
    expect(await first.locator('tbody tr').count()).toBeGreaterThanOrEqual(8);
    await expectAccessible(page);
    await screenshot(page, 'steward-review');
    // a reason is required
    await first.getByRole('button', { name: 'Confirm: one child' }).click();
    await first.getByRole('alert').filter({ hasText: 'Give a reason.' }).waitFor();
    await first.getByLabel('Reason').fill('same child, per the caseworker’s birth certificate');
    await first.getByRole('button', { name: 'Confirm: one child' }).click();
    await page.getByRole('status').filter({ hasText: 'Pair confirmed' }).waitFor();
    await page.locator(`article[data-pair="${pairId}"]`).waitFor({ state: 'detached' });
    expect(await pairs.count()).toBe(before - 1);
    const queue = await p.gql(
      'CHILD_WELFARE',
      `{ reviewQueue(first: 100) { nodes { id } } }`,
      {},
      {
        roles: ['DATA_STEWARD'],
        purposeOfUse: 'OPERATIONS',
      },
    );
    expect(queue.body.data.reviewQueue.nodes.map((n: { id: string }) => n.id)).not.toContain(pairId);
    await page.close();
  });

  it('data steward: splits a record off a child and merges it back, each with a reason; the link history keeps who and why', async () => {
    const recordOf = async (ext: string) =>
      (
        await p.index.db.dataSource.query(
          `SELECT child_id, record_id FROM agency_record WHERE agency = 'CHILD_WELFARE' AND external_id = $1`,
          [ext],
        )
      )[0] as { child_id: string; record_id: string };
    // the twins the test before confirmed as one child
    const ana = await recordOf('cw-ana');
    const maria = await recordOf('cw-maria');
    expect(maria.child_id).toBe(ana.child_id);
    const page = await signIn(links['data steward']!);
    await page.getByRole('link', { name: 'Children and links' }).click();
    await page.getByLabel('Given name').fill('Ana');
    await page.getByLabel('Birth date').fill('2012-03-04');
    await page.getByLabel('Given name').press('Enter');
    await page.locator(`li:has([data-child-id="${ana.child_id}"]) a`).click();
    const linksTable = page.locator('table.links tbody tr');
    await linksTable.first().waitFor();
    expect(await linksTable.count()).toBe(2);
    const split = page.getByRole('button', { name: 'Split off the chosen records' });
    // a record and a reason are required
    await split.click();
    await page.getByRole('alert').filter({ hasText: 'Choose at least one record to split off.' }).waitFor();
    await page.getByLabel(`Split off Child welfare record ${maria.record_id}`).check();
    await split.click();
    await page.getByRole('alert').filter({ hasText: 'Give a reason.' }).waitFor();
    await page.locator('#split-reason').fill('twins: confirmed by mistake, Maria is her sister');
    await split.click();
    await page.getByRole('status').filter({ hasText: 'Records split off to a new child.' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('table.links tbody tr').length === 1);
    const history = page.locator('table.history tbody tr[data-action="SPLIT"]');
    await history.waitFor();
    expect(await history.innerText()).toMatch(/child-welfare-data-steward.*twins: confirmed by mistake/s);
    // the index agrees: two children again
    const after = await recordOf('cw-maria');
    expect(after.child_id).not.toBe(ana.child_id);
    expect(await page.locator('[role="status"] a').getAttribute('href')).toBe(
      `/app/children/${after.child_id}`,
    );
    await expectAccessible(page);
    await screenshot(page, 'steward-child');
    // and merged back from the new child's page (the steward changes her mind): a reason again
    await page.locator('[role="status"] a').click();
    await page.getByRole('heading', { level: 1, name: 'Maria López' }).waitFor();
    await page.getByLabel('The child that stays (id)').fill(ana.child_id);
    const merge = page.getByRole('button', { name: 'Merge this child into it' });
    await merge.click();
    await page.getByRole('alert').filter({ hasText: 'Give a reason.' }).waitFor();
    await page.locator('#merge-reason').fill('the birth certificate names one child after all');
    await merge.click();
    await page.getByRole('status').filter({ hasText: 'Merged' }).waitFor();
    expect((await recordOf('cw-maria')).child_id).toBe(ana.child_id);
    await page.close();
  });

  it('privacy officer: the audit trail with filters', async () => {
    // the caseworker opens Casey (whatever the tests before did): a PERMIT row of that viewer
    const casey = await childIdOf(p, CASEY);
    const read = await p.gql(
      'CHILD_WELFARE',
      `query($id: ID!) { child(id: $id) { childWelfare { __typename } } }`,
      { id: casey },
      {
        roles: ['CASEWORKER'],
        purposeOfUse: 'CASE_PLANNING',
        sub: 'child-welfare-caseworker',
      },
    );
    expect(read.body.data.child.childWelfare.__typename).toBe('ChildWelfareSection');
    const page = await signIn(links['privacy officer']!);
    expect(page.url()).toBe(`${origin}/app/audit`);
    const rows = page.locator('table.audit tbody tr');
    await rows.first().waitFor();
    await expectAccessible(page);
    await screenshot(page, 'privacy-audit');
    await page.getByLabel('Viewer (token subject)').fill('child-welfare-caseworker');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('table.audit tbody tr')].every((r) =>
        r.textContent?.includes('child-welfare-caseworker'),
      ),
    );
    expect(await rows.count()).toBeGreaterThan(0);
    await page.getByLabel('Decision').selectOption('DENY');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('table.audit tbody tr')].every(
        (r) => r.getAttribute('data-decision') === 'DENY',
      ),
    );
    expect(await page.getByTestId('chain-status').innerText()).toMatch(/audit:verify/);
    await page.close();
  });

  it('privacy officer: the break-glass report, and who saw this child (the index’s trail, the agency’s by record)', async () => {
    const casey = await childIdOf(p, CASEY);
    const reason = 'unresponsive youth in the emergency department';
    const glass = await p.gql(
      'BEHAVIORAL_HEALTH',
      `query($id: ID!) { child(id: $id) { childWelfare { __typename } } }`,
      { id: casey },
      { roles: ['CLINICIAN'], purposeOfUse: 'EMERGENCY', breakGlassReason: reason, sub: 'bh-er-clinician' },
    );
    expect(glass.body.errors).toBeUndefined();
    const page = await signIn(links['privacy officer']!);
    await page.getByRole('link', { name: 'Break-glass report' }).click();
    const report = page.locator('table.break-glass tbody tr').filter({ hasText: 'bh-er-clinician' });
    await report.first().waitFor();
    expect(await report.first().innerText()).toContain(reason);
    expect(await report.first().innerText()).toContain(casey);
    await expectAccessible(page);
    await screenshot(page, 'privacy-break-glass');

    await page.getByRole('link', { name: 'Who saw this child' }).click();
    await page.getByLabel('Family name').fill('Rivera');
    await page.getByLabel('Family name').press('Enter');
    await page.locator(`li:has([data-child-id="${casey}"]) a`).click();
    await page.getByRole('heading', { level: 1, name: 'Who saw Casey Rivera' }).waitFor();
    // the index's trail: this agency's caseworker opened Casey (tests before), shown by request
    const index = page.locator('table.index-trail tbody tr');
    await index.first().waitFor();
    expect(await index.filter({ hasText: 'child-welfare-caseworker' }).count()).toBeGreaterThan(0);
    expect(await page.locator('table.index-trail').innerText()).not.toContain('bh-er-clinician');
    // child welfare's own trail of Casey's record: the clinician's emergency access, marked
    const own = page
      .locator('section.record-trail table.audit tbody tr')
      .filter({ hasText: 'bh-er-clinician' });
    await own.first().waitFor();
    expect(await own.first().innerText()).toMatch(/Break-glass/);
    await expectAccessible(page);
    await screenshot(page, 'privacy-who-saw');
    await page.close();
  });
});
