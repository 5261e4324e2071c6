import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openDatabase } from '../src/db/client.js';
import { evaluationEntries, evaluationProposals, evaluations } from '../src/db/schema/index.js';
import { makeOrg, makePlatform, makeSite, makeUser, makeYearData, testPassword, type MadeUser } from '../test/factories.js';
import { startServer, type E2eServer } from '../test/e2e-server.js';
import { launchBrowser, login, screenshot } from './browser.js';

/**
 * Art 33 and Art 28 on screen, on a private server (no demo data): a published 2025 campaign whose results
 * propose moving two district-level platforms of 九龙坡 up. The bureau opens 评审会议 → 退出与晋级建议, sees the
 * check, and confirms the qualifying one (it becomes a municipal 已认定 platform); the other, whose figures fall
 * short, cannot be confirmed and says why. Then 九龙坡's HRSS unit files its own evaluation of its district-level
 * platforms with a document, and the bureau sees it in 区县评估结果备案情况 and acknowledges it.
 * Screenshots: test-results/screenshots/art33-NN-*.png.
 */
const DISTRICT = '500107';
const NAMES = { Q: '九龙坡区技能人才市场（测试）', U: '九龙坡区零工市场（测试）', B: '九龙坡区数字人才市场（测试）' } as const;
type Key = keyof typeof NAMES;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let server: E2eServer;
let browser: Browser;
const users: Record<string, MadeUser> = {};
const ids: Partial<Record<Key, string>> = {};
let evaluationId = '';
const contexts: Record<string, BrowserContext> = {};
const pageErrors: string[] = [];
let step = 0;

async function shot(page: Page, name: string): Promise<void> {
  step += 1;
  await screenshot(page, `art33-${String(step).padStart(2, '0')}-${name}`);
}

async function signIn(who: string): Promise<void> {
  const user = users[who];
  if (!user) throw new Error(`no user ${who}`);
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  context.on('page', (p) => p.on('pageerror', (e) => pageErrors.push(`${who}: ${e.message}`)));
  const page = await context.newPage();
  await login(page, server.baseUrl, user.username, testPassword);
  await page.getByTestId('home-title').waitFor({ timeout: 20_000 });
  await page.close();
  contexts[who] = context;
}

async function withPage(who: string, run: (page: Page) => Promise<void>): Promise<void> {
  const context = contexts[who];
  if (!context) throw new Error(`${who} is not signed in`);
  const page = await context.newPage();
  try {
    await run(page);
  } finally {
    await page.close();
  }
}

async function apiGet<T>(who: string, url: string): Promise<T> {
  const res = await contexts[who]!.request.get(`${server.baseUrl}/api/v1${url}`);
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
}

