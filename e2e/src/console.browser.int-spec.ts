import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expectEventually } from '@contingency/testing';
import { CASIE_FUND, nextWeekday, seedFunds } from './fixtures';
import {
  buildConsole,
  openBrowser,
  screenshot,
  seriousAxeViolations,
  signIn,
  type BrowserSession,
} from './console-browser';
import { type InProcessStandalone, startStandaloneInProcess } from './standalone-in-process';

const HEADER =
  'client_ref,order_type,fund_isin,account_id,amount,currency,units,trade_date,settlement_date,comment';
const run = Math.random().toString(36).slice(2, 8).toUpperCase();
const account = (n: number) => `ACC-${run}-${n}`;
const row = (n: number, overrides: { isin?: string; date?: string } = {}) =>
  `WEB-${run}-${n},SUBSCRIPTION,${overrides.isin ?? CASIE_FUND.isin},${account(n)},${1000 * n}.00,EUR,,${overrides.date ?? nextWeekday()},,`;

const withErrors = [HEADER, row(1), row(2, { isin: 'XS0000000000' }), row(3, { date: '2020-01-06' })].join(
  '\n',
);
// The corrected rows only: row 1 was valid and stays in the first batch (its client_ref is taken there).
const fixed = [HEADER, row(2), row(3)].join('\n');

/** Upload through the console's file picker; returns the new batch's id once validated. */
async function upload(page: Page, baseUrl: string, name: string, content: string): Promise<string> {
  await page.goto(`${baseUrl}/#/upload`);
  await page
    .locator('input[type="file"]')
    .first()
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
  await page.getByText(`${name} — `).waitFor();
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  const open = page.getByRole('link', { name: 'Open the batch' });
  await open.waitFor({ timeout: 30_000 });
  const link = await open.getAttribute('href');
  return /#\/batches\/([0-9a-f-]{36})/.exec(link ?? '')![1];
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect({ screen: name, violations: await seriousAxeViolations(page) }).toEqual({
    screen: name,
    violations: [],
  });
}

