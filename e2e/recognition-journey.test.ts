import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type E2eServer } from '../test/e2e-server.js';
import { launchBrowser, login, screenshot } from './browser.js';
import { apiLogin, CREATED_ACCOUNT_PASSWORD, DEMO_PASSWORD } from './review-api.js';

/**
 * One recognition application of a 渝东北 district (万州, so Art 17 applies) played end to end in the browser,
 * on a server of its own: 万州区人民政府 (an account the admin creates) starts it, fills the whole 附表1, uploads the
 * five kinds of material and sends it on; wz.hrss gives its opinion; the government gives its own and submits;
 * staff confirms the checklist, records one Art 17 lowered threshold and sees it applied, assigns two experts
 * (expert1 and one the admin creates); each verifies, visits and recommends; staff sees both opinions side by side
 * and proposes the application (→ 拟认定，待公示).
 */
const NAME = '万州滨江人力资源服务产业园';
const ADDRESS = '重庆市万州区江南新区滨江路 88 号';
const HRSS_OPINION = '经审核，申报材料齐全，同意推荐（全流程测试）。';
const GOV_OPINION = '区政府同意推荐该平台申报市级平台（全流程测试）。';
const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const GOV = 'wz.gov';
const EXPERT = 'expert4';
const EXPERT_NAME = '评审专家丁（测试）';
let server: E2eServer | undefined;
let baseUrl = '';
let browser: Browser | undefined;
let applicationUrl = '';
const passwords: Record<string, string> = {};

interface Org { id: string; name: string }

/** The admin makes 万州区人民政府 and its account, and a second expert; each changes its initial password once. */
async function makeAccounts(): Promise<void> {
  const admin = await apiLogin(baseUrl, 'admin');
  const gov = await admin.ok<Org>('POST', '/organizations', { kind: 'district_gov', name: '万州区人民政府', code: 'GOV-500101', districtCode: '500101' });
  const pool = (await admin.ok<{ items: Org[] }>('GET', '/organizations?kind=expert_pool&pageSize=100')).items[0];
  if (!pool) throw new Error('no expert pool');
  for (const [username, displayName, role, organizationId] of [
    [GOV, '万州区政府联络员（测试）', 'district_gov', gov.id],
    [EXPERT, EXPERT_NAME, 'expert', pool.id],
  ] as const) {
    const created = await admin.ok<{ initialPassword: string }>('POST', '/users', { username, displayName, role, organizationId });
    await apiLogin(baseUrl, username, created.initialPassword); // changes it to CREATED_ACCOUNT_PASSWORD
    passwords[username] = CREATED_ACCOUNT_PASSWORD;
  }
}

