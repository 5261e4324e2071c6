import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type E2eServer } from '../test/e2e-server.js';
import { launchBrowser, screenshot } from './browser.js';
import {
  assignExperts, confirmChecklist, createApplication, fillForm, lowerAreaThreshold, MATERIAL_KINDS, openFromHome, recognitionSteps, recordSiteVisit,
  sendToHrss, submitOpinion, writeAssessment, writeOpinion,
} from './recognition-steps.js';
import { apiLogin, CREATED_ACCOUNT_PASSWORD } from './review-api.js';

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
const GOV = 'wz.gov';
const EXPERT = 'expert4';
const EXPERT_NAME = '评审专家丁（测试）';
let server: E2eServer | undefined;
let baseUrl = '';
let browser: Browser | undefined;
let applicationUrl = '';
const passwords: Record<string, string> = {};
// The screenshots show the page, not a success toast over it.
const { newPage, signIn, settle, saveForm, uploadMaterials, openFromNotification, checkConditions, openExpertWork, saveAndSubmitWork, openSideBySide, propose } =
  recognitionSteps({ baseUrl: () => baseUrl, browser: () => browser, passwords, waitForToasts: true });

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

async function openApplication(page: Page): Promise<void> {
  await page.goto(`${baseUrl}${applicationUrl}`);
  await page.getByTestId('application-title').getByText(NAME).waitFor({ timeout: 20_000 });
  await settle(page);
}

/** The expert's whole assessment: five kinds verified, the site visit, necessity and feasibility, recommend, submit. */
async function assess(page: Page, username: string, signer: string, step: number): Promise<void> {
  await signIn(page, username);
  await page.getByTestId('home-tasks').waitFor({ timeout: 20_000 });
  expect(await page.getByTestId('home-tasks').innerText()).toContain(`${NAME}」（万州区）：核验申报材料、实地考察并提交评估意见`);
  await openFromHome(page, NAME);
  const work = await openExpertWork(page, ADDRESS);
  await page.getByRole('tab', { name: '我的评估意见' }).click();
  for (const kind of MATERIAL_KINDS) await work.getByTestId(`verify-${kind}-verified`).click();
  await recordSiteVisit(work, `${signer}\n万州区人力社保局 王明`, '园区服务大厅与入驻企业办公区已投入使用，与申报材料一致。');
  await writeAssessment(work, '万州区是渝东北中心城市，设立市级平台有利于区域人力资源服务业集聚。', '场地、团队和入驻企业基本具备条件，按第十七条放宽后的面积标准可行。');
  await work.getByTestId('work-recommendation-recommend').click();
  const shot = (n: number, what: string) => `recognition-journey-${String(n).padStart(2, '0')}-${username}-${what}`;
  await saveAndSubmitWork(page, work, [shot(step, 'assessment'), shot(step + 1, 'submitted')]);
}

describe('one 万州 recognition application, from the government to 拟认定', () => {
  it('万州区人民政府 (a new account) creates the application, fills the whole 附表1, uploads the five materials and sends it', async () => {
    const page = await newPage();
    try {
      await signIn(page, GOV);
      applicationUrl = await createApplication(page, NAME, '综合性人力资源服务产业园', () => screenshot(page, 'recognition-journey-01-gov-new'));
      await settle(page);
      await expect.poll(() => page.getByTestId('action-send_to_hrss').isDisabled()).toBe(true);

      await fillForm(page, {
        // 8,500 m² is under Art 11's 10,000 m²: the bureau lowers it under Art 17.
        address: ADDRESS, contact: '陈静', phone: '023-58120000', area: '8500', sites: '2', construction: '新建', investment: '26000000', operation: '委托', team: '15', year: '2025',
        numbers: { managementStaff: '4', operatingStaff: '11', hrEnterprises: '26', aboveScaleEnterprises: '7', revenueYuan: '1500000000', passThroughYuan: '200000000' },
      });
      await saveForm(page);
      await settle(page);
      await screenshot(page, 'recognition-journey-02-gov-form');

      await uploadMaterials(page);
      await screenshot(page, 'recognition-journey-03-gov-materials');

      await sendToHrss(page);
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
      await openFromNotification(page, NAME, applicationUrl);
      await writeOpinion(page, HRSS_OPINION, '王明');
      await screenshot(page, 'recognition-journey-05-hrss-opinion');
      await submitOpinion(page, '待区县政府出具意见');
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
      await submitOpinion(page, '已报市局，待审核');
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
      const conditions = await checkConditions(page);
      const areaRow = () => conditions.locator('tr', { hasText: '平台建筑面积' }).innerText();
      await screenshot(page, 'recognition-journey-07-staff-check');

      await confirmChecklist(page);
      await lowerAreaThreshold(page, 'recognition-journey-08-art17-dialog');
      await expect.poll(areaRow).toContain('第十七条放宽');
      expect(await areaRow()).not.toContain('未通过');
      expect(await areaRow()).toContain('通过');
      // The terms card shows the application as reloaded after the save, a request after the check's answer.
      await expect.poll(() => page.getByTestId('art17-terms').innerText()).toContain('降至 8000');
      // Every condition met now: the check as a whole passes.
      await expect.poll(() => page.getByTestId('check-outcome').innerText()).toBe('符合认定条件');
      await settle(page);
      await screenshot(page, 'recognition-journey-09-art17-applied');

      await page.getByRole('tab', { name: '专家评估与认定' }).click();
      await page.getByTestId('expert-review').waitFor();
      await settle(page);
      await assignExperts(page, ['评审专家甲', EXPERT_NAME]);
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
      const side = await openSideBySide(page);
      const text = await side.innerText();
      expect(text).toContain('评审专家甲');
      expect(text).toContain('评审专家丁');
      expect(await side.getByTestId('side-recommendation').count()).toBe(2);
      expect(await page.getByTestId('expert-tally').innerText()).toBe('评估中 0 人，已提交 2 人，回避 0 人');
      await screenshot(page, 'recognition-journey-15-side-by-side');

      await propose(page, '条件核验通过（第十七条放宽建筑面积），两位专家均建议认定，拟认定为市级平台。', 'recognition-journey-16-proposed');
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