// The console as people use it, in Chromium, against the real standalone composition and the dev IdP.
describe('contingency console in a browser', () => {
  let standalone: InProcessStandalone;
  let consoleDir: string;
  const sessions: BrowserSession[] = [];
  // The development IdP sends people back to localhost (its configured base URL), where the cookie lives.
  const browserUrl = () => standalone.url.replace('127.0.0.1', 'localhost');
  const browser = async () => {
    const session = await openBrowser();
    sessions.push(session);
    return session;
  };

  beforeAll(async () => {
    consoleDir = buildConsole();
    standalone = await startStandaloneInProcess('console_browser', { seed: seedFunds, consoleDir });
  }, 90_000);

  afterAll(async () => {
    for (const s of sessions) await s.close();
    await standalone?.stop();
    if (consoleDir) rmSync(consoleDir, { recursive: true, force: true });
  });

  it('operator uploads, sees the errors, re-uploads fixed; approver approves; trades reach CONFIRMED live', async () => {
    const url = browserUrl();
    const operator = await browser();
    await signIn(operator.page, url, 'operator-1');
    await operator.page.goto(`${url}/#/upload`);
    await operator.page.getByRole('heading', { name: 'Upload a trade file' }).waitFor();
    await expectAccessible(operator.page, 'upload');

    // A file with two bad rows: the batch shows them, by row, column and code.
    const first = await upload(operator.page, url, 'trades-with-errors.csv', withErrors);
    await expectAccessible(operator.page, 'upload-validated');
    await operator.page.goto(`${url}/#/batches/${first}`);
    await operator.page
      .getByRole('table', { name: 'Row errors' })
      .getByText('XS0000000000', { exact: false })
      .or(operator.page.getByRole('table', { name: 'Row errors' }).getByRole('cell', { name: 'fund_isin' }))
      .first()
      .waitFor();
    const errorsTable = operator.page.getByRole('table', { name: 'Row errors' });
    await expect(errorsTable.getByRole('cell', { name: 'fund_isin' }).count()).resolves.toBeGreaterThan(0);
    await expect(errorsTable.getByRole('cell', { name: 'trade_date' }).count()).resolves.toBeGreaterThan(0);
    await expectAccessible(operator.page, 'batch-with-errors');

    // The fixed file: every row valid; the uploader has no approve button, and the server refuses anyway.
    const second = await upload(operator.page, url, 'trades-fixed.csv', fixed);
    await operator.page.goto(`${url}/#/batches/${second}`);
    await operator.page.getByText('AWAITING_APPROVAL').waitFor();
    await operator.page.getByText('Approving needs the approver role.').waitFor();
    expect(await operator.page.getByRole('button', { name: 'Approve and release' }).count()).toBe(0);
    const csrf = (await operator.context.cookies()).find((c) => c.name === 'mc_csrf')?.value ?? '';
    const refused = await operator.page.request.post(`${url}/api/v1/batches/${second}/approve`, {
      headers: { 'X-CSRF-Token': csrf },
      data: {},
    });
    expect(refused.status()).toBe(403);

    // The approver approves and watches the trades of the batch go to CONFIRMED without reloading.
    const approver = await browser();
    await signIn(approver.page, url, 'approver-1');
    await approver.page.goto(`${url}/#/batches/${second}`);
    const approve = approver.page.getByRole('button', { name: 'Approve and release' });
    await approve.waitFor();
    await expectAccessible(approver.page, 'batch-awaiting-approval');
    await approver.page.getByLabel('Decision comment').fill('checked against the order book');
    await approve.click();
    await approver.page.getByText('Approved by').waitFor();

    await approver.page.goto(`${url}/#/trades?batchId=${second}`);
    const trades = approver.page.getByRole('table', { name: 'Trades' });
    await trades.getByRole('link', { name: `WEB-${run}-3` }).waitFor();
    await approver.page.getByText('Live', { exact: true }).waitFor();
    const navigations: string[] = [];
    approver.page.on('framenavigated', (f) => navigations.push(f.url()));
    await expectEventually(
      async () => expect(await trades.getByText('CONFIRMED', { exact: true }).count()).toBe(2),
      {
        timeoutMs: 60_000,
        intervalMs: 500,
      },
    );
    expect(navigations).toEqual([]);
    await expectAccessible(approver.page, 'trades-confirmed');

    const tradeLink = trades.getByRole('link', { name: `WEB-${run}-2` });
    await tradeLink.click();
    await approver.page
      .getByRole('table', { name: 'Trade timeline' })
      .getByText('CONFIRMED')
      .first()
      .waitFor();
    await expectAccessible(approver.page, 'trade-detail');

    await approver.page.goto(`${url}/#/`);
    await approver.page.getByRole('heading', { name: /Attention/ }).waitFor();
    await expectAccessible(approver.page, 'attention');
    await approver.page.goto(`${url}/#/reports`);
    await approver.page.getByRole('heading', { name: 'Hand-back report' }).waitFor();
    await expectAccessible(approver.page, 'reports');

    expect([...operator.cspViolations, ...approver.cspViolations]).toEqual([]);
  }, 180_000);

  it('a refused upload is listed as a FAILED batch, whose page says why and how to fix it', async () => {
    const url = browserUrl();
    const operator = await browser();
    await signIn(operator.page, url, 'operator-1');
    const name = `no-trades-${run}.csv`;
    await operator.page.goto(`${url}/#/upload`);
    await operator.page
      .locator('input[type="file"]')
      .first()
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`${HEADER}\n`) });
    await operator.page.getByText(`${name} — `).waitFor();
    await operator.page.getByRole('button', { name: 'Upload', exact: true }).click();
    await operator.page.getByText('No trades in the file').waitFor();

    await operator.page.goto(`${url}/#/batches?status=FAILED`);
    const link = operator.page.getByRole('table', { name: 'Batches' }).getByRole('link', { name });
    await link.waitFor();
    await expectAccessible(operator.page, 'batches-failed');
    await link.click();
    await operator.page.getByText('No trades in the file').waitFor();
    await operator.page.getByText('EMPTY_FILE:', { exact: false }).waitFor();
    // The alert fades in: judge its contrast once it has.
    await operator.page.waitForFunction(() =>
      document.getAnimations().every((a) => a.playState !== 'running'),
    );
    await expectAccessible(operator.page, 'batch-failed');
    expect(operator.cspViolations).toEqual([]);
  }, 90_000);

  it('admin screens: fund master, API keys and audit log', async () => {
    const url = browserUrl();
    const admin = await browser();
    await signIn(admin.page, url, 'admin-1');
    await admin.page.goto(`${url}/#/funds`);
    await admin.page.getByRole('cell', { name: CASIE_FUND.isin }).waitFor();
    await expect(admin.page.getByRole('button', { name: 'Replace from CSV' }).count()).resolves.toBe(1);
    await expectAccessible(admin.page, 'funds');
    await admin.page.goto(`${url}/#/admin/api-keys`);
    await admin.page.getByRole('heading', { name: 'API keys' }).waitFor();
    await expectAccessible(admin.page, 'api-keys');
    await admin.page.goto(`${url}/#/admin/audit`);
    await admin.page.getByRole('table', { name: 'Audit log' }).getByRole('row').nth(1).waitFor();
    await expectAccessible(admin.page, 'audit');
    expect(admin.cspViolations).toEqual([]);
  }, 90_000);
});
