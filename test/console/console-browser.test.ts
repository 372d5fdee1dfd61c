// [#21] The console end to end in a real browser (Debian's chromium driven by playwright-core):
// an auditor logs in, reads a policy and a parameter's history, asks for a decision with a
// violation (Italian message, trace, reproduction), runs the suites, searches the log and replays a
// decision; an operator sees the 403 said plainly. A screenshot of each page goes to reports/console/.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningService, startService } from '../../src/adapters/service.js';
import { KEYS, LOOPBACK_SERVICE } from '../http/support.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = 'reports/console';
const available = existsSync(CHROMIUM);
if (!available) {
  if (process.env.REQUIRE_BROWSER === '1')
    throw new Error(`REQUIRE_BROWSER=1 but there is no browser at ${CHROMIUM} (apt-get install chromium)`);
  console.warn(
    `\n*** SKIPPING the console browser tests: no chromium at ${CHROMIUM} (apt-get install chromium) ***\n`,
  );
}

let service: RunningService;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const foreignRequests: string[] = [];

beforeAll(async () => {
  if (!available) return;
  await mkdir(SHOTS, { recursive: true });
  service = await startService({
    ...LOOPBACK_SERVICE,
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'it-IT' });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    // A 403 or a 404 the page expects (the role check, /v1/rules/status) is reported by the browser too.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(m.text());
  });
  // Offline by construction: anything not asked of the service itself is refused and recorded.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(service.url) || url.startsWith('blob:')) return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

const ready = (state: string) => page.waitForSelector(`body[data-ready="${state}"]`, { timeout: 20_000 });
const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

async function logIn(key: string): Promise<void> {
  await page.goto(`${service.url}/console`);
  await page.getByLabel('Chiave API').fill(key);
  await page.getByRole('button', { name: 'Accedi' }).click();
}

