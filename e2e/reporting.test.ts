import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { todayIso } from '../src/server/clock.js';
import { startServer, type E2eServer } from '../test/e2e-server.js';
import { launchBrowser, screenshot } from './browser.js';
import { confirmBox, fillNumber, recognitionSteps } from './recognition-steps.js';

/**
 * Operating-data reporting (Art 18, 20) in the browser, on the demo data: the bureau's quarterly cycle
 * of this year (src/server/bootstrap/demo-reporting.ts) has jlp.operator's park with its first quarter
 * accepted, its second returned and its third due within days. The operator opens the third quarter
 * from its home page's to-do, fills it (leaving with unsaved figures asks first) and submits it;
 * jlp.hrss returns it with a reason; the operator opens the returned report from its home page,
 * corrects and resubmits it; the district accepts; staff sees it accepted in the platforms × periods
 * matrix, the cycles on its cycles page, and the reporting to-dos on its home page.
 */
const PLATFORM = '九龙坡区人力资源服务产业园';
const YEAR = Number(todayIso().slice(0, 4));
const QUARTER = '第三季度';
let server: E2eServer | undefined;
let baseUrl = '';
let browser: Browser | undefined;
const { newPage, signIn, settle } = recognitionSteps({ baseUrl: () => baseUrl, browser: () => browser, waitForToasts: true });

