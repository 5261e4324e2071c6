import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBaseUrl } from './demo-server.js';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, screenshotDir } from './browser.js';

/**
 * Unsaved edits in the long forms (issue 11, items 4 and 5): leaving the operator's self-evaluation by the menu
 * asks first (取消 keeps the edit, 离开 leaves), a reload brings the autosaved draft back, and the expert's
 * 评审预览 follows a typed score before it is saved, with 保存 / 提交 kept in view at the bottom of the window.
 * Runs on the shared demo server: jlp.operator's 2025 entry is editable (in self-evaluation, or returned when
 * evaluation-screens ran first) and expert1 has 万州's entry assigned; nothing here is saved.
 */
const baseUrl = demoBaseUrl();
const password = 'Demo@2025';
const DEMO_YEAR = 2025;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function withPage(username: string, run: (page: Page) => Promise<void>): Promise<void> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // A reload of a page with unsaved edits raises the browser's "leave site?" prompt; Playwright would dismiss it.
  const prompts: string[] = [];
  page.on('dialog', (d) => {
    prompts.push(d.type());
    void d.accept();
  });
  try {
    await login(page, baseUrl, username, password);
    await page.getByTestId('home-title').waitFor({ timeout: 20_000 });
    await run(page);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
}

/** A viewport (not full-page) screenshot: what the user sees, sticky bars included. */
async function viewShot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

const leaveBox = (page: Page) => page.locator('.el-message-box').filter({ hasText: '有未保存的修改，确定离开吗？' });

describe('unsaved edits', () => {
  it('the operator is asked before leaving the self-evaluation, and a reload keeps the draft', async () => {
    await withPage('jlp.operator', async (page) => {
      await page.goto(`${baseUrl}/app/evaluations`);
      await page.getByTestId('evaluation-link').filter({ hasText: `${DEMO_YEAR} 年度` }).click();
      await page.getByTestId('entry-link').first().click();
      await page.waitForURL(/\/app\/evaluations\/[^/]+\/entries\/[^/]+$/);
      const entryUrl = page.url();
      await page.getByTestId('entry-summary').waitFor();
      expect(await page.getByTestId('entry-save').count()).toBe(1); // editable

      const revenue = () => page.getByTestId('entry-row-1.4').locator('[data-testid=fact-onlineRevenueYuan] input').first();
      await revenue().fill('765432100');
      await revenue().blur();
      await page.getByTestId('entry-dirty').waitFor();

      // The menu: 取消 stays on the form with the edit.
      await page.getByTestId('side-menu').getByText('首页', { exact: true }).click();
      await leaveBox(page).waitFor();
      await page.waitForTimeout(400); // the box fades in
      await viewShot(page, 'unsaved-leave-confirm');
      await leaveBox(page).locator('.el-message-box__btns button', { hasText: '取消' }).click();
      await leaveBox(page).waitFor({ state: 'hidden' });
      expect(page.url()).toBe(entryUrl);
      expect(await revenue().inputValue()).toContain('765');

      // Autosave: 「已自动保存 hh:mm」 a few seconds after the last edit, then a reload brings the draft back.
      await expect.poll(() => page.getByTestId('entry-autosaved').innerText(), { timeout: 10_000 }).toMatch(/^已自动保存 \d\d:\d\d$/);
      await page.reload();
      await page.getByTestId('entry-summary').waitFor();
      await expect.poll(() => revenue().inputValue()).toContain('765');
      await page.getByTestId('entry-dirty').waitFor();
      await page.getByText('已恢复上次未保存的修改').first().waitFor();
      await viewShot(page, 'unsaved-draft-restored');

      // The menu again: 离开 leaves.
      await page.getByTestId('side-menu').getByText('首页', { exact: true }).click();
      await leaveBox(page).locator('.el-message-box__btns button', { hasText: '离开' }).click();
      await page.getByTestId('home-title').waitFor();
      expect(page.url()).not.toBe(entryUrl);
    });
  });

  it('the platform page leaves without asking when nothing was changed, and asks after a year-data edit', async () => {
    await withPage('jlp.operator', async (page) => {
      await page.goto(`${baseUrl}/app/platforms`);
      await page.getByTestId('platform-table').getByRole('link', { name: '九龙坡区人力资源服务产业园', exact: true }).click();
      await page.getByTestId('platform-name').waitFor();
      const platformUrl = page.url();
      // The basics form, the sites table and the year-data form are all mounted and untouched: no question.
      await page.locator('#tab-sites').click();
      await page.locator('#tab-year-data').click();
      await page.getByTestId('year-data-form').waitFor();
      await page.waitForTimeout(500);
      await page.getByTestId('side-menu').getByText('首页', { exact: true }).click();
      await page.getByTestId('home-title').waitFor();
      expect(await leaveBox(page).count()).toBe(0);

      await page.goto(platformUrl);
      await page.locator('#tab-year-data').click();
      await page.getByTestId('year-data-form').waitFor();
      await page.locator('[data-testid=fact-employersServed] input').fill('321');
      // The long year-data form keeps its save button in the window.
      const save = await page.getByTestId('year-data-save').boundingBox();
      expect((save?.y ?? 1e9) + (save?.height ?? 0)).toBeLessThanOrEqual(900);
      await viewShot(page, 'unsaved-year-data-actions');
      await page.getByTestId('side-menu').getByText('首页', { exact: true }).click();
      await leaveBox(page).waitFor();
      await leaveBox(page).locator('.el-message-box__btns button', { hasText: '取消' }).click();
      expect(new URL(page.url()).pathname).toBe(new URL(platformUrl).pathname);
      expect(await page.locator('[data-testid=fact-employersServed] input').inputValue()).toBe('321');
    });
  });

  it('the expert sees the 评审预览 follow a typed score before saving, with the actions in view', async () => {
    await withPage('expert1', async (page) => {
      const res = await page.request.get(`${baseUrl}/api/v1/expert/assignments`);
      expect(res.status()).toBe(200);
      const mine = (await res.json()) as { evaluationId: string; entryId: string; status: string; year: number }[];
      const open = mine.find((a) => a.status === 'assigned' && a.year === DEMO_YEAR);
      expect(open, 'expert1 has an assignment to work on').toBeDefined();
      if (!open) return;
      await page.goto(`${baseUrl}/app/review/${open.evaluationId}/${open.entryId}`);
      await page.getByTestId('assignment-preview').waitFor();

      // The action bar is at the bottom of the window although the page is far longer.
      const bar = await page.getByTestId('assignment-actions').boundingBox();
      expect(bar).not.toBeNull();
      expect((bar?.y ?? 1e9) + (bar?.height ?? 0)).toBeLessThanOrEqual(900);
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(900);

      const total = () => page.getByTestId('preview-total').innerText();
      const input = page.locator('[data-testid=judged-scores] .el-input-number input').first();
      const before = await total();
      const current = await input.inputValue();
      // A score away from the current one (an unscored row counts 0 until scored).
      await input.fill(current === '2' ? '3' : '2');
      await input.blur();
      await viewShot(page, 'unsaved-expert-typed');
      await expect.poll(total, { timeout: 10_000 }).not.toBe(before);
      expect(await page.getByTestId('actions-total').innerText()).toContain(await total());
      expect(await page.getByTestId('assignment-dirty').count()).toBe(1); // not saved
      await viewShot(page, 'unsaved-expert-live-preview');
      await page.getByTestId('assignment-preview').scrollIntoViewIfNeeded();
      await viewShot(page, 'unsaved-expert-live-preview-card');
    });
  });
});
