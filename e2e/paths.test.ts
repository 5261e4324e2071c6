import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBaseUrl } from './demo-server.js';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, screenshot } from './browser.js';

/**
 * Links the product offers open for whoever sees them (issue #11, broken paths): the expert's
 * 「请评审」 notification, the district government's campaign list, and 打印 / 导出 Excel on the
 * entry, municipal review, panel and results screens (on the demo data).
 */
const baseUrl = demoBaseUrl();
const password = 'Demo@2025';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function signedIn(username: string): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 860 }, acceptDownloads: true });
  await login(page, baseUrl, username, password);
  await page.getByTestId('home-title').waitFor({ timeout: 20_000 });
  return page;
}

/** Clicks 打印, waits for the print page in its new tab to load its data, and screenshots it. */
async function openPrint(page: Page, name: string): Promise<string> {
  const [popup] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('print-open').first().click()]);
  await popup.locator('[data-testid=print-page][data-ready=true]').waitFor({ timeout: 30_000 });
  await popup.getByTestId('print-sheet').first().waitFor({ timeout: 30_000 });
  expect(await popup.locator('body').innerText()).not.toContain('无权访问');
  await screenshot(popup, name);
  const url = popup.url();
  await popup.close();
  return url;
}

async function exportXlsx(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').first().click()]);
  return download.suggestedFilename();
}

