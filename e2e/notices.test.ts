import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type E2eServer } from '../test/e2e-server.js';
import { launchBrowser, screenshot } from './browser.js';
import { recognitionSteps } from './recognition-steps.js';
import { apiLogin } from './review-api.js';

/**
 * Publicity notices (公示) in the browser, on a server of its own: the demo's two 万州 applications are
 * taken to 拟认定 through the API; staff opens 公示管理, picks both, sees the end date computed with its
 * explanation (over the 2025 National Day holiday, then for today), posts the notice, corrects its period
 * with a reason; a citizen on a 390 px phone finds it in the notices archive and reads the countdown, the
 * list and the correction with its reason.
 */
let server: E2eServer | undefined;
let baseUrl = '';
let browser: Browser | undefined;
const { newPage, signIn, settle } = recognitionSteps({ baseUrl: () => baseUrl, browser: () => browser, waitForToasts: true });
const NAMES = ['万州三峡人力资源服务产业园', '万州区三峡库区人才市场'];
const TITLE = '关于拟认定万州区两家平台为重庆市市级人力资源服务发展平台的公示';

const complete = {
  verifications: Object.fromEntries(['application_form', 'policies', 'land_and_operation', 'residents', 'other_evidence'].map((k) => [k, { result: 'verified' }])),
  siteVisit: { date: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10), participants: ['评审专家甲'], findings: '场地与申报材料一致' },
  necessity: '区域人力资源服务业集聚需要', feasibility: '场地、团队、入驻企业具备条件', recommendation: 'recommend',
};

/** The demo's 万州 applications (one submitted, one with expert1 assessing) taken to 拟认定，待公示 through the API. */
async function proposeBoth(): Promise<void> {
  const staff = await apiLogin(baseUrl, 'staff');
  const expert = await apiLogin(baseUrl, 'expert1');
  const admin = await apiLogin(baseUrl, 'admin');
  const expertId = (await admin.ok<{ items: { id: string; username: string }[] }>('GET', '/users?q=expert1&pageSize=50')).items.find((u) => u.username === 'expert1')!.id;
  const apps = (await staff.ok<{ items: { id: string; name: string; state: string }[] }>('GET', '/recognition/applications?pageSize=100')).items;
  for (const name of NAMES) {
    const a = apps.find((x) => x.name === name);
    if (!a) throw new Error(`demo application ${name} missing`);
    if (a.state === 'submitted') await staff.ok('POST', `/recognition/applications/${a.id}/experts`, { expertUserId: expertId });
    await expert.ok('PUT', `/recognition/applications/${a.id}/my-review`, complete);
    await expert.ok('POST', `/recognition/applications/${a.id}/my-review/submit`);
    await staff.ok('POST', `/recognition/applications/${a.id}/propose`, { note: '经研究，拟认定' });
  }
}

