import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBaseUrl } from './demo-server.js';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, screenshot } from './browser.js';

/**
 * 统计分析 in the browser: the bureau's dashboard on the demo data draws its four charts, exports a
 * chart's numbers (.xlsx) and its picture (.png); a district unit sees its own district beside the
 * city totals and no district choice.
 */
const baseUrl = demoBaseUrl();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const CHARTS = ['types', 'districts', 'trends', 'grades'];

async function openDashboard(page: Page, username: string): Promise<void> {
  await login(page, baseUrl, username, 'Demo@2025');
  await page.getByTestId('home-title').waitFor({ timeout: 20_000 });
  await page.locator('.el-menu-item', { hasText: '统计分析' }).first().click();
  await page.waitForURL(/\/app\/statistics/);
  for (const name of CHARTS) {
    await page.getByTestId(`chart-${name}`).locator('.chart[data-rendered=true] canvas').first().waitFor({ timeout: 20_000 });
  }
}

describe('statistics dashboard', () => {
  it('the bureau sees the city by district with charts, and exports a chart’s numbers and picture', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', (r) => { if (r.status() >= 500) errors.push(`${r.status()} ${r.url()}`); });
    try {
      await openDashboard(page, 'staff');
      await expect.poll(() => page.getByTestId('statistics-summary').innerText()).toContain('全市合计');
      expect(await page.getByTestId('filter-district').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('chart-districts').innerText()).toContain('分区县营业收入');

      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('xlsx-districts').click()]);
      expect(xlsx.suggestedFilename()).toMatch(/^统计分析-\d{4}年分区县-.*\.xlsx$/);
      const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('png-trends').click()]);
      expect(png.suggestedFilename()).toMatch(/年趋势\.png$/);

      await page.getByTestId('anomaly-table').waitFor();
      await page.waitForTimeout(1500); // the charts' entry animation
      await screenshot(page, 'statistics-bureau');
      // Choosing a district adds its own row beside the city's.
      await page.getByTestId('filter-district').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: '九龙坡区' }).click();
      await expect.poll(() => page.getByTestId('statistics-summary').innerText()).toContain('九龙坡区合计');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('a district unit sees its own district and the city totals, with no district choice', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', (r) => { if (r.status() >= 500) errors.push(`${r.status()} ${r.url()}`); });
    try {
      await openDashboard(page, 'jlp.hrss');
      await expect.poll(() => page.getByTestId('statistics-summary').innerText()).toContain('九龙坡区合计');
      expect(await page.getByTestId('statistics-summary').innerText()).toContain('全市合计');
      expect(await page.getByTestId('filter-district').count()).toBe(0);
      expect(await page.getByTestId('own-district').innerText()).toContain('九龙坡区');
      expect(await page.getByTestId('chart-districts').innerText()).toContain('九龙坡区占全市比重');
      await page.getByTestId('anomaly-table').waitFor();
      await page.waitForTimeout(1500); // the charts' entry animation
      await screenshot(page, 'statistics-district');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
