import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type E2eServer } from '../test/e2e-server.js';
import { launchBrowser, login, screenshot } from './browser.js';
import { apiLogin, DEMO_PASSWORD, scoreAndSubmit } from './review-api.js';

/**
 * Code names never reach the review screens (issue #11 item 7): the expert's fact-correction
 * dropdown and the bureau's 评审对比 name facts in Chinese, from the one label table
 * (src/domain/labels), and a bad correction's error names the field in Chinese rather than
 * `corrections.0.value`. The demo's 2025 campaign has 万州区人力资源服务产业园 under review with
 * expert1 assigned; the test submits expert1's review, so it runs on a demo server of its own.
 */
const PLATFORM = '万州区人力资源服务产业园';
/** A code name in visible text: a lower-case letter, letters, then an upper-case one (areaM2, bureauEventsAttended). */
const CAMEL = /[a-z][A-Za-z]+[A-Z]/;
let server: E2eServer | undefined;
let baseUrl = '';
let browser: Browser | undefined;
let evaluationId = '';
let entryId = '';

beforeAll(async () => {
  server = await startServer({ demo: true });
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
  const bureau = await apiLogin(baseUrl, 'staff');
  const campaign = (await bureau.ok<{ id: string; year: number }[]>('GET', '/evaluations')).find((e) => e.year === 2025);
  evaluationId = campaign?.id ?? '';
  const entries = await bureau.ok<{ id: string; platformName: string; status: string }[]>('GET', `/evaluations/${evaluationId}/entries`);
  const entry = entries.find((e) => e.platformName === PLATFORM);
  expect(entry?.status).toBe('under_review');
  entryId = entry?.id ?? '';
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

async function signedIn(username: string): Promise<Page> {
  if (!browser) throw new Error('no browser');
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  await login(page, baseUrl, username, DEMO_PASSWORD);
  await page.getByTestId('home-title').waitFor();
  return page;
}

const camelTokens = (text: string): string[] => text.split(/\s+/).filter((t) => CAMEL.test(t));

describe('fact names on the review screens', () => {
  it('the expert picks a fact to correct by its Chinese name, and a bad value is refused naming the field in Chinese', async () => {
    const page = await signedIn('expert1');
    try {
      await page.goto(`${baseUrl}/app/review/${evaluationId}/${entryId}`);
      await page.getByTestId('assignment-preview').waitFor();
      await page.getByTestId('correction-add').click();
      const editor = page.getByTestId('corrections-editor');
      await editor.locator('.el-select').first().click();
      const options = page.locator('.el-select-dropdown__item:visible');
      await options.first().waitFor();
      const names = await options.allInnerTexts();
      expect(names.length).toBeGreaterThan(5);
      expect(names.filter((n) => CAMEL.test(n) || !/[\u4e00-\u9fff]/.test(n))).toEqual([]);
      await screenshot(page, 'labels-correction-dropdown');
      await options.filter({ hasText: '参加市人力社保局行业活动场次' }).click();
      expect(await page.getByTestId('correction-current').innerText()).toMatch(/^原值：/);

      await editor.locator('input[placeholder="数字、文字或 JSON"]').fill('-5');
      await editor.locator('textarea').fill('现场核查活动签到表');
      await page.getByTestId('assignment-save').click();
      const error = editor.locator('.el-form-item__error').first();
      await error.waitFor();
      const message = await error.innerText();
      expect(message).toContain('事实更正（第 1 项）·更正值');
      expect(message).toContain('参加市人力社保局行业活动场次');
      expect(message).not.toMatch(/corrections|bureauEventsAttended/);
      await screenshot(page, 'labels-correction-error');

      await editor.locator('input[placeholder="数字、文字或 JSON"]').fill('3');
      // A fact counted by category is corrected one number per category, named in Chinese (no JSON of code keys).
      await page.getByTestId('correction-add').click();
      const second = editor.locator('form').nth(1);
      await second.locator('.el-select').first().click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: '线下入驻企业数量' }).click();
      const parts = second.locator('.part');
      expect(await parts.allInnerTexts()).toEqual(['规模以上企业', '非规模以上企业']);
      await parts.nth(0).locator('input').fill('8');
      await parts.nth(1).locator('input').fill('20');
      await parts.nth(1).locator('input').blur();
      await second.locator('textarea').fill('以税务登记核实在驻企业');
      await page.getByTestId('assignment-save').click();
      await page.getByText('已保存').first().waitFor();
      expect(camelTokens(await page.locator('body').innerText())).toEqual([]);
      await screenshot(page, 'labels-corrections-saved');
    } finally {
      await page.close();
    }
    // Scores the judged rows and submits, keeping the saved correction, so that the bureau sees it.
    await scoreAndSubmit(await apiLogin(baseUrl, 'expert1'), evaluationId, entryId);
  }, 180_000);

  it('the bureau\'s 评审对比 names the corrected fact and its values in Chinese', async () => {
    const page = await signedIn('staff');
    try {
      await page.goto(`${baseUrl}/app/municipal-review`);
      const row = page.locator('[data-testid=municipal-review-table] .el-table__row', { hasText: PLATFORM }).first();
      await row.waitFor();
      await row.getByTestId('review-open').click();
      await page.getByTestId('comparison-rows').waitFor();
      const corrections = page.getByTestId('review-corrections');
      await corrections.getByText('参加市人力社保局行业活动场次').waitFor();
      expect(await corrections.innerText()).toContain('规模以上企业 8；非规模以上企业 20');
      const drawer = await page.getByTestId('review-drawer').innerText();
      expect(camelTokens(drawer)).toEqual([]);
      expect(drawer).not.toContain('bureauEventsAttended');
      await corrections.scrollIntoViewIfNeeded();
      await screenshot(page, 'labels-review-comparison');
    } finally {
      await page.close();
    }
  }, 120_000);
});