beforeAll(async () => {
  server = await startServer({ demo: false });
  const database = openDatabase(server.databaseUrl, 2);
  try {
    const { db, pool } = database;
    const operator = await makeOrg(db, 'operator', DISTRICT, '九龙坡区人才服务有限公司');
    for (const k of ['Q', 'U', 'B'] as const) {
      const id = await makePlatform(db, { type: 'specialized_market', level: 'district', districtCode: DISTRICT, name: NAMES[k], operatorOrgId: operator });
      ids[k] = id;
      // Q meets the municipal conditions of a specialized market (Art 13: 1,200 m², over 5,000 person-times); U and B do not.
      if (k === 'Q') {
        await makeSite(db, id, 1200);
        await makeYearData(db, id, 2025, { personTimesServed: { bachelorOrBelow: 5200, postgraduate: 300 } });
      } else {
        await makeSite(db, id, 600);
        await makeYearData(db, id, 2025, { personTimesServed: { bachelorOrBelow: 1200, postgraduate: 30 } });
      }
    }
    const bureauOrg = await makeOrg(db, 'bureau', null, '重庆市人力资源和社会保障局');
    users.bureau = await makeUser(db, 'bureau', { username: 'a.bureau', organizationId: bureauOrg });
    users.district = await makeUser(db, 'district', { districtCode: DISTRICT, username: 'a.jlp' });
    await pool.query("update users set display_name = '市局评估专员' where id = $1", [users.bureau.id]);
    await pool.query("update users set display_name = '九龙坡区人社局经办人' where id = $1", [users.district.id]);
    await pool.query("update organizations set name = '九龙坡区人力社保局' where id = (select organization_id from users where id = $1)", [users.district.id]);
    // The expert review, the panel and publication are other features' (e2e/campaign.test.ts): their outcome is seeded here.
    const grades = { Q: 'excellent', U: 'excellent', B: 'pass' } as const;
    const items: Record<string, unknown>[] = (['Q', 'U', 'B'] as const).map((k, i) => ({
      entryId: k, platformId: ids[k], platformName: NAMES[k], districtName: '九龙坡区', level: 'district', type: 'specialized_market', score: String(92 - i * 6) + '.00', rank: i + 1,
      pool: '全部参评平台', grade: grades[k], gradeLabel: grades[k] === 'excellent' ? '优秀' : '合格', gradeSource: 'computed', reasons: [], recommendation: 'supported', recommendationText: '',
    }));
    // Five municipal platforms graded 合格 make eight participants: the 30 % line leaves room for two 优秀, as Q and U are.
    const fillers: { id: string; name: string; score: number }[] = [];
    for (const [i, score] of [78, 75, 72, 70, 65].entries()) {
      const name = `重庆市第${'一二三四五'.charAt(i)}人力资源市场（测试）`;
      fillers.push({ id: await makePlatform(db, { type: 'specialized_market', level: 'municipal', districtCode: DISTRICT, name, operatorOrgId: operator }), name, score });
    }
    items.push(...fillers.map((f, i) => ({
      entryId: f.id, platformId: f.id, platformName: f.name, districtName: '九龙坡区', level: 'municipal', type: 'specialized_market', score: `${f.score}.00`, rank: 4 + i,
      pool: '全部参评平台', grade: 'pass', gradeLabel: '合格', gradeSource: 'computed', reasons: [], recommendation: 'supported', recommendationText: '',
    })));
    const [e] = await db.insert(evaluations).values({
      year: 2025, schemeId: 'cq-2025', selfEvaluationEnd: '2025-03-01', districtReviewEnd: '2025-04-01', municipalReviewEnd: '2025-05-01', status: 'published', publishedAt: new Date(),
      results: { evaluationId: 'x', year: 2025, schemeId: 'cq-2025', settings: { excellentMin: '85.00', passMin: '60.00', excellentShare: '0.3', pool: 'all' }, pools: [], warnings: [], proposals: [], excluded: [], items },
    }).returning({ id: evaluations.id });
    evaluationId = e!.id;
    for (const [i, k] of (['Q', 'U', 'B'] as const).entries()) {
      await db.insert(evaluationEntries).values({
        evaluationId, platformId: ids[k]!, level: 'district', type: 'specialized_market', factor: '0.8', voluntary: true, status: 'published', reviewedTotal: String(92 - i * 6), grade: grades[k], gradeSource: 'computed', rank: i + 1,
      });
    }
    for (const [i, f] of fillers.entries()) {
      await db.insert(evaluationEntries).values({
        evaluationId, platformId: f.id, level: 'municipal', type: 'specialized_market', factor: '1', status: 'published', reviewedTotal: String(f.score), grade: 'pass', gradeSource: 'computed', rank: 4 + i,
      });
    }
    for (const k of ['Q', 'U'] as const) {
      await db.insert(evaluationProposals).values({ evaluationId, platformId: ids[k]!, kind: 'promotion', reason: '2025 年度评估为优秀：自愿参加市级考评并评为优秀（第三十三条）' });
    }
  } finally {
    await database.close();
  }
  browser = await launchBrowser();
  for (const who of ['bureau', 'district']) await signIn(who);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const confirmBox = (page: Page, text: string) => page.locator('.el-message-box__btns button', { hasText: text }).click();
const proposalRow = (page: Page, key: Key) => page.getByTestId('proposals-table').locator('.el-table__body-wrapper tr', { hasText: NAMES[key] });

describe('Art 33 and Art 28 on screen', () => {
  it('the bureau confirms the qualifying Art 33 proposal with its decision; the platform becomes municipal 已认定', async () => {
    await withPage('bureau', async (page) => {
      await page.goto(`${server.baseUrl}/app/panel?evaluationId=${evaluationId}`);
      await proposalRow(page, 'Q').waitFor({ timeout: 20_000 });
      await shot(page, 'proposals');
      // U's figures fall short: the check says so and the button is disabled with its reason.
      await proposalRow(page, 'U').getByTestId('proposal-promote').click();
      const dialog = page.getByTestId('art33-dialog');
      await dialog.getByTestId('art33-reasons').waitFor();
      expect(await dialog.getByTestId('art33-reasons').innerText()).toContain('不符合市级平台认定条件');
      expect(await dialog.getByTestId('art33-confirm').isDisabled()).toBe(true);
      expect(await dialog.locator('[data-reason]').getAttribute('data-reason')).toBe('不符合第三十三条规定，不能升级');
      await shot(page, 'refused-check');
      await dialog.getByRole('button', { name: '取消' }).click();
      await dialog.waitFor({ state: 'hidden' });

      await proposalRow(page, 'Q').getByTestId('proposal-promote').click();
      await dialog.getByTestId('art33-eligible').waitFor();
      const conditions = await dialog.getByTestId('art33-conditions').innerText();
      expect(conditions).toContain('符合');
      expect(await dialog.getByTestId('art33-facts').innerText()).toContain('优秀');
      await dialog.locator('input[data-testid=art33-docno]').fill('渝人社〔2025〕301号');
      await dialog.locator('textarea[data-testid=art33-note]').fill('经局长办公会审议通过');
      await shot(page, 'confirm-dialog');
      await dialog.getByTestId('art33-confirm').click();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => proposalRow(page, 'Q').innerText()).toContain('已确认');
      expect(await proposalRow(page, 'Q').innerText()).toContain('渝人社〔2025〕301号');
      await shot(page, 'confirmed');
    });
    const q = await apiGet<{ level: string; status: string; recognitionDocNo: string }>('bureau', `/platforms/${ids.Q}`);
    expect(q).toMatchObject({ level: 'municipal', status: 'recognized', recognitionDocNo: '渝人社〔2025〕301号' });
    const u = await apiGet<{ level: string; status: string }>('bureau', `/platforms/${ids.U}`);
    expect(u).toMatchObject({ level: 'district', status: 'filed' });
    // The district is told, with a link to the platform.
    const notes = await apiGet<{ items: { kind: string; title: string; link: string }[] }>('district', '/notifications');
    expect(notes.items.find((n) => n.kind === 'platform.promoted')).toMatchObject({ title: expect.stringContaining(NAMES.Q), link: `/app/platforms/${ids.Q}` });
  });

  it('the district files its own evaluation of its district-level platforms (Art 28), with its document', async () => {
    await withPage('district', async (page) => {
      await page.goto(`${server.baseUrl}/app/district-evaluations/mine`);
      const table = page.getByTestId('filing-table');
      await table.waitFor({ timeout: 20_000 });
      // Q is municipal now: only U and B are the district's to evaluate.
      const text = await table.innerText();
      expect(text).toContain(NAMES.U);
      expect(text).toContain(NAMES.B);
      expect(text).not.toContain(NAMES.Q);
      expect(await page.getByTestId('filing-status').innerText()).toBe('未填报');
      expect(await page.locator('[data-testid=filing-submit]').isDisabled()).toBe(true);
      const grades = page.locator('input[data-testid=filing-grade]');
      const scores = page.locator('input[data-testid=filing-score]');
      // Rows are by name: 九龙坡区数字人才市场 (B), then 九龙坡区零工市场 (U).
      await grades.nth(0).fill('良好');
      await scores.nth(0).fill('82.5');
      await grades.nth(1).fill('优秀');
      await scores.nth(1).fill('91');
      await page.locator('textarea[data-testid=filing-note]').fill('依据《九龙坡区区县级人力资源服务平台评估办法（试行）》评定');
      await page.getByTestId('filing-save').click();
      await expect.poll(() => page.getByTestId('filing-status').innerText()).toBe('填报中');
      await page.locator('input[data-testid=filing-file]').setInputFiles({ name: '九龙坡区2025年度区县级平台评估结果.pdf', mimeType: 'application/pdf', buffer: PDF });
      await expect.poll(() => page.getByTestId('filing-document').innerText().catch(() => '')).toBe('九龙坡区2025年度区县级平台评估结果.pdf');
      await shot(page, 'district-filing');
      await page.getByTestId('filing-submit').click();
      await confirmBox(page, '报送');
      await expect.poll(() => page.getByTestId('filing-status').innerText()).toBe('已报送待确认');
      // Read-only now: no inputs, the values as text.
      expect(await page.locator('input[data-testid=filing-grade]').count()).toBe(0);
      await shot(page, 'district-submitted');
    });
  });

  it('the bureau sees which districts have filed, and acknowledges 九龙坡’s', async () => {
    await withPage('bureau', async (page) => {
      await page.goto(`${server.baseUrl}/app/district-evaluations`);
      const table = page.getByTestId('overview-table');
      await table.locator('.el-table__body-wrapper tr').first().waitFor({ timeout: 20_000 });
      expect(await table.locator('.el-table__body-wrapper tr').count()).toBe(41);
      expect(await page.getByTestId('overview-count-submitted').innerText()).toBe('已报送待确认 1');
      expect(await page.getByTestId('overview-count-none').innerText()).toBe('未填报 40');
      const row = table.locator('.el-table__body-wrapper tr', { hasText: '九龙坡区' });
      expect(await row.innerText()).toContain('已报送待确认');
      await shot(page, 'overview');
      await row.getByTestId('overview-open').click();
      const drawer = page.getByTestId('filing-drawer');
      await drawer.getByTestId('drawer-items').waitFor();
      const items = await drawer.getByTestId('drawer-items').innerText();
      expect(items).toContain('良好');
      expect(items).toContain('91');
      expect(await drawer.getByTestId('drawer-document').innerText()).toBe('九龙坡区2025年度区县级平台评估结果.pdf');
      await shot(page, 'overview-filing');
      await drawer.getByTestId('drawer-acknowledge').click();
      await confirmBox(page, '确认备案');
      await expect.poll(() => row.innerText()).toContain('已确认备案');
      expect(await page.getByTestId('overview-count-acknowledged').innerText()).toBe('已确认备案 1');
      await drawer.locator('.el-drawer__close-btn').click();
      await drawer.waitFor({ state: 'hidden' });
      await shot(page, 'overview-acknowledged');
    });
    const mine = await apiGet<{ status: string }>('district', '/district-evaluations/mine/2025');
    expect(mine.status).toBe('acknowledged');
    expect(pageErrors).toEqual([]);
  });
});
