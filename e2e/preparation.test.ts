import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openDatabase } from '../src/db/client.js';
import { addDays, addYearsCorresponding } from '../src/domain/dates/iso-date.js';
import { todayIso } from '../src/server/clock.js';
import { runPreparationTerms } from '../src/server/preparation/job.js';
import { startServer, type E2eServer } from '../test/e2e-server.js';
import { launchBrowser, screenshot } from './browser.js';
import { confirmBox, MATERIAL_KINDS, openFromHome, recognitionSteps, state } from './recognition-steps.js';
import { apiLogin } from './review-api.js';

/**
 * 筹建 (Art 15) in the browser, on a server of its own with the demo data: staff approves preparatory
 * construction for the demo's 万州 market after expert1's assessment (the need, the consent, the date), sees
 * the term's countdown and extends it with a reason; wz.hrss uploads the evidence and reports readiness;
 * after the acceptance round of experts (through the API: the expert's screens are tested elsewhere) staff
 * records the pass, and the application goes on to publicity and recognition. The demo's 黔江 term, on
 * staff's to-do list, expires by a test clock (the job run with a later day): the platform is revoked, with
 * the notification to the bureau.
 */
const APP = '万州区三峡库区人才市场';
const QIANJIANG = '黔江区人力资源服务产业园';
let server: E2eServer | undefined;
let baseUrl = '';
let browser: Browser | undefined;
const { newPage, signIn, settle } = recognitionSteps({ baseUrl: () => baseUrl, browser: () => browser, waitForToasts: true });

const review = {
  verifications: Object.fromEntries(MATERIAL_KINDS.map((k) => [k, { result: 'verified' }])),
  siteVisit: { date: todayIso(), participants: ['评审专家甲'], findings: '场地与材料一致' },
  necessity: '服务库区移民和返乡创业急需', feasibility: '建设方案可行', recommendation: 'recommend',
};
let applicationId = '';

