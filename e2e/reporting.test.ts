import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { todayIso } from '../src/server/clock.js';
import { startServer, type E2eServer } from '../test/e2e-server.js';
import { launchBrowser, screenshot } from './browser.js';
import { confirmBox, fillNumber, recognitionSteps } from './recognition-steps.js';
import { apiLogin } from './review-api.js';

/**
 * Operating-data reporting (Art 18, 20) in the browser, on the demo data: the bureau has set a
 * quarterly cycle; jlp.operator fills its park's first quarter (leaving with unsaved figures asks
 * first) and submits it; jlp.hrss returns it with a reason; the operator corrects and resubmits;
 * the district accepts; staff sees it accepted in the platforms × periods matrix and the cycle on
 * its cycles page.
 */
const PLATFORM = '九龙坡区人力资源服务产业园';
const YEAR = Number(todayIso().slice(0, 4));
let server: E2eServer | undefined;
let baseUrl = '';
let browser: Browser | undefined;
const { newPage, signIn, settle } = recognitionSteps({ baseUrl: () => baseUrl, browser: () => browser, waitForToasts: true });

beforeAll(async () => {
  server = await startServer({ demo: true });
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
  const staff = await apiLogin(baseUrl, 'staff');
  await staff.ok('POST', '/reporting/cycles', {
    name: `${YEAR} 年季度运营数据`, kind: 'quarterly', year: YEAR, daysAfterEnd: 15,
    figures: { comprehensive_park: ['residentEnterprises', 'jobsPromoted'], specialized_park: ['residentEnterprises'], specialized_market: ['databaseRecords'] },
  });
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

async function openFirstQuarter(page: Page, list: 'my-periods' | 'review-list', link: 'open-report' | 'open-review'): Promise<void> {
  const row = page.getByTestId(list).locator('tr', { hasText: PLATFORM }).filter({ hasText: '第一季度' }).first();
  await row.getByTestId(link).click();
  await page.getByTestId('report-view').waitFor();
  await settle(page);
}

describe('a quarterly report: submitted, returned, resubmitted, accepted, in the matrix', () => {
  it('the operator fills its first quarter and submits it', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'jlp.operator');
      await openReporting(page);
      const mine = page.getByTestId('my-periods');
      await mine.locator('tr', { hasText: PLATFORM }).first().waitFor();
      expect(await mine.innerText()).toContain('未填报');
      await screenshot(page, 'reporting-operator-periods');
      await openFirstQuarter(page, 'my-periods', 'open-report');
      const form = page.getByTestId('report-form');
      expect(await form.innerText()).toContain('线下入驻企业数量');
      expect(await form.innerText()).toContain('入驻企业促进就业人数');
      // Nothing filled: submitting is disabled with the reason.
      expect(await page.getByTestId('report-submit').isDisabled()).toBe(true);
      await fillNumber(page, 'figure-residentEnterprises', '42');
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
      await openFirstQuarter(page, 'review-list', 'open-review');
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

  it('the operator corrects and resubmits it', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'jlp.operator');
      await openReporting(page);
      expect(await page.getByTestId('my-periods').innerText()).toContain('促进就业人数与就业台账不符');
      await openFirstQuarter(page, 'my-periods', 'open-report');
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
      await openFirstQuarter(page, 'review-list', 'open-review');
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

  it('the bureau sees it accepted in the matrix, and the cycle on its cycles page', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'staff');
      await openReporting(page);
      const matrix = page.getByTestId('reporting-matrix');
      const row = matrix.locator('.el-table__body tr', { hasText: PLATFORM }).first();
      await row.waitFor();
      await expect.poll(() => row.getByTestId('matrix-cell').first().innerText()).toBe('已审核通过');
      await screenshot(page, 'reporting-bureau-matrix');
      await page.getByRole('tab', { name: '报送周期' }).click();
      const cycles = page.getByTestId('cycle-list');
      await cycles.getByText(`${YEAR} 年季度运营数据`).waitFor();
      expect(await cycles.innerText()).toContain('入驻企业促进就业人数');
      await settle(page);
      await screenshot(page, 'reporting-bureau-cycles');
    } finally {
      await page.close();
    }
  }, 120_000);
});
