import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBaseUrl } from './demo-server.js';
import type { Browser, Page } from 'playwright-core';
import { chooseOption, launchBrowser, screenshot } from './browser.js';
import { recognitionSteps } from './recognition-steps.js';

/**
 * 存量平台登记 (a platform recognized before HRSP, the bureau's), the 存量登记 label, the
 * bureau's Art 17 to-do item, and an expert's affiliation set by the system administrator.
 */
const baseUrl = demoBaseUrl();
const NAME = '重庆市涪陵区人力资源服务产业园';
let browser: Browser | undefined;
const { newPage, signIn, settle } = recognitionSteps({ baseUrl: () => baseUrl, browser: () => browser });

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const pick = (page: Page, text: string) => page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click();

describe('存量平台登记 by bureau staff', () => {
  it('shows the Art 17 to-do item, requires the original document, and labels the record 存量登记', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'staff');
      // The daily check ran at start: 万州's revenue deadline (2025-12-31) passed unmet.
      const tasks = page.getByTestId('home-tasks');
      await tasks.waitFor({ timeout: 20_000 });
      expect(await tasks.innerText()).toContain('万州区人力资源服务产业园：「');
      await settle(page);
      await screenshot(page, 'legacy-home-task');
      await tasks.getByRole('link', { name: /万州区人力资源服务产业园：「/ }).first().click();
      await page.getByTestId('platform-name').waitFor();
      expect(await page.getByTestId('platform-name').innerText()).toBe('万州区人力资源服务产业园');
      expect(await page.getByTestId('platform-origin').innerText()).toBe('存量登记');

      await page.goto(`${baseUrl}/app/platforms/new`);
      await page.getByTestId('platform-create-legacy').click();
      await page.getByTestId('legacy-intro').waitFor();
      const form = page.getByTestId('platform-form');
      await form.locator('input[data-testid=platform-form-name]').fill(NAME);
      await form.getByTestId('platform-form-level').click();
      // Only national and municipal platforms are registered as 存量.
      await expect.poll(() => page.locator('.el-select-dropdown__item:visible').allInnerTexts()).toEqual(['国家级', '市级']);
      await pick(page, '市级');
      await form.getByTestId('platform-form-district').click();
      await page.keyboard.type('涪陵');
      await pick(page, '涪陵区');
      await form.getByTestId('platform-form-type').click();
      await pick(page, '综合性人力资源服务产业园');
      await form.getByTestId('platform-form-save').click();
      // Both fields are required before anything is sent.
      await expect.poll(() => form.locator('.el-form-item__error').allInnerTexts()).toEqual(expect.arrayContaining(['请选择原认定日期', '请输入原认定文号']));
      await screenshot(page, 'legacy-required');

      await form.locator('input[placeholder="选择日期"]').fill('2021-05-10');
      await form.locator('input[placeholder="选择日期"]').press('Enter');
      await form.locator('input[data-testid=platform-form-doc-no]').fill('涪人社〔2021〕88号');
      await form.getByTestId('platform-form-save').click();
      // The server names the field: a municipal platform's document is the bureau's (渝人社…).
      await expect.poll(() => form.locator('.el-form-item__error').allInnerTexts()).toEqual([expect.stringContaining('应以「渝人社」开头')]);
      await screenshot(page, 'legacy-bad-doc-no');

      await form.locator('input[data-testid=platform-form-doc-no]').fill('渝人社〔2021〕88号');
      await form.getByTestId('platform-form-save').click();
      await page.waitForURL(/\/app\/platforms\/[0-9a-f-]{36}/);
      await page.getByTestId('platform-name').waitFor();
      expect(await page.getByTestId('platform-name').innerText()).toBe(NAME);
      expect(await page.getByTestId('platform-status').innerText()).toBe('已认定');
      expect(await page.getByTestId('platform-origin').innerText()).toBe('存量登记');
      await settle(page);
      await screenshot(page, 'legacy-registered');

      await page.goto(`${baseUrl}/app/platforms`);
      const row = page.getByTestId('platform-table').locator('tr', { hasText: NAME });
      await row.waitFor();
      expect(await row.getByTestId('origin-legacy').innerText()).toBe('存量登记');
      await settle(page);
      await screenshot(page, 'legacy-list');
    } finally {
      await page.close();
    }
  }, 180_000);
});

describe("an expert's affiliation", () => {
  it('is set by the system administrator in the users dialog', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'admin');
      await page.goto(`${baseUrl}/app/admin/users`);
      const row = page.getByTestId('user-table').locator('tr', { hasText: 'expert1' }).first();
      await row.waitFor();
      await row.getByRole('button', { name: '编辑' }).click();
      const picker = page.getByTestId('user-affiliation');
      await picker.waitFor();
      await chooseOption(page, picker, '重庆九龙人力资源开发有限公司', '九龙');
      await screenshot(page, 'affiliation-dialog');
      await page.getByTestId('user-save').click();
      await expect.poll(() => row.getByTestId('user-affiliation-text').innerText().catch(() => '')).toBe('回避：重庆九龙人力资源开发有限公司');
      await settle(page);
      // Clicking 编辑 scrolled the wide table sideways; back to its start for the picture.
      await page.getByTestId('user-table').locator('.el-scrollbar__wrap').first().evaluate((el) => { el.scrollLeft = 0; });
      await screenshot(page, 'affiliation-list');
    } finally {
      await page.close();
    }
  }, 120_000);

  it('is set by bureau staff on 评审专家, and may be a district HRSS bureau (its district\'s applications are then avoided)', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'staff');
      await page.goto(`${baseUrl}/app/experts`);
      const row = page.getByTestId('expert-table').locator('tr', { hasText: 'expert1' }).first();
      await row.waitFor();
      await settle(page);
      const setTo = async (typed: string, name: string) => {
        await row.getByTestId('expert-set-affiliation').click();
        const picker = page.getByTestId('expert-affiliation-select');
        await picker.waitFor();
        await chooseOption(page, picker, name, typed);
        await page.getByTestId('expert-affiliation-save').click();
        await expect.poll(() => row.getByTestId('expert-affiliation').innerText().catch(() => '')).toBe(name);
      };
      await setTo('九龙坡区人力', '九龙坡区人力社保局');
      await settle(page);
      await screenshot(page, 'affiliation-expert-pool');
      // Back to the operator the administrator chose, for the browser tests that follow on this server.
      await setTo('九龙', '重庆九龙人力资源开发有限公司');
    } finally {
      await page.close();
    }
  }, 120_000);
});