beforeAll(async () => {
  server = await startServer({ demo: true });
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
  // expert1's assessment of the demo's 万州 market, so that the bureau may decide.
  const staff = await apiLogin(baseUrl, 'staff');
  const apps = await staff.ok<{ items: { id: string; name: string }[] }>('GET', '/recognition/applications?pageSize=50');
  applicationId = apps.items.find((a) => a.name === APP)?.id ?? '';
  const expert = await apiLogin(baseUrl, 'expert1');
  await expert.ok('PUT', `/recognition/applications/${applicationId}/my-review`, review);
  await expert.ok('POST', `/recognition/applications/${applicationId}/my-review/submit`);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

async function openPreparationTab(page: Page): Promise<void> {
  await page.getByRole('tab', { name: '筹建' }).click();
  await page.getByTestId('preparation-card').waitFor();
  await settle(page);
}
/** An Element Plus date picker inside the element of `testId`: typed and confirmed. */
const fillDate = async (page: Page, testId: string, date: string) => {
  const input = page.locator(`[data-testid=${testId}] .el-date-editor input`);
  await input.fill(date);
  await input.press('Enter');
};

describe('筹建: approved, extended, accepted', () => {
  const approvedOn = todayIso();
  const plainEnd = addYearsCorresponding(approvedOn, 1);
  const newEnd = addDays(plainEnd, 90);

  it('staff approves 筹建 after the experts, with the need, the consent and the date; the term counts down', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'staff');
      await openFromHome(page, APP);
      await openPreparationTab(page);
      const approve = page.getByTestId('preparation-approve');
      // Nothing written yet: the button is disabled with the reason.
      expect(await approve.isDisabled()).toBe(true);
      expect(await page.locator('[data-testid=preparation-approve-card] .button-wrap').getAttribute('data-reason')).toBe('请写明急需的重大战略、规划或项目');
      await page.getByTestId('preparation-need-kind').getByText('重大项目').click();
      await page.locator('textarea[data-testid=preparation-need-input]').fill('三峡库区移民安稳致富和返乡创业重大项目人才保障');
      await page.locator('textarea[data-testid=preparation-consent]').fill('经市人力社保局研究，同意先行筹建，筹建期一年');
      await fillDate(page, 'preparation-approve-card', approvedOn);
      await screenshot(page, 'preparation-1-approve-form');
      await approve.click();
      await confirmBox(page);
      await page.getByTestId('preparation-term').waitFor();
      await settle(page);
      expect(await state(page)).toBe('已批准筹建，筹建中');
      expect(await page.getByTestId('preparation-countdown').innerText()).toBe(`剩余 ${Math.round((Date.parse(plainEnd) - Date.parse(approvedOn)) / 86_400_000)} 天`);
      expect(await page.getByTestId('preparation-end').innerText()).toBe(plainEnd);
      await screenshot(page, 'preparation-2-approved-term');

      // The extension: the reason and the new end, then its row.
      expect(await page.getByTestId('preparation-extend').isDisabled()).toBe(true);
      await fillDate(page, 'preparation-extend-form', newEnd);
      await page.locator('textarea[data-testid=preparation-extend-reason]').fill('项目配套用地交付推迟三个月');
      await page.getByTestId('preparation-extend').click();
      await confirmBox(page);
      await page.getByTestId('preparation-extensions').waitFor();
      await settle(page);
      expect(await page.getByTestId('preparation-end').innerText()).toBe(newEnd);
      expect(await page.getByTestId('preparation-extensions').innerText()).toContain('项目配套用地交付推迟三个月');
      await screenshot(page, 'preparation-3-extended');
    } finally {
      await page.close();
    }
  });

  it('wz.hrss uploads the evidence and reports readiness; the acceptance starts', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'wz.hrss');
      await page.goto(`${baseUrl}/app/recognition/applications/${applicationId}`);
      await page.getByTestId('application-title').getByText(APP).waitFor();
      await openPreparationTab(page);
      expect(await page.getByTestId('preparation-countdown').innerText()).toMatch(/^剩余 \d+ 天$/);
      expect(await page.locator('[data-testid=preparation-readiness-card] .button-wrap').getAttribute('data-reason')).toBe('请先上传筹建验收材料');
      await page.getByTestId('preparation-evidence-input').setInputFiles({ name: '筹建完成情况报告.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') });
      await page.getByTestId('preparation-evidence').getByText('筹建完成情况报告.pdf').waitFor();
      await page.locator('textarea[data-testid=preparation-readiness-note]').fill('服务大厅和线上平台已建成，入驻人力资源服务机构 12 家');
      await settle(page);
      await screenshot(page, 'preparation-4-readiness');
      await page.getByTestId('preparation-readiness').click();
      await confirmBox(page);
      await expect.poll(() => state(page)).toBe('筹建验收中');
      await settle(page);
      await screenshot(page, 'preparation-5-acceptance-started');
    } finally {
      await page.close();
    }
  });

  it('staff records the acceptance after the experts; the application goes to publicity and recognition', async () => {
    // The acceptance round: expert1 again (a new round), through the API.
    const staff = await apiLogin(baseUrl, 'staff');
    const expert1 = (await staff.ok<{ items: { id: string; username: string }[] }>('GET', '/users?q=expert1&pageSize=10')).items.find((u) => u.username === 'expert1');
    await staff.ok('POST', `/recognition/applications/${applicationId}/experts`, { expertUserId: expert1?.id });

    const page = await newPage();
    try {
      await signIn(page, 'staff');
      await page.goto(`${baseUrl}/app/recognition/applications/${applicationId}`);
      await page.getByTestId('application-title').getByText(APP).waitFor();
      await openPreparationTab(page);
      await page.locator('textarea[data-testid=preparation-result-note]').fill('经核验认定条件并组织专家验收，达到市级平台认定条件');
      // The expert has not submitted: the pass is refused with the reason (once the page has the round's state).
      await expect.poll(() => page.getByTestId('preparation-accept').isDisabled()).toBe(true);
      expect(await page.locator('[data-testid=preparation-acceptance-card] .button-wrap').first().getAttribute('data-reason')).not.toBe('');
      await screenshot(page, 'preparation-6-acceptance-waiting');

      const expert = await apiLogin(baseUrl, 'expert1');
      await expert.ok('PUT', `/recognition/applications/${applicationId}/my-review`, review);
      await expert.ok('POST', `/recognition/applications/${applicationId}/my-review/submit`);
      await page.reload();
      await page.getByTestId('application-title').getByText(APP).waitFor();
      await openPreparationTab(page);
      await page.locator('textarea[data-testid=preparation-result-note]').fill('经核验认定条件并组织专家验收，达到市级平台认定条件');
      await page.getByTestId('preparation-accept').click();
      await confirmBox(page);
      await expect.poll(() => state(page)).toBe('拟认定，待公示');
      await settle(page);
      expect(await page.getByTestId('preparation-countdown').innerText()).toBe('验收通过');
      await screenshot(page, 'preparation-7-accepted');
    } finally {
      await page.close();
    }
    // Publicity and recognition as any application (their screens are tested elsewhere).
    await staff.ok('POST', `/recognition/applications/${applicationId}/publicity`, { postedOn: addDays(todayIso(), -20), days: 5 });
    const done = await staff.ok<{ state: string; platformId: string }>('POST', `/recognition/applications/${applicationId}/recognize`, { decisionDate: todayIso(), docNo: `渝人社〔${todayIso().slice(0, 4)}〕66号` });
    expect(done.state).toBe('recognized');
    expect((await staff.ok<{ status: string }>('GET', `/platforms/${done.platformId}`)).status).toBe('recognized');
  });
});