beforeAll(async () => {
  server = await startServer({ demo: true });
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
  await proposeBoth();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

async function setDate(page: Page, testId: string, value: string): Promise<void> {
  const input = page.getByTestId(testId).locator('.el-date-editor input');
  await input.fill(value);
  await input.press('Enter');
}

describe('publicity notices', () => {
  let noticeUrl = '';
  it('staff posts one notice of two proposed applications, seeing the end and its explanation before posting', { timeout: 180_000 }, async () => {
    const page = await newPage();
    await signIn(page, 'staff');
    await page.locator('.el-menu-item', { hasText: '公示管理' }).click();
    await page.getByTestId('notice-list').waitFor();
    await page.getByTestId('new-notice').click();
    const pick = page.getByTestId('pick-applications');
    await pick.waitFor();
    // Nothing picked yet: 发布公示 is disabled with the reason.
    expect(await page.locator('[data-reason]').filter({ has: page.getByTestId('post-notice') }).getAttribute('data-reason')).toBe('请至少选择一个拟认定平台');
    for (const name of NAMES) await page.getByTestId(`pick-${name}`).click();
    await page.locator('input[data-testid=notice-title]').fill(TITLE);
    await page.locator('textarea[data-testid=notice-body]').fill('经区县政府申报、专家评估，市人力社保局研究，拟认定下列平台为市级人力资源服务发展平台，现予公示。');

    // Over the 2025 National Day holiday: the end moves to the first working day after it, and says so.
    await setDate(page, 'notice-posted-on', '2025-09-26');
    await expect.poll(() => page.getByTestId('period-explanation').innerText(), { timeout: 10_000 }).toContain('顺延至 2025-10-09');
    expect(await page.getByTestId('period-last-day').innerText()).toBe('2025-10-09');
    await screenshot(page, 'notices-1-create-national-day');

    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await setDate(page, 'notice-posted-on', today);
    await expect.poll(() => page.getByTestId('period-explanation').innerText(), { timeout: 10_000 }).toContain(`${today} 发布`);
    const lastDay = await page.getByTestId('period-last-day').innerText();
    expect(lastDay > today).toBe(true);
    await settle(page);
    await screenshot(page, 'notices-2-create-today');

    await page.getByTestId('post-notice').click();
    await page.getByTestId('notice-status').waitFor({ timeout: 20_000 });
    noticeUrl = page.url();
    expect(await page.getByTestId('notice-title').innerText()).toBe(TITLE);
    expect(await page.getByTestId('notice-last-day').innerText()).toBe(lastDay);
    expect(await page.getByTestId('notice-explanation').innerText()).toContain('起算 5 日');
    const items = await page.getByTestId('notice-items').innerText();
    for (const name of NAMES) expect(items).toContain(name);
    expect(await page.getByTestId('item-objections-link').count()).toBe(2);
    await settle(page);
    await screenshot(page, 'notices-3-posted');

    // Both applications are 公示中 now.
    const staff = await apiLogin(baseUrl, 'staff');
    const apps = (await staff.ok<{ items: { name: string; state: string }[] }>('GET', '/recognition/applications?pageSize=100')).items;
    for (const name of NAMES) expect(apps.find((a) => a.name === name)?.state).toBe('in_publicity');
    await page.close();
  });

  it('staff corrects the period with a reason; the history keeps it', { timeout: 120_000 }, async () => {
    const page = await newPage();
    await signIn(page, 'staff');
    await page.goto(noticeUrl);
    await page.getByTestId('notice-correct').click();
    const dialog = page.getByTestId('correct-dialog');
    await dialog.waitFor();
    // No reason yet: saving is disabled with the reason.
    expect(await dialog.locator('[data-reason]').getAttribute('data-reason')).toBe('请填写更正原因');
    const days = dialog.locator('[data-testid=correct-days] input, input[data-testid=correct-days]').first();
    await days.fill('7');
    await days.press('Tab');
    await expect.poll(() => dialog.getByTestId('correct-preview').innerText()).toContain('起算 7 日');
    await dialog.locator('textarea[data-testid=correct-reason]').fill('公示天数按局务会决定延长至 7 天');
    await screenshot(page, 'notices-4-correct-dialog');
    await dialog.getByTestId('correct-confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('notice-history').innerText()).toContain('公示天数按局务会决定延长至 7 天');
    expect(await page.getByTestId('history-correct').innerText()).toContain('公示期由');
    await settle(page);
    await screenshot(page, 'notices-5-corrected');
    await page.close();
  });

  it('a citizen on a 390 px phone finds the notice, its countdown, the list and the correction', { timeout: 120_000 }, async () => {
    if (!browser) throw new Error('no browser');
    const phone = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await phone.goto(`${baseUrl}/notices`);
    const list = phone.getByTestId('notices-list');
    await list.waitFor();
    await expect.poll(() => list.innerText()).toContain(TITLE);
    expect(await list.getByTestId('notice-countdown').first().innerText()).toMatch(/剩余 \d+ 天/);
    const wide = () => phone.evaluate(() => document.documentElement.scrollWidth);
    expect(await wide()).toBeLessThanOrEqual(390);
    await screenshot(phone, 'notices-6-phone-archive');
    await list.locator('a', { hasText: TITLE }).click();
    await phone.getByTestId('public-notice-title').waitFor();
    expect(await phone.getByTestId('public-countdown').innerText()).toMatch(/距公示期届满还有 \d+ 天/);
    expect(await phone.getByTestId('public-explanation').innerText()).toContain('起算 7 日');
    const items = await phone.getByTestId('public-items').innerText();
    for (const name of NAMES) expect(items).toContain(name);
    expect(await phone.getByTestId('notice-history').innerText()).toContain('公示天数按局务会决定延长至 7 天');
    expect(await phone.getByTestId('object-link').innerText()).toBe('对公示内容提出异议');
    expect(await phone.locator('body').innerText()).not.toContain('未处理');
    expect(await wide()).toBeLessThanOrEqual(390);
    await screenshot(phone, 'notices-7-phone-notice');
    await phone.close();
  });
});