beforeAll(async () => {
  server = await startServer({ demo: true });
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
  await makeAccounts();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

async function newPage(): Promise<Page> {
  if (!browser) throw new Error('no browser');
  return browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
}

/** Logins are rate-limited (10 a minute): retry after a pause. */
async function signIn(page: Page, username: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await login(page, baseUrl, username, passwords[username] ?? DEMO_PASSWORD);
    try {
      await page.getByTestId('home-title').waitFor({ timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt > 6) throw error;
      await page.waitForTimeout(10_000);
    }
  }
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.el-message-box').waitFor({ state: 'hidden' });
  await expect.poll(() => page.locator('.el-loading-mask').evaluateAll((masks) => masks.filter((m) => m instanceof HTMLElement && m.offsetParent !== null).length)).toBe(0);
  // The screenshots show the page, not a success toast over it.
  await expect.poll(() => page.locator('.el-message').count(), { timeout: 10_000 }).toBe(0);
}

const confirmBox = (page: Page) => page.locator('.el-message-box .el-button--primary').click();
const fillNumber = (page: Page, testId: string, value: string) => page.locator(`[data-testid=${testId}] input`).fill(value);
const state = (page: Page) => page.getByTestId('application-state').innerText();

async function openApplication(page: Page): Promise<void> {
  await page.goto(`${baseUrl}${applicationUrl}`);
  await page.getByTestId('application-title').getByText(NAME).waitFor({ timeout: 20_000 });
  await settle(page);
}

async function writeOpinion(page: Page, text: string, signer: string): Promise<void> {
  await page.getByRole('tab', { name: '审核意见' }).click();
  await page.locator('textarea[data-testid=opinion-text]').fill(text);
  await page.locator('input[data-testid=opinion-signer]').fill(signer);
}

async function pickExpert(page: Page, label: string): Promise<void> {
  await page.getByTestId('assign-expert-select').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).click();
  await page.getByTestId('assign-confirm').click();
}

/** The expert's whole assessment: five kinds verified, the site visit, necessity and feasibility, recommend, submit. */
async function assess(page: Page, username: string, signer: string, step: number): Promise<void> {
  await signIn(page, username);
  await page.getByTestId('home-tasks').waitFor({ timeout: 20_000 });
  expect(await page.getByTestId('home-tasks').innerText()).toContain(`${NAME}」（万州区）：核验申报材料、实地考察并提交评估意见`);
  await page.getByTestId('home-tasks').getByRole('link', { name: new RegExp(NAME) }).click();
  await page.getByTestId('application-title').getByText(NAME).waitFor();
  const work = page.getByTestId('expert-work');
  await work.waitFor();
  await settle(page);
  await page.getByRole('tab', { name: '申请表' }).click();
  expect(await page.getByTestId('form-readonly').innerText()).toContain(ADDRESS);
  await page.getByRole('tab', { name: '我的评估意见' }).click();
  for (const kind of ['application_form', 'policies', 'land_and_operation', 'residents', 'other_evidence']) await work.getByTestId(`verify-${kind}-verified`).click();
  const visit = work.getByTestId('site-visit');
  const dateInput = visit.locator('.el-date-editor input');
  await dateInput.fill(new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10));
  await dateInput.press('Enter');
  await visit.locator('textarea').nth(0).fill(`${signer}\n万州区人力社保局 王明`);
  await visit.locator('textarea').nth(1).fill('园区服务大厅与入驻企业办公区已投入使用，与申报材料一致。');
  await work.locator('textarea[data-testid=work-necessity]').fill('万州区是渝东北中心城市，设立市级平台有利于区域人力资源服务业集聚。');
  await work.locator('textarea[data-testid=work-feasibility]').fill('场地、团队和入驻企业基本具备条件，按第十七条放宽后的面积标准可行。');
  await work.getByTestId('work-recommendation-recommend').click();
  await work.getByTestId('work-save').click();
  await expect.poll(() => work.getByTestId('work-missing').count()).toBe(0);
  await settle(page);
  await screenshot(page, `recognition-journey-${String(step).padStart(2, '0')}-${username}-assessment`);
  await work.getByTestId('work-submit').click();
  await confirmBox(page);
  await work.getByTestId('work-submitted').waitFor({ timeout: 20_000 });
  await settle(page);
  await screenshot(page, `recognition-journey-${String(step + 1).padStart(2, '0')}-${username}-submitted`);
}

