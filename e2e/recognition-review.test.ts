import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.js';
import { startServer, type E2eServer } from '../test/e2e-server.js';
import { launchBrowser, screenshot } from './browser.js';
import { assignExperts, confirmBox, MATERIAL_KINDS, openFromHome, pickExpert, recognitionSteps, recordSiteVisit, writeAssessment } from './recognition-steps.js';
import { apiLogin, CREATED_ACCOUNT_PASSWORD, DEMO_PASSWORD } from './review-api.js';

/**
 * The experts' assessment and the decision of a recognition application (Art 14 (二)–(四)) in the
 * browser, on a server of its own: staff assigns experts to the demo's 万州 application (one affiliated
 * with 万州区人力社保局 is refused for the conflict of interest), each of the two experts verifies the five
 * kinds of material, records the site visit with a photo and submits a recommendation; staff sees both
 * opinions side by side, proposes the application (→ 拟认定，待公示), posts the publicity notice and is
 * refused the recognition before the publicity has ended.
 */
const APP = '万州三峡人力资源服务产业园';
let server: E2eServer | undefined;
let baseUrl = '';
let browser: Browser | undefined;
const passwords: Record<string, string> = { staff: DEMO_PASSWORD, expert1: DEMO_PASSWORD };
const { newPage, signIn, settle, openExpertWork, saveAndSubmitWork, openSideBySide, propose } = recognitionSteps({ baseUrl: () => baseUrl, browser: () => browser, passwords });

interface Org { id: string; name: string }
interface UserRow { id: string; username: string; organizationId: string }

/**
 * Two experts of the expert pool made by the admin: expert2, and expert3 tied to 万州区人力社保局. The account API
 * takes only a platform operator as an expert's affiliation, so the tie to the district's HRSS bureau (which the
 * recognition's conflict check reads) is written into the database here.
 */
async function makeExperts(): Promise<void> {
  const admin = await apiLogin(baseUrl, 'admin');
  const pool = (await admin.ok<{ items: Org[] }>('GET', '/organizations?kind=expert_pool&pageSize=100')).items[0];
  const wzHrss = (await admin.ok<{ items: UserRow[] }>('GET', '/users?q=wz.hrss&pageSize=50')).items.find((u) => u.username === 'wz.hrss');
  if (!pool || !wzHrss) throw new Error('demo organizations missing');
  for (const [username, displayName] of [['expert2', '评审专家乙（测试）'], ['expert3', '评审专家丙（测试）']] as const) {
    const created = await admin.ok<{ user: { id: string }; initialPassword: string }>('POST', '/users', { username, displayName, role: 'expert', organizationId: pool.id });
    if (username === 'expert3') await tieToOrganization(created.user.id, wzHrss.organizationId);
    await apiLogin(baseUrl, username, created.initialPassword); // sets CREATED_ACCOUNT_PASSWORD
    passwords[username] = CREATED_ACCOUNT_PASSWORD;
  }
}

async function tieToOrganization(userId: string, orgId: string): Promise<void> {
  if (!server) throw new Error('no server');
  const { db, pool } = openDatabase(server.databaseUrl, 1);
  try {
    await db.execute(sql`update users set affiliation_org_id = ${orgId} where id = ${userId}`);
  } finally {
    await pool.end();
  }
}

