import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBaseUrl } from './demo-server.js';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, screenshot } from './browser.js';

/**
 * 节假日安排 in the browser: the system administrator opens the page, finds 2027 not yet entered
 * (the package ends with 2026), enters 元旦 and a make-up working Sunday, is kept from saving
 * without a 版本说明, saves, and sees the first version in the history.
 */
const baseUrl = demoBaseUrl();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** Fills the last row of the entries table. */
async function fillLastRow(page: Page, date: string, kind: '法定节假日' | '调休上班日', name: string): Promise<void> {
  await page.getByTestId('holiday-entry-add').click();
  const row = page.getByTestId('holiday-entries').locator('.el-table__body tr').last();
  const dateInput = row.locator('.el-date-editor input');
  await dateInput.fill(date);
  await dateInput.press('Enter');
  await row.locator('.el-select').click();
  // A dropdown opened near the bottom of the window may keep flipping above and below its field while
  // Playwright scrolls it into view; the option is clicked where it is (the user's click, without the wait).
  const option = page.locator('.el-select-dropdown__item:visible', { hasText: kind });
  await option.waitFor();
  await option.dispatchEvent('click');
  await row.locator('input[data-testid=holiday-entry-name]').fill(name);
}

describe('holiday calendar', () => {
  it('the administrator enters 2027 and saves it as version 1', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await login(page, baseUrl, 'admin', 'Demo@2025');
      await page.getByTestId('home-title').waitFor({ timeout: 20_000 });
      await page.goto(`${baseUrl}/app/admin/holidays`);
      await expect.poll(() => page.getByTestId('holiday-years').innerText()).toContain('2027 年');
      await page.getByTestId('holiday-year-2027').click();
      await expect.poll(() => page.getByTestId('holiday-year-2027').innerText()).toContain('尚未录入');
      await expect.poll(() => page.getByTestId('holiday-editor').innerText()).toContain('2027 年法定节假日和调休上班日');

      await fillLastRow(page, '2027-01-01', '法定节假日', '元旦');
      await fillLastRow(page, '2027-02-14', '调休上班日', '春节');
      // Without a reason the save cannot succeed: disabled, and saying why.
      expect(await page.getByTestId('holiday-save').isDisabled()).toBe(true);
      expect(await page.getByTestId('holiday-save-wrap').getAttribute('data-reason')).toContain('版本说明');
      await page.locator('input[data-testid=holiday-reason]').fill('依据国务院办公厅关于 2027 年部分节假日安排的通知录入（测试）');
      await page.getByTestId('holiday-save').click();

      await expect.poll(() => page.getByTestId('holiday-versions').innerText()).toContain('第 1 版');
      expect(await page.getByTestId('holiday-versions').innerText()).toContain('依据国务院办公厅关于 2027 年部分节假日安排的通知录入（测试）');
      await expect.poll(() => page.getByTestId('holiday-year-2027').innerText()).toContain('已录入第 1 版');
      const entries = await page.getByTestId('holiday-entries').locator('input[data-testid=holiday-entry-name]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
      expect(entries).toEqual(['元旦', '春节']);
      await screenshot(page, 'holiday-calendar-2027');

      await page.getByTestId('holiday-version-view').first().click();
      await expect.poll(() => page.getByTestId('holiday-version-entries').innerText()).toContain('调休上班日');
      // The dialog fades in; wait for the end of its transition before the picture.
      await page.waitForTimeout(500);
      await screenshot(page, 'holiday-calendar-version');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