describe('one 万州 recognition application, from the government to 拟认定', () => {
  it('万州区人民政府 (a new account) creates the application, fills the whole 附表1, uploads the five materials and sends it', async () => {
    const page = await newPage();
    try {
      await signIn(page, GOV);
      await page.locator('.el-menu-item', { hasText: '平台认定申报' }).click();
      await page.getByTestId('new-application').click();
      await page.locator('input[data-testid=new-name]').fill(NAME);
      await page.getByTestId('new-type').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: '综合性人力资源服务产业园' }).click();
      await screenshot(page, 'recognition-journey-01-gov-new');
      await page.getByTestId('new-create').click();
      await page.getByTestId('application-form').waitFor();
      applicationUrl = new URL(page.url()).pathname;
      expect(applicationUrl).toMatch(/^\/app\/recognition\/applications\/[0-9a-f-]{36}$/);
      await settle(page);
      await expect.poll(() => page.getByTestId('action-send_to_hrss').isDisabled()).toBe(true);

      await page.locator('input[data-testid=f-address]').fill(ADDRESS);
      await page.getByTestId('f-carrier').getByText('线上+线下').click();
      await page.locator('input[data-testid=f-contact]').fill('陈静');
      await page.locator('input[data-testid=f-phone]').fill('023-58120000');
      // 8,500 m² is under Art 11's 10,000 m²: the bureau lowers it under Art 17.
      await fillNumber(page, 'f-area', '8500');
      await fillNumber(page, 'f-sites', '2');
      await page.getByTestId('f-construction').getByText('新建').click();
      await fillNumber(page, 'f-investment', '26000000');
      await page.getByTestId('f-operation').getByText('委托').click();
      await fillNumber(page, 'f-team', '15');
      for (const s of ['政策咨询', '信息服务', '开业指导']) await page.getByTestId('f-services').getByText(s).click();
      await fillNumber(page, 'f-year', '2025');
      await fillNumber(page, 'f-managementStaff', '4');
      await fillNumber(page, 'f-operatingStaff', '11');
      await fillNumber(page, 'f-hrEnterprises', '26');
      await fillNumber(page, 'f-aboveScaleEnterprises', '7');
      await fillNumber(page, 'f-revenueYuan', '1500000000');
      await fillNumber(page, 'f-passThroughYuan', '200000000');
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.getByTestId('form-save').click();
      await expect.poll(() => page.getByTestId('form-gaps').count()).toBe(0);
      await settle(page);
      await screenshot(page, 'recognition-journey-02-gov-form');

      await page.getByRole('tab', { name: /申报材料/ }).click();
      for (const kind of ['application_form', 'policies', 'land_and_operation', 'residents', 'other_evidence']) {
        const chooser = page.waitForEvent('filechooser');
        await page.getByTestId(`upload-${kind}`).click();
        await (await chooser).setFiles({ name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: TINY_PDF });
        await page.getByTestId(`material-${kind}`).getByText('1 个文件').waitFor();
      }
      await settle(page);
      await screenshot(page, 'recognition-journey-03-gov-materials');

      await page.getByTestId('action-send_to_hrss').click();
      await confirmBox(page);
      await expect.poll(() => state(page)).toBe('待区县人社局出具意见');
      await settle(page);
      await screenshot(page, 'recognition-journey-04-gov-sent');
    } finally {
      await page.close();
    }
  });

  it('wz.hrss opens it from its notification and gives its opinion', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'wz.hrss');
      await page.goto(`${baseUrl}/app/notifications`);
      const table = page.getByTestId('notification-table');
      await table.getByText(NAME).first().waitFor({ timeout: 20_000 });
      await table.locator('tr', { hasText: NAME }).first().getByTestId('notification-open').click();
      await page.waitForURL(`**${applicationUrl}`);
      await writeOpinion(page, HRSS_OPINION, '王明');
      await screenshot(page, 'recognition-journey-05-hrss-opinion');
      await page.getByTestId('opinion-submit').click();
      await confirmBox(page);
      await expect.poll(() => state(page)).toBe('待区县政府出具意见');
      expect(await page.getByTestId('opinion-district_hrss').innerText()).toContain(HRSS_OPINION);
    } finally {
      await page.close();
    }
  });

  it('the government gives its opinion and submits to the bureau', async () => {
    const page = await newPage();
    try {
      await signIn(page, GOV);
      await openApplication(page);
      await writeOpinion(page, GOV_OPINION, '李华');
      await page.getByTestId('opinion-submit').click();
      await confirmBox(page);
      await expect.poll(() => state(page)).toBe('已报市局，待审核');
      await settle(page);
      const opinions = await page.locator('body').innerText();
      expect(opinions).toContain(HRSS_OPINION);
      expect(opinions).toContain(GOV_OPINION);
      await screenshot(page, 'recognition-journey-06-gov-submitted');
    } finally {
      await page.close();
    }
  });

  it('staff confirms the checklist, records one Art 17 lowered threshold, sees it applied, and assigns two experts', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'staff');
      await openApplication(page);
      await page.getByRole('tab', { name: '条件核验' }).click();
      const conditions = page.getByTestId('check-conditions');
      await conditions.waitFor();
      await settle(page);
      const areaRow = () => conditions.locator('tr', { hasText: '平台建筑面积' }).innerText();
      expect(await areaRow()).toContain('未通过');
      expect(await areaRow()).toContain('第十一条（一）');
      await screenshot(page, 'recognition-journey-07-staff-check');

      const checklist = page.getByTestId('checklist');
      while ((await checklist.getByTestId('checklist-confirm').count()) > 0) {
        const before = await checklist.getByTestId('checklist-confirm').count();
        await checklist.getByTestId('checklist-confirm').first().click();
        await expect.poll(() => checklist.getByTestId('checklist-confirm').count()).toBe(before - 1);
      }
      expect(await checklist.innerText()).toContain('市局业务员');

      await page.getByTestId('terms-edit').click();
      const dialog = page.getByTestId('terms-dialog');
      await dialog.getByTestId('terms-add-lowered').click();
      await dialog.getByTestId('lowered-condition').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: '平台建筑面积' }).click();
      await dialog.locator('input[data-testid=lowered-threshold]').fill('8000');
      await screenshot(page, 'recognition-journey-08-art17-dialog');
      await dialog.getByTestId('terms-save').click();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(areaRow).toContain('第十七条放宽');
      expect(await areaRow()).not.toContain('未通过');
      expect(await areaRow()).toContain('通过');
      expect(await page.getByTestId('art17-terms').innerText()).toContain('降至 8000');
      // Every condition met now: the check as a whole passes.
      await expect.poll(() => page.getByTestId('check-outcome').innerText()).toBe('符合认定条件');
      await settle(page);
      await screenshot(page, 'recognition-journey-09-art17-applied');

      await page.getByRole('tab', { name: '专家评估与认定' }).click();
      await page.getByTestId('expert-review').waitFor();
      await settle(page);
      await pickExpert(page, '评审专家甲');
      await expect.poll(() => page.getByTestId('expert-assignments').locator('tbody tr').count()).toBe(1);
      await pickExpert(page, EXPERT_NAME);
      await expect.poll(() => page.getByTestId('expert-assignments').locator('tbody tr').count()).toBe(2);
      await expect.poll(() => state(page)).toBe('专家评估中');
      await settle(page);
      // The tally counts assignments still being assessed as such (it said 已分配 0 人 once both had submitted).
      expect(await page.getByTestId('expert-tally').innerText()).toBe('评估中 2 人，已提交 0 人，回避 0 人');
      await screenshot(page, 'recognition-journey-10-experts-assigned');
    } finally {
      await page.close();
    }
  });

  it('expert1 verifies, visits and recommends', async () => {
    const page = await newPage();
    try {
      await assess(page, 'expert1', '评审专家甲', 11);
    } finally {
      await page.close();
    }
  });

  it('the created expert verifies, visits and recommends', async () => {
    const page = await newPage();
    try {
      await assess(page, EXPERT, '评审专家丁', 13);
    } finally {
      await page.close();
    }
  });

  it('staff sees both opinions side by side and proposes the application for publicity', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'staff');
      await openApplication(page);
      await page.getByRole('tab', { name: '专家评估与认定' }).click();
      const side = page.getByTestId('opinions-side-by-side');
      await side.locator('table').waitFor({ timeout: 20_000 });
      await settle(page);
      const text = await side.innerText();
      expect(text).toContain('评审专家甲');
      expect(text).toContain('评审专家丁');
      expect(await side.getByTestId('side-recommendation').count()).toBe(2);
      expect(await page.getByTestId('expert-tally').innerText()).toBe('评估中 0 人，已提交 2 人，回避 0 人');
      await screenshot(page, 'recognition-journey-15-side-by-side');

      await page.locator('textarea[data-testid=propose-note]').fill('条件核验通过（第十七条放宽建筑面积），两位专家均建议认定，拟认定为市级平台。');
      await page.getByTestId('propose').click();
      await confirmBox(page);
      await expect.poll(() => state(page)).toBe('拟认定，待公示');
      await settle(page);
      await screenshot(page, 'recognition-journey-16-proposed');
      await page.getByRole('tab', { name: '办理记录' }).click();
      const history = page.getByTestId('application-history');
      await expect.poll(() => history.innerText()).toContain('出具区县人社局意见');
      expect(await history.innerText()).toContain('出具区县政府意见并报送市局');
      await screenshot(page, 'recognition-journey-17-history');
    } finally {
      await page.close();
    }
  });
});
