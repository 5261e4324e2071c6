import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBaseUrl } from './demo-server.js';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, screenshot } from './browser.js';

/**
 * The annual evaluation in the browser: the bureau creates and opens a campaign for a free year, the
 * operator fills, saves and submits its self-evaluation in the demo's open 2025 campaign (where its park is
 * still in self-evaluation), the district returns one row with a comment, and the operator is told (bell)
 * and sees the comment on the row.
 */
const baseUrl = demoBaseUrl();
const password = 'Demo@2025';
const JLP_PARK = '九龙坡区人力资源服务产业园';
const COMMENT = '请补充线上入驻协议和营收证明。';
/** The demo's open campaign, with 九龙坡区人力资源服务产业园 in self-evaluation (src/server/bootstrap/demo-evaluations.ts). */
const DEMO_YEAR = 2025;
/** A 1×1 PNG as evidence. */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
let browser: Browser;
let entryUrl = '';

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** A day from today, 'YYYY-MM-DD' (windows must be in the future for saving and reviewing). */
function daysAhead(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function withPage(username: string, run: (page: Page) => Promise<void>): Promise<void> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await login(page, baseUrl, username, password);
    await page.getByTestId('home-title').waitFor({ timeout: 20_000 });
    await run(page);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
}

async function confirmBox(page: Page): Promise<void> {
  await page.locator('.el-message-box__btns .el-button--primary').click();
}

describe('annual evaluation screens', () => {
  it('the bureau creates a campaign with cq-2025 and opens it', async () => {
    await withPage('staff', async (page) => {
      // A year no campaign has yet, at this moment: the demo holds 2024 and 2025, other tests may add more.
      const listed = await page.request.get(`${baseUrl}/api/v1/evaluations`);
      expect(listed.status()).toBe(200);
      const years = ((await listed.json()) as { year: number }[]).map((e) => e.year);
      const year = Math.max(2025, ...years) + 1;
      await page.goto(`${baseUrl}/app/evaluations`);
      await page.getByTestId('evaluation-create').click();
      await page.getByTestId('evaluation-create-dialog').waitFor();
      await page.locator('[data-testid=evaluation-year] input, input[data-testid=evaluation-year]').first().fill(String(year));
      await expect.poll(() => page.getByTestId('evaluation-scheme').innerText()).toContain('cq-2025');
      // Out of order first: the server's message appears next to the field.
      const dates: [string, string][] = [['selfEvaluationEnd', daysAhead(60)], ['districtReviewEnd', daysAhead(30)], ['municipalReviewEnd', daysAhead(90)]];
      for (const [field, value] of dates) {
        const input = page.locator(`[data-testid=evaluation-${field}] input`);
        await input.fill(value);
        await input.press('Enter');
      }
      await page.getByTestId('evaluation-create-submit').click();
      await expect.poll(() => page.locator('[data-testid=evaluation-districtReviewEnd] .el-form-item__error').innerText()).toContain('须晚于');
      await screenshot(page, 'evaluation-create-error');
      const district = page.locator('[data-testid=evaluation-districtReviewEnd] input');
      await district.fill(daysAhead(75));
      await district.press('Enter');
      await page.getByTestId('evaluation-create-submit').click();
      await page.getByTestId('evaluation-create-dialog').waitFor({ state: 'hidden' });
      const row = page.locator('[data-testid=evaluation-table] .el-table__row', { hasText: `${year} 年度` }).first();
      await expect.poll(() => row.getByTestId('evaluation-status').innerText()).toBe('未开启');

      await row.getByTestId('evaluation-open').click();
      await confirmBox(page);
      await expect.poll(() => row.getByTestId('evaluation-status').innerText()).toBe('进行中');
      await row.getByTestId('evaluation-link').click();
      await page.getByTestId('entry-table').getByRole('link', { name: JLP_PARK }).waitFor();
      await screenshot(page, 'evaluation-entries-bureau');
    });
  });

  it('the operator saves and submits its self-evaluation', async () => {
    await withPage('jlp.operator', async (page) => {
      await page.goto(`${baseUrl}/app/evaluations`);
      await page.getByTestId('evaluation-link').filter({ hasText: `${DEMO_YEAR} 年度` }).click();
      const links = page.getByTestId('entry-link');
      await links.first().waitFor();
      expect(await links.count()).toBe(1); // its own platform only
      await links.first().click();
      await page.waitForURL(/\/app\/evaluations\/[^/]+\/entries\/[^/]+$/);
      entryUrl = page.url();
      await page.getByTestId('entry-summary').waitFor();
      expect(await page.getByTestId('entry-status').innerText()).toBe('自评中');

      const row = page.getByTestId('entry-row-1.4');
      const before = await page.getByTestId('entry-total').innerText();
      const revenue = row.locator('[data-testid=fact-onlineRevenueYuan] input').first();
      await revenue.fill('900000000');
      await revenue.blur();
      // The live score (POST /rules/score) follows the typed facts before saving.
      await expect.poll(() => row.getByTestId('row-score').innerText()).toBe('0.90 分');
      await page.locator('textarea[data-testid="row-text-1.4"]').fill('线上入驻企业营收 9 亿元。');

      await row.getByTestId('evidence-1.4').click();
      const dialog = page.locator('.el-dialog').filter({ hasText: '佐证材料：1.4' });
      await dialog.getByTestId('file-input').setInputFiles({ name: '线上入驻协议.png', mimeType: 'image/png', buffer: PNG_1X1 });
      await dialog.getByTestId('file-table').getByText('线上入驻协议.png').waitFor();
      await dialog.locator('.el-dialog__headerbtn').click();
      await expect.poll(() => row.getByTestId('evidence-1.4').innerText()).toContain('（1）');

      await page.getByTestId('entry-save').click();
      await expect.poll(() => page.getByText('自评草稿已保存').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('entry-total').innerText()).not.toBe(before);
      await screenshot(page, 'evaluation-entry-saved');

      await page.getByTestId('entry-submit').click();
      await confirmBox(page);
      await expect.poll(() => page.getByTestId('entry-status').innerText()).toBe('待区县初审');
      expect(await page.getByTestId('entry-save').count()).toBe(0); // read-only now
    });
  });

  it('the district returns one row with a comment, and the operator is told', async () => {
    await withPage('jlp.hrss', async (page) => {
      await page.goto(entryUrl);
      await page.getByTestId('entry-summary').waitFor();
      const row = page.getByTestId('entry-row-1.4');
      await row.getByTestId('row-return').click();
      await row.locator('textarea[data-testid=row-return-comment]').fill(COMMENT);
      await row.getByTestId('row-return-confirm').click();
      await expect.poll(() => row.getByTestId('row-decision').innerText()).toBe('区县退回');
      await page.getByTestId('entry-return').click();
      await confirmBox(page);
      await expect.poll(() => page.getByTestId('entry-status').innerText()).toBe('已退回修改');
      await screenshot(page, 'evaluation-entry-returned');
    });

    await withPage('jlp.operator', async (page) => {
      await expect.poll(() => page.getByTestId('notification-count').innerText()).toMatch(/[1-9]/);
      await page.getByTestId('notification-bell').click();
      await page.getByTestId('notification-open').first().click();
      await page.waitForURL(/\/entries\//);
      const row = page.getByTestId('entry-row-1.4');
      await expect.poll(() => row.getByTestId('row-comment').innerText()).toContain(COMMENT);
      expect(await page.getByTestId('entry-save').isVisible()).toBe(true); // editable again
      await screenshot(page, 'evaluation-entry-operator-returned');
    });
  });
});