beforeAll(async () => {
  server = await startServer({ demo: true });
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
  await makeExperts();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

/** The expert's whole assessment: five kinds verified (one with a problem noted), site visit with a photo, opinions, submit. */
async function assess(page: Page, username: string, recommendation: 'recommend' | 'not_recommend', step: number): Promise<void> {
  await signIn(page, username);
  if (username === 'expert1') {
    // The demo's assignment and this one, as to-dos on the home page.
    await page.getByTestId('home-tasks').waitFor({ timeout: 20_000 });
    const todo = await page.getByTestId('home-tasks').innerText();
    expect(todo).toContain('万州区三峡库区人才市场');
    expect(todo).toContain(`${APP}」（万州区）：核验申报材料、实地考察并提交评估意见`);
    await screenshot(page, `recognition-review-${step}-${username}-home`);
  }
  if (username === 'expert2') {
    // 平台认定申报 lists only the applications the expert is assigned to.
    await page.locator('.el-menu-item', { hasText: '平台认定申报' }).click();
    const list = page.getByTestId('application-list');
    await expect.poll(() => list.locator('.el-table__row').count()).toBe(1);
    expect(await list.innerText()).toContain(APP);
    await screenshot(page, `recognition-review-${step}-${username}-list`);
    await page.locator('.el-menu-item', { hasText: '首页' }).click();
    await page.getByTestId('home-title').waitFor();
  }
  await openFromHome(page, APP);
  // The form and materials are there, read-only, in their own tabs.
  const work = await openExpertWork(page, '南滨大道 1 号');
  await page.getByRole('tab', { name: '申报材料' }).click();
  expect(await page.locator('body').innerText()).toContain('材料1');
  if (username === 'expert1') await previewFirstMaterial(page, `recognition-review-${step}-preview`);
  await page.getByRole('tab', { name: '我的评估意见' }).click();

  for (const kind of MATERIAL_KINDS) {
    const result = kind === 'residents' && username === 'expert2' ? 'problem' : 'verified';
    await work.getByTestId(`verify-${kind}-${result}`).click();
    if (result === 'problem') await work.locator(`input[data-testid=verify-${kind}-note]`).fill('入驻企业名录中 2 家企业营业执照已过期');
  }
  await recordSiteVisit(work, `${username === 'expert1' ? '评审专家甲' : '评审专家乙'}\n万州区人力社保局 王明`, '园区已投入运营，服务大厅、入驻企业办公区与申报材料一致。');
  const photo = await page.screenshot({ clip: { x: 0, y: 0, width: 120, height: 80 } });
  await work.getByTestId('site-photo-input').setInputFiles({ name: `现场照片-${username}.png`, mimeType: 'image/png', buffer: photo });
  await expect.poll(() => work.getByTestId('site-photo').count()).toBe(1);
  await writeAssessment(work, '万州区是渝东北中心城市，园区集聚区域人力资源服务业，有设立市级平台的必要。', '园区场地、运营团队和入驻企业基本具备条件，按第十七条放宽标准可行。');
  await work.locator('textarea[data-testid=work-private-notes]').fill('个人笔记：复核企业名录（不应出现在市局的对照中）');
  await work.getByTestId(`work-recommendation-${recommendation}`).click();
  if (username === 'expert2') {
    // Leaving with unsaved edits asks first; 取消 keeps them.
    await page.locator('.el-menu-item', { hasText: '首页' }).click();
    const leave = page.locator('.el-message-box').filter({ hasText: '有未保存的修改，确定离开吗？' });
    await leave.waitFor();
    await page.waitForTimeout(400); // the box's fade-in
    await screenshot(page, `recognition-review-${step}-${username}-leave-confirm`);
    await leave.locator('.el-message-box__btns button', { hasText: '取消' }).click();
    await leave.waitFor({ state: 'hidden' });
    expect(await work.locator('textarea[data-testid=work-necessity]').inputValue()).toContain('渝东北中心城市');
  }
  await saveAndSubmitWork(page, work, [`recognition-review-${step}-${username}-work`, `recognition-review-${step + 1}-${username}-submitted`]);
}

describe('recognition: experts, proposal, publicity', () => {
  it('staff assigns two experts; the one affiliated with 万州区人力社保局 is refused', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'staff');
      await openFromHome(page, APP);
      await page.getByRole('tab', { name: '专家评估与认定' }).click();
      await page.getByTestId('expert-review').waitFor();
      await settle(page);
      // Nobody has submitted: the proposal is refused with the server's reason.
      expect(await page.getByTestId('propose').isDisabled()).toBe(true);
      expect(await page.getByTestId('propose-refusal').innerText()).not.toBe('');

      await pickExpert(page, '评审专家丙');
      const refusal = page.locator('.assign .el-form-item__error');
      await refusal.waitFor();
      expect(await refusal.innerText()).toMatch(/申报地区（万州区）的区县政府或人力社保部门，存在利益冲突/);
      await screenshot(page, 'recognition-review-1-conflict-refused');

      await assignExperts(page, ['评审专家甲', '评审专家乙']);
      await settle(page);
      await screenshot(page, 'recognition-review-2-two-assigned');
    } finally {
      await page.close();
    }
  });

  it('expert1 verifies, visits and recommends', async () => {
    const page = await newPage();
    try {
      await assess(page, 'expert1', 'recommend', 3);
    } finally {
      await page.close();
    }
  });

  it('expert2 verifies (one problem), visits and recommends', async () => {
    const page = await newPage();
    try {
      await assess(page, 'expert2', 'recommend', 5);
    } finally {
      await page.close();
    }
  });

  it('staff sees both opinions side by side, proposes, posts the publicity, and is refused the recognition before it ends', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'staff');
      await openFromHome(page, APP);
      const side = await openSideBySide(page);
      const text = await side.innerText();
      expect(text).toContain('评审专家甲');
      expect(text).toContain('评审专家乙');
      expect(text).toContain('入驻企业名录中 2 家企业营业执照已过期');
      expect(text).toContain('现场照片-expert1.png');
      expect(text).not.toContain('不应出现在市局的对照中');
      expect(await side.getByTestId('side-recommendation').count()).toBe(2);
      await screenshot(page, 'recognition-review-7-side-by-side');

      await propose(page, '经专家评估，两位专家均建议认定，拟认定为市级平台。', 'recognition-review-8-proposed');

      const card = page.getByTestId('decision-card');
      await card.getByTestId('publicity-post').click();
      await card.getByTestId('publicity-notice').waitFor({ timeout: 20_000 });
      await expect.poll(() => page.getByTestId('application-state').innerText()).toBe('公示中');
      await settle(page);
      const notice = await card.getByTestId('publicity-notice').innerText();
      expect(notice).toContain('届满日');
      expect(notice).toContain('可作出认定');
      expect(await card.getByTestId('recognition-reasons').innerText()).not.toBe('');

      await card.locator('input[data-testid=recognize-doc-no]').fill('渝人社〔2026〕18号');
      await card.getByTestId('recognize').click();
      await confirmBox(page);
      const problems = card.getByTestId('decision-problems');
      await problems.waitFor({ timeout: 20_000 });
      expect(await problems.innerText()).toMatch(/公示/);
      expect(await page.getByTestId('application-state').innerText()).toBe('公示中');
      await settle(page);
      await screenshot(page, 'recognition-review-9-publicity-recognition-refused');
    } finally {
      await page.close();
    }
  });

  it('staff records an objection, upholds it, and decides not to recognize', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'staff');
      await openFromHome(page, APP);
      await page.getByRole('tab', { name: '专家评估与认定' }).click();
      const card = page.getByTestId('decision-card');
      await card.getByTestId('publicity-notice').waitFor({ timeout: 20_000 });
      await settle(page);
      await card.locator('input[data-testid=objection-summary]').fill('群众反映：园区部分入驻企业实际未在园区经营');
      await card.getByTestId('objection-add').click();
      await expect.poll(() => card.getByTestId('objection').count()).toBe(1);
      expect(await card.getByTestId('recognition-reasons').innerText()).toMatch(/异议/);

      const row = card.getByTestId('objection');
      await row.locator('.el-select').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: '异议成立' }).click();
      await row.locator('input[data-testid=objection-resolution]').fill('经核实，3 家入驻企业未实际经营，异议成立');
      await row.getByTestId('objection-resolve').click();
      await expect.poll(() => row.innerText()).toContain('异议成立');
      await settle(page);
      await screenshot(page, 'recognition-review-10-objection-upheld');

      await card.locator('textarea[data-testid=not-recognize-reason]').fill('公示期间异议成立：部分入驻企业未实际经营，不符合第十一条条件');
      await card.getByTestId('not-recognize').click();
      await confirmBox(page);
      await expect.poll(() => page.getByTestId('application-state').innerText()).toBe('不予认定');
      await card.getByTestId('decision-refused').waitFor();
      await settle(page);
      await screenshot(page, 'recognition-review-11-not-recognized');
    } finally {
      await page.close();
    }
  });
});

/** A PDF material opens in the page from the server's preview endpoint: the page's CSP frames its own origin only (a blob: URL was refused). */
async function previewFirstMaterial(page: Page, shot: string): Promise<void> {
  const refusals: string[] = [];
  const onConsole = (m: ConsoleMessage) => { if (m.text().includes('Content Security Policy')) refusals.push(m.text()); };
  page.on('console', onConsole);
  const [answer] = await Promise.all([
    page.waitForResponse((r) => /\/recognition\/applications\/[^/]+\/files\/[^/]+\/preview$/.test(new URL(r.url()).pathname)),
    page.getByRole('button', { name: '预览' }).first().click(),
  ]);
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-disposition']).toMatch(/^inline;/);
  const frame = page.locator('iframe.preview-frame');
  await frame.waitFor();
  expect(new URL(await frame.getAttribute('src') ?? '', page.url()).origin).toBe(new URL(page.url()).origin);
  await screenshot(page, shot);
  page.off('console', onConsole);
  expect(refusals).toEqual([]);
  await page.locator('.el-dialog__headerbtn').click();
  await frame.waitFor({ state: 'detached' });
}