describe.skipIf(!available)('the console in a browser', () => {
  it('shows the login in Italian, keeps the key out of URLs, and lists the policies once logged in', async () => {
    await page.goto(`${service.url}/console`);
    expect(await page.getAttribute('html', 'lang')).toBe('it');
    await shot('01-login');
    await logIn(KEYS.auditor);
    await ready('policies');
    expect(page.url()).not.toContain(KEYS.auditor);
    expect(
      await page.evaluate(() =>
        (
          globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }
        ).sessionStorage.getItem('pa-policy-console.key'),
      ),
    ).toBe(KEYS.auditor);
    await expect(page.getByRole('link', { name: /albo\.quota/ }).count()).resolves.toBe(1);
  }, 60_000);

  it('opens a policy: SPEC ids, sources, versions, readable conditions and both languages', async () => {
    await page.getByRole('link', { name: /albo\.payment-deadline/ }).click();
    await ready('policies/albo.payment-deadline');
    const detail = page.locator('#tab-policies .detail');
    await expect(detail.textContent()).resolves.toContain('P-DEADLINE');
    await expect(detail.textContent()).resolves.toContain('Delibera Comitato Centrale 11 novembre 2016');
    await expect(detail.locator('code', { hasText: 'paymentDate dopo deadline' }).count()).resolves.toBe(1);
    await expect(
      detail.getByText('Il termine per il pagamento della quota è scaduto', { exact: false }).count(),
    ).resolves.toBe(1);
    await expect(detail.getByText('The payment deadline has passed', { exact: false }).count()).resolves.toBe(
      1,
    );
    await shot('02-policy');
  }, 60_000);

  it("shows a parameter's dated history and its value on a chosen date", async () => {
    await page.getByRole('link', { name: 'albo.payment.deadline' }).first().click();
    await ready('parameters/albo.payment.deadline');
    const rows = page.locator('#tab-parameters tbody tr');
    await expect(rows.count()).resolves.toBe(2);
    await expect(rows.nth(1).textContent()).resolves.toContain('2016-12-30');
    await page.getByLabel('Valore alla data').fill('2016-12-29');
    await expect(page.locator('#tab-parameters .answer').textContent()).resolves.toContain('2016-12-31');
    await expect(page.locator('#tab-parameters tr.in-force').textContent()).resolves.toContain('2016-11-11');
    await shot('03-parameter');
  }, 60_000);

  it('asks for a decision from a generated form: violation in Italian, trace, parameters and the command lines', async () => {
    await page.goto(`${service.url}/console#decide/albo.payment-deadline`);
    await ready('decide/albo.payment-deadline');
    await page.getByLabel('year *').fill('2017');
    await page.getByLabel('paymentDate *').fill('2017-03-10');
    await page.getByLabel('Data di valutazione').fill('');
    await page.getByRole('button', { name: 'Chiedi la decisione' }).click();
    const result = page.locator('#tab-decide .result');
    await result.locator('table.violations').waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('negato');
    expect(text).toContain('DEADLINE_PASSED');
    expect(text).toContain(
      "Il termine per il pagamento della quota è scaduto: l'impresa è segnalata per la sospensione.",
    );
    expect(text).toContain('valore visto');
    expect(text).toContain('Parametri usati');
    expect(text).toContain('Extension by the Comitato Centrale');
    const repro = (await result.locator('pre.repro').textContent()) ?? '';
    expect(repro).toContain('npx pa-policy explain albo.payment-deadline --facts -');
    expect(repro).toContain('$PA_POLICY_KEY');
    expect(repro).not.toContain(KEYS.auditor);
    await page.getByText('Fatti in JSON').click();
    await page.getByRole('button', { name: 'Leggi dal modulo' }).click();
    expect(JSON.parse(await page.getByLabel('JSON dei fatti').inputValue())).toEqual({
      year: 2017,
      paymentDate: '2017-03-10',
    });
    await shot('04-decision');
    // The README's picture (docs/console-decision.png is a copy): the answer, without scrolling past it.
    await page.setViewportSize({ width: 1100, height: 760 });
    await page.locator('#tab-decide .outcome').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${SHOTS}/readme-decision.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 60_000);

  it('builds arrays of objects (the fleet) and switches to English', async () => {
    await page.goto(`${service.url}/console#decide/albo.quota`);
    await ready('decide/albo.quota');
    await page.getByRole('button', { name: 'English' }).click();
    await ready('decide/albo.quota');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const remove = page.getByRole('button', { name: 'Remove' });
    while ((await remove.count()) > 0) await remove.first().click();
    await page.getByLabel('year *').fill('2017');
    await page.getByRole('button', { name: /^Add \(fleet/ }).click();
    await page.getByLabel('plate *').fill('TO123AB');
    await page.getByLabel('kind *').selectOption('"vehicle"');
    await page.getByLabel('massKg', { exact: true }).fill('18000');
    await page.getByLabel('inFleetFrom *').fill('2015-03-01');
    await page.getByLabel('Evaluation date').fill('2017-01-20');
    await page.getByRole('button', { name: 'Ask for the decision' }).click();
    const result = page.locator('#tab-decide .result');
    await result.locator('.outcome').waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('allow');
    expect(text).toContain('amountCents');
    expect(text).toContain('€37.75 (3775)'); // 30.00 fixed + 7.75 (one vehicle of 11501–26000 kg)
    await shot('05-decision-fleet-en');
    await page.getByRole('button', { name: 'Italiano' }).click();
    await ready('decide/albo.quota');
  }, 60_000);

  it('runs the suites: each case ✓/✗ with expected vs actual, and the coverage table', async () => {
    await page.getByRole('link', { name: 'Suite e copertura' }).click();
    await ready('suites');
    await page.getByRole('button', { name: 'Esegui le suite' }).click();
    await page.locator('#coverage-table').waitFor();
    await expect(page.locator('#tab-suites .summary').textContent()).resolves.toMatch(
      /\d+ casi superati, 0 falliti/,
    );
    await expect(page.locator('#coverage-table tbody tr').count()).resolves.toBeGreaterThan(10);
    const firstCase = page.locator('#tab-suites table.cases tbody tr').first().locator('td');
    await expect(firstCase.nth(2).textContent()).resolves.toMatch(/^(consentito|negato)/);
    await expect(firstCase.nth(3).textContent()).resolves.toMatch(/^(consentito|negato)/);
    await expect(
      page.locator('#tab-suites table.cases caption', { hasText: 'albo.quota' }).count(),
    ).resolves.toBe(1);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Scarica JUnit' }).click();
    expect((await download).suggestedFilename()).toBe('rules-junit.xml');
    await shot('06-suites');
  }, 90_000);

  it('searches the decision log, opens a decision and replays it: same', async () => {
    await page.getByRole('link', { name: 'Registro decisioni' }).click();
    await ready('log');
    await page.locator('#log-policy').selectOption('albo.payment-deadline');
    await page.locator('#log-outcome').selectOption('deny');
    await page.getByRole('button', { name: 'Cerca' }).click();
    const rows = page.locator('#log-table tbody tr');
    // The tab opens on the newest decisions of every policy; the search narrows them to one.
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    await expect(rows.first().textContent()).resolves.toContain('negato');
    await shot('07-log');
    await rows.first().getByRole('link', { name: 'Apri' }).click();
    await page.locator('#replay').waitFor();
    await page.getByRole('button', { name: 'Ripeti con le stesse regole' }).click();
    await page.locator('#replay-result .outcome').waitFor();
    await expect(page.locator('#replay-result').textContent()).resolves.toContain('Stesso esito');
    await shot('08-replay');
  }, 60_000);

  it('shows the rule-set status (the /healthz hash while /v1/rules/status is absent) and the charts', async () => {
    await page.getByRole('link', { name: 'Stato delle regole' }).click();
    await ready('status');
    await expect(page.locator('#tab-status').textContent()).resolves.toContain(service.rulesetHash);
    await shot('09-status');
    await page.getByRole('link', { name: 'Grafici' }).click();
    await ready('charts');
    await expect(page.locator('#calendar td.holiday', { hasText: 'San Giovanni' }).count()).resolves.toBe(1);
    await page.locator('#decisions-chart canvas').waitFor();
    await expect(page.locator('#decisions-chart table.decisions-table').textContent()).resolves.toContain(
      'albo.payment-deadline · negato',
    );
    await page.getByLabel('Veicoli').fill('12');
    await page.getByRole('button', { name: 'Disegna' }).click();
    await page.locator('#fee-chart canvas').waitFor();
    await expect(page.locator('#fee-chart table.fee-table').textContent()).resolves.toContain('35,16');
    await shot('10-charts');
  }, 90_000);

  it('says plainly when the key’s role may not do something (operator on the log)', async () => {
    await page.getByRole('button', { name: 'Esci' }).click();
    expect(
      await page.evaluate(() =>
        (
          globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }
        ).sessionStorage.getItem('pa-policy-console.key'),
      ),
    ).toBeNull();
    await logIn(KEYS.operator);
    await ready('policies');
    await page.getByRole('link', { name: 'Registro decisioni' }).click();
    await ready('log');
    await expect(page.locator('#tab-log .problem').textContent()).resolves.toContain(
      'Il ruolo della tua chiave non consente questa operazione.',
    );
    await shot('11-forbidden');
  }, 60_000);

  it('fetched nothing from elsewhere and logged no script error', () => {
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