describe('links open for the role that sees them', () => {
  it('expert1 opens its 「请评审」 notification from the bell and lands on its review page', async () => {
    const page = await signedIn('expert1');
    try {
      await page.getByTestId('notification-bell').click();
      await page.getByTestId('notification-table').waitFor();
      const item = page.getByTestId('notification-open').filter({ hasText: '请评审万州区人力资源服务产业园' }).first();
      await item.waitFor();
      await screenshot(page, 'paths-01-expert-notifications');
      await item.click();
      await page.waitForURL(/\/app\/review\/[^/]+\/[^/]+$/, { timeout: 10_000 });
      await expect.poll(() => page.getByTestId('assignment-title').innerText()).toContain('万州区人力资源服务产业园');
      await page.getByTestId('assignment-save').waitFor();
      expect(await page.locator('body').innerText()).not.toContain('无权访问');
      // Experts may neither open the print page nor download a sheet: no such buttons.
      expect(await page.getByTestId('print-open').count()).toBe(0);
      expect(await page.getByTestId('export-xlsx').count()).toBe(0);
      await screenshot(page, 'paths-02-expert-review-from-notification');
    } finally {
      await page.close();
    }
  });

  it('the district government sees its campaign entries without a link it cannot open', async () => {
    const page = await signedIn('jlp.gov');
    try {
      await page.goto(`${baseUrl}/app/evaluations`);
      await page.locator('[data-testid=evaluation-table] .el-table__row', { hasText: '2025 年度' }).first().getByTestId('evaluation-link').click();
      const table = page.getByTestId('entry-table');
      await table.locator('.el-table__row', { hasText: '九龙坡区人力资源服务产业园' }).waitFor();
      expect(await page.getByTestId('entry-link').count()).toBe(0);
      expect(await table.getByText('查看', { exact: true }).count()).toBe(0);
      await screenshot(page, 'paths-03-district-gov-entries');
      // Every link left on the page opens (no 无权访问).
      const hrefs = await page.locator('main a[href^="/app"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      for (const href of hrefs) {
        await page.goto(`${baseUrl}${href}`);
        await page.waitForLoadState('networkidle');
        expect(page.url(), href).not.toContain('/403');
      }
    } finally {
      await page.close();
    }
  });

  it('the operator prints and exports its entry’s score sheet from the entry screen', async () => {
    const page = await signedIn('jlp.operator');
    try {
      await page.goto(`${baseUrl}/app/evaluations`);
      await page.locator('[data-testid=evaluation-table] .el-table__row', { hasText: '2025 年度' }).first().getByTestId('evaluation-link').click();
      await page.getByTestId('entry-link').filter({ hasText: '九龙坡区人力资源服务产业园' }).click();
      await page.getByTestId('print-open').waitFor();
      await screenshot(page, 'paths-04-entry-print-buttons');
      expect(await openPrint(page, 'paths-05-entry-printed')).toMatch(/\/entries\/[^/]+\/print$/);
      expect(await exportXlsx(page)).toBe('2025年度绩效评估评分表-九龙坡区人力资源服务产业园.xlsx');
    } finally {
      await page.close();
    }
  });

  it('the bureau prints and exports from the municipal review, panel and results screens', async () => {
    const page = await signedIn('staff');
    try {
      await page.goto(`${baseUrl}/app/municipal-review`);
      await page.getByTestId('municipal-review-table').locator('.el-table__row').first().waitFor();
      await page.getByTestId('print-open').waitFor();
      await screenshot(page, 'paths-06-municipal-review-buttons');
      const reviewRow = page.getByTestId('municipal-review-table').locator('.el-table__row', { hasText: '重庆市卫生健康人才市场' });
      await reviewRow.getByTestId('review-open').click();
      const drawer = page.getByTestId('review-drawer');
      await drawer.getByTestId('print-open').waitFor();
      await screenshot(page, 'paths-07-review-drawer-buttons');
      const [popup] = await Promise.all([page.context().waitForEvent('page'), drawer.getByTestId('print-open').click()]);
      await popup.locator('[data-testid=print-page][data-ready=true]').waitFor({ timeout: 30_000 });
      expect(popup.url()).toMatch(/\/entries\/[^/]+\/print$/);
      await popup.close();
      const [sheet] = await Promise.all([page.waitForEvent('download'), drawer.getByTestId('export-xlsx').click()]);
      expect(sheet.suggestedFilename()).toBe('2025年度绩效评估评分表-重庆市卫生健康人才市场.xlsx');
      await page.keyboard.press('Escape');

      await page.goto(`${baseUrl}/app/panel`);
      await page.getByTestId('print-open').waitFor();
      await screenshot(page, 'paths-08-panel-buttons');
      expect(await openPrint(page, 'paths-09-panel-results-printed')).toMatch(/\/results\/print$/);
      expect(await exportXlsx(page)).toMatch(/^\d{4}年度绩效评估结果-\d{8}\.xlsx$|^\d{4}年度绩效评估结果-[\d-]+\.xlsx$/);

      await page.goto(`${baseUrl}/app/results`);
      await page.getByTestId('results-table').waitFor();
      await page.getByTestId('print-open').waitFor();
      await screenshot(page, 'paths-10-results-buttons');
      expect(await openPrint(page, 'paths-11-results-printed')).toMatch(/\/results\/print$/);
      expect(await exportXlsx(page)).toMatch(/^2024年度绩效评估结果-.+\.xlsx$/);
    } finally {
      await page.close();
    }
  });

  it('a district government on the published results exports them but is offered no print of sheets it cannot read', async () => {
    const page = await signedIn('jlp.gov');
    try {
      await page.goto(`${baseUrl}/app/results`);
      await page.getByTestId('results-table').waitFor();
      await page.getByTestId('export-xlsx').waitFor();
      expect(await page.getByTestId('print-open').count()).toBe(0);
      expect(await exportXlsx(page)).toMatch(/^2024年度绩效评估结果-.+\.xlsx$/);
      await screenshot(page, 'paths-12-district-gov-results');
    } finally {
      await page.close();
    }
  });

  it.each(['jlp.gov', 'expert1', 'jlp.operator', 'jlp.hrss'])('%s: no page in its menu, nor a platform it lists, calls an API that refuses it', async (username) => {
    const page = await signedIn(username);
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/') && r.status() === 403) refused.push(`${page.url()} → ${r.url()}`);
    });
    try {
      const items = page.getByTestId('side-menu').locator('.el-menu-item');
      const count = await items.count();
      expect(count).toBeGreaterThan(2);
      for (let i = 0; i < count; i++) {
        await items.nth(i).click();
        await page.waitForLoadState('networkidle');
        expect(page.url()).not.toContain('/403');
      }
      await page.goto(`${baseUrl}/app/platforms`);
      await page.waitForLoadState('networkidle');
      const first = page.locator('main a[href^="/app/platforms/"]').first();
      if (await first.count() > 0) {
        await first.click();
        await page.waitForLoadState('networkidle');
        for (const tab of await page.locator('.el-tabs__item').all()) {
          await tab.click();
          await page.waitForLoadState('networkidle');
        }
      }
      expect(refused).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