describe('筹建 expiring', () => {
  it('the demo 黔江 term is on staff’s to-do list with its countdown, and is cancelled by the job after its end', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'staff');
      const tasks = page.getByTestId('home-tasks');
      await tasks.waitFor({ timeout: 20_000 });
      const left = Math.round((Date.parse('2027-01-15') - Date.parse(todayIso())) / 86_400_000);
      if (left >= 0 && left <= 90) expect(await tasks.innerText()).toContain(`${QIANJIANG}（黔江区）筹建期至 2027-01-15 届满，还有 ${left} 天`);
      await screenshot(page, 'preparation-8-home-todo');

      // The platform page shows the term and its extension before the end.
      const staff = await apiLogin(baseUrl, 'staff');
      const list = await staff.ok<{ items: { id: string; name: string }[] }>('GET', `/platforms?q=${encodeURIComponent('黔江')}&pageSize=10`);
      const platformId = list.items.find((p) => p.name === QIANJIANG)?.id ?? '';
      await page.goto(`${baseUrl}/app/platforms/${platformId}`);
      await page.getByTestId('preparation-term').waitFor();
      await settle(page);
      expect(await page.getByTestId('preparation-extensions').innerText()).toContain('延期交付');
      await screenshot(page, 'preparation-9-platform-term');

      // A test clock: the hourly job run as on the day after the end, twice.
      if (!server) throw new Error('no server');
      const { db, pool } = openDatabase(server.databaseUrl, 1);
      try {
        expect((await runPreparationTerms(db, '2027-01-16')).expiredNames).toEqual([QIANJIANG]);
        expect((await runPreparationTerms(db, '2027-01-16')).expired).toBe(0);
      } finally {
        await pool.end();
      }
      await page.reload();
      await page.getByTestId('preparation-term').waitFor();
      await settle(page);
      expect(await page.getByTestId('platform-status').innerText()).toBe('已撤销');
      expect(await page.getByTestId('preparation-countdown').innerText()).toBe('期满未验收，已取消筹建资格');
      await screenshot(page, 'preparation-10-expired');

      const notes = await staff.ok<{ items: { kind: string; title: string; link: string | null }[] }>('GET', '/notifications?pageSize=50');
      const expired = notes.items.filter((n) => n.kind === 'preparation.expired');
      expect(expired).toEqual([expect.objectContaining({ title: `${QIANJIANG}筹建期已于 2027-01-15 届满且未通过验收，筹建资格已取消`, link: `/app/platforms/${platformId}` })]);
      await page.goto(`${baseUrl}/app/notifications`);
      await page.getByText('筹建资格已取消').first().waitFor();
      await settle(page);
      await screenshot(page, 'preparation-11-notification');
    } finally {
      await page.close();
    }
  });
});
