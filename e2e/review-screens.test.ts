import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type E2eServer } from '../test/e2e-server.js';
import { testFieldKeys } from '../test/keys.js';
import { launchBrowser, login, screenshot } from './browser.js';
import { DEMO_PASSWORD, reviewedCampaign, type Campaign } from './review-api.js';

/**
 * The municipal review screens end to end: the demo's open 2025 campaign is driven through the API up to
 * one entry waiting for its expert (every other entry reviewed, each from the step the demo left it at),
 * then the expert, the bureau's review, the panel and the public results are worked through in the browser.
 * Finishing and publishing the campaign changes the demo world, so this file runs on a demo server of its
 * own rather than the shared one of test/global-e2e.ts (the web app is already built by that setup).
 */
const PLATFORM = '两江新区数字经济人力资源服务产业园';
/** Only in 2025 (applied for by jlp.hrss): it tells the 2025 results from the demo's published 2024 ones. */
const DISTRICT_PARK = '九龙坡区智能制造人力资源服务产业园';
const TIED = ['九龙坡区人力资源服务产业园', '中国重庆人力资源服务产业园'];
let server: E2eServer | undefined;
let baseUrl = '';
let browser: Browser | undefined;
let campaign: Campaign;

beforeAll(async () => {
  server = await startServer({ demo: true });
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
  campaign = await reviewedCampaign(baseUrl, 2025, [PLATFORM]);
  expect(campaign.entries.find((e) => e.platformName === PLATFORM)?.status).toBe('under_review');
  expect(campaign.entries.filter((e) => e.status !== 'reviewed').map((e) => e.platformName)).toEqual([PLATFORM]);
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

/** Logins are rate-limited (10 a minute) and the setup used many: retry after a pause. */
async function signIn(page: Page, username: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await login(page, baseUrl, username, DEMO_PASSWORD);
    try {
      await page.getByTestId('home-title').waitFor({ timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt > 6) throw error;
      await page.waitForTimeout(10_000);
    }
  }
}

async function newPage(): Promise<Page> {
  if (!browser) throw new Error('no browser');
  return browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
}

const confirmBox = (page: Page, text: string) => page.locator('.el-message-box__btns button', { hasText: text }).click();

describe('municipal review screens', () => {
  it('the expert opens the assignment, scores the judged rows and submits', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'expert1');
      await page.goto(`${baseUrl}/app/review`);
      // expert1 reviewed the platform in the demo's 2024 campaign too: the link of this campaign's assignment.
      await page.locator(`a[href^="/app/review/${campaign.evaluationId}/"]`, { hasText: PLATFORM }).click();
      await page.getByTestId('assignment-preview').waitFor();
      const inputs = page.locator('[data-testid=judged-scores] .el-input-number input');
      const count = await inputs.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) {
        await inputs.nth(i).fill('4');
        await inputs.nth(i).blur();
      }
      await page.locator('textarea[data-testid=private-notes]').fill('仅本人可见的笔记');
      await page.getByTestId('assignment-save').click();
      await page.getByText('已保存').first().waitFor();
      await page.getByTestId('assignment-submit').click();
      await confirmBox(page, '提交');
      await page.getByText('评审意见已提交，已锁定。').waitFor();
      await screenshot(page, 'review-expert-submitted');
    } finally {
      await page.close();
    }
  }, 180_000);

  it('the bureau sees the comparison and finishes the review', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'staff');
      await page.goto(`${baseUrl}/app/municipal-review`);
      const row = page.locator('[data-testid=municipal-review-table] .el-table__row', { hasText: PLATFORM }).first();
      await row.waitFor();
      expect(await row.innerText()).toContain('已提交');
      await row.getByTestId('review-open').click();
      await page.getByTestId('comparison-rows').waitFor();
      expect(await page.getByTestId('review-drawer').innerText()).toContain('已提交 1 人');
      await screenshot(page, 'review-comparison');
      await page.getByTestId('finish-review').click();
      await confirmBox(page, '完成评审');
      await page.getByTestId('review-drawer').getByText('已固定').waitFor();
    } finally {
      await page.close();
    }
  }, 180_000);

  it('the panel page shows the ranking with the 30 % line, grades and publishes', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'staff');
      await page.goto(`${baseUrl}/app/panel`);
      await page.getByTestId('ranking-table').first().waitFor();
      // Every entry of the campaign is reviewed now and ranked in one pool: 30 % of them, rounded down.
      const participants = campaign.entries.length;
      expect(await page.getByTestId('cap-line').first().innerText())
        .toContain(`30% 名额线：优秀不超过 ${Math.floor(participants * 0.3)} 个（共 ${participants} 个参评）`);
      expect(await page.getByTestId('ranking-table').first().innerText()).toContain(PLATFORM);
      await screenshot(page, 'review-panel');
      // Scores tied on the 30 % line are held: the panel decides each, the first 优秀 and the others 合格.
      // The tie comes from the demo data, deterministically: the two comprehensive parks report the same
      // registry figures, their districts accept every counted row and the expert scores both alike
      // (cap minus one step), so both reach the same reviewed total above 85 at the top of the ranking.
      const held = page.locator('[data-testid=ranking-table] .held-row');
      await held.first().waitFor();
      const heldCount = await held.count();
      expect(heldCount).toBe(TIED.length);
      for (const name of TIED) expect(await page.getByTestId('ranking-table').first().innerText()).toContain(name);
      for (let i = 0; i < heldCount; i++) {
        await held.nth(i).getByTestId('decide-open').click();
        const dialog = page.locator('.el-dialog', { hasText: '决定等次' });
        await dialog.getByText(i === 0 ? '优秀' : '合格', { exact: true }).click();
        await dialog.locator('textarea[data-testid=reason-text]').fill('评审会议综合现场考察情况决定');
        await dialog.getByTestId('reason-confirm').click();
        await dialog.waitFor({ state: 'hidden' });
      }
      await page.getByTestId('grade-button').click();
      await confirmBox(page, '确定等次');
      await page.getByText('等次已确定').first().waitFor();
      await page.getByTestId('publish-button').click();
      await confirmBox(page, '公布');
      await page.getByText('本年度评估结果已公布').waitFor();
      await screenshot(page, 'review-panel-published');
    } finally {
      await page.close();
    }
  }, 180_000);

  it('the public results page lists the platform with its grade', async () => {
    const page = await newPage();
    try {
      await page.goto(`${baseUrl}/`);
      await page.getByTestId('portal-results-link').click();
      const table = page.getByTestId('public-results');
      // The newest year first: 2025, just published (the demo's 2024 results are published too).
      await table.getByText(DISTRICT_PARK).waitFor();
      expect(await page.getByTestId('public-year').inputValue()).toBe('2025');
      const rows = table.getByTestId('public-result-row');
      expect(await rows.count()).toBe(campaign.entries.length);
      expect(await rows.filter({ hasText: PLATFORM }).innerText()).toMatch(/优秀|合格|不合格/);
      // The held tie was decided: one 优秀 within the cap of one, the other 合格.
      expect(await rows.filter({ hasText: '优秀' }).count()).toBe(1);
      // The results code under the table: HMAC-SM3 of the downloadable document under the server's key (the tests' key).
      expect(await page.getByTestId('results-code').innerText()).toMatch(/结果校验码（SM3-HMAC）：[0-9a-f]{64}\s*密钥版本 v1/);
      const shown = await page.getByTestId('results-code-value').innerText();
      const doc = Buffer.from(await (await fetch(`${baseUrl}/api/v1/public/evaluations/2025/results.json`)).arrayBuffer());
      const resultsKey = crypto.createHmac('sm3', testFieldKeys.current.key).update('results-v1').digest();
      expect(crypto.createHmac('sm3', resultsKey).update(doc).digest('hex')).toBe(shown);
      await screenshot(page, 'review-public-results');
    } finally {
      await page.close();
    }
  }, 60_000);
});