beforeAll(async () => {
  server = await startServer({ demo: true });
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

const leaveBox = (page: Page) => page.locator('.el-message-box').filter({ hasText: '有未保存的修改，确定离开吗？' });
const reportState = (page: Page) => page.getByTestId('report-state').innerText();

async function openReporting(page: Page): Promise<void> {
  await page.getByTestId('side-menu').getByText('运营数据报送', { exact: true }).click();
  await page.waitForURL('**/app/reporting');
  await settle(page);
}

/** The home page's to-do for this quarter of the park, by its words; opens the report. */
async function openFromHome(page: Page, words: RegExp): Promise<void> {
  await page.getByTestId('home-todos').waitFor();
  const todo = page.getByTestId('home-tasks').locator('a', { hasText: words }).filter({ hasText: PLATFORM });
  await todo.first().click();
  await page.getByTestId('report-view').waitFor();
  await settle(page);
}

async function openReview(page: Page): Promise<void> {
  const row = page.getByTestId('review-list').locator('tr', { hasText: PLATFORM }).filter({ hasText: QUARTER }).first();
  await row.getByTestId('open-review').click();
  await page.getByTestId('report-view').waitFor();
  await settle(page);
}

describe('a quarterly report: submitted, returned, resubmitted, accepted, in the matrix', () => {
  it('the operator opens its third quarter from its home page’s to-do, fills and submits it', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'jlp.operator');
      await settle(page);
      const todos = await page.getByTestId('home-tasks').innerText();
      expect(todos).toContain(`${PLATFORM}${YEAR} 年${QUARTER}运营数据待报送`);
      expect(todos).toContain(`${PLATFORM}${YEAR} 年第二季度运营数据被退回`);
      await screenshot(page, 'reporting-operator-home');
      await openFromHome(page, new RegExp(`${QUARTER}运营数据待报送`));
      expect(await page.getByTestId('report-view').innerText()).toContain(QUARTER);
      const form = page.getByTestId('report-form');
      expect(await form.innerText()).toContain('线下入驻企业数量');
      expect(await form.innerText()).toContain('入驻企业促进就业人数');
      // Nothing filled: submitting is disabled with the reason.
      expect(await page.getByTestId('report-submit').isDisabled()).toBe(true);
      await fillNumber(page, 'figure-residentEnterprises', '42');
      await fillNumber(page, 'figure-residentRevenueYuan', '180000000');
      await fillNumber(page, 'figure-jobsPromoted', '350');
      await page.locator('[data-testid=figure-jobsPromoted] input').blur();
      // Leaving with unsaved figures asks first; 取消 stays.
      const url = page.url();
      await page.getByTestId('side-menu').getByText('首页', { exact: true }).click();
      await leaveBox(page).waitFor();
      await leaveBox(page).locator('.el-message-box__btns button', { hasText: '取消' }).click();
      await leaveBox(page).waitFor({ state: 'hidden' });
      expect(page.url()).toBe(url);
      await screenshot(page, 'reporting-operator-form');
      await page.getByTestId('report-submit').click();
      await confirmBox(page);
      await expect.poll(() => reportState(page)).toBe('已报送，待审核');
      await settle(page);
      expect(await page.getByTestId('report-submit').count()).toBe(0);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('the district returns it with a reason', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'jlp.hrss');
      await openReporting(page);
      await screenshot(page, 'reporting-district-review-list');
      await openReview(page);
      expect(await page.getByTestId('report-return').isDisabled()).toBe(true);
      await page.locator('textarea[data-testid=return-reason-input]').fill('促进就业人数与就业台账不符，请核对');
      await page.getByTestId('report-return').click();
      await expect.poll(() => reportState(page)).toBe('已退回修改');
      await settle(page);
      await screenshot(page, 'reporting-district-returned');
    } finally {
      await page.close();
    }
  }, 120_000);

  it('the operator opens the returned report from its home page, corrects and resubmits it', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'jlp.operator');
      await settle(page);
      await openFromHome(page, new RegExp(`${QUARTER}运营数据被退回`));
      expect(await page.getByTestId('return-reason').innerText()).toContain('促进就业人数与就业台账不符');
      await fillNumber(page, 'figure-jobsPromoted', '320');
      await page.locator('[data-testid=figure-jobsPromoted] input').blur();
      await page.getByTestId('report-submit').click();
      await confirmBox(page);
      await expect.poll(() => reportState(page)).toBe('已报送，待审核');
      await settle(page);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('the district accepts it', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'jlp.hrss');
      await openReporting(page);
      await openReview(page);
      expect(await page.getByTestId('report-form').innerText()).toContain('320');
      await page.getByTestId('report-accept').click();
      await confirmBox(page);
      await expect.poll(() => reportState(page)).toBe('已审核通过');
      await settle(page);
      expect(await page.getByTestId('review-card').count()).toBe(0);
      await screenshot(page, 'reporting-district-accepted');
    } finally {
      await page.close();
    }
  }, 120_000);

  it('the bureau sees it accepted in the matrix, the cycles on its cycles page, and reporting to-dos on its home page', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'staff');
      await settle(page);
      const todos = await page.getByTestId('home-tasks').innerText();
      expect(todos).toContain('运营数据报送待审核');
      expect(todos).toContain('运营数据逾期未报送');
      await openReporting(page);
      await page.getByTestId('matrix-cycle').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: `${YEAR} 年季度运营数据` }).click();
      await settle(page);
      const matrix = page.getByTestId('reporting-matrix');
      const row = matrix.locator('.el-table__body tr', { hasText: PLATFORM }).first();
      await row.waitFor();
      // The demo's first quarter was accepted and its second returned; the third is the one just accepted.
      await expect.poll(() => row.getByTestId('matrix-cell').nth(2).innerText()).toBe('已审核通过');
      expect(await row.getByTestId('matrix-cell').nth(0).innerText()).toBe('已审核通过');
      expect(await row.getByTestId('matrix-cell').nth(1).innerText()).toBe('已退回修改');
      await screenshot(page, 'reporting-bureau-matrix');
      await page.getByRole('tab', { name: '报送周期' }).click();
      const cycles = page.getByTestId('cycle-list');
      await cycles.getByText(`${YEAR} 年季度运营数据`).waitFor();
      expect(await cycles.innerText()).toContain('2025 年度运营数据');
      expect(await cycles.innerText()).toContain('入驻企业促进就业人数');
      await settle(page);
      await screenshot(page, 'reporting-bureau-cycles');
    } finally {
      await page.close();
    }
  }, 120_000);
});
