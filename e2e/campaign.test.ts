import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openDatabase } from '../src/db/client.js';
import { makeOrg, makePlatform, makeResidence, makeSite, makeStaff, makeUser, makeYearData, testPassword, type MadeUser } from '../test/factories.js';
import { startServer, type E2eServer } from '../test/e2e-server.js';
import { glyphsDistinct, launchBrowser, login, screenshot, screenshotDir } from './browser.js';
import { darkShare, pdfTool, squeeze } from './pdf.js';
import { apiLogin, type ApiClient } from './review-api.js';

/**
 * One whole annual evaluation on a private server (no demo data), every role in the browser:
 * 4 platforms in 九龙坡 (one national, two municipal with identical data, one district-level applied for by
 * its district), self-evaluation with evidence, a return and resubmission, two experts, a held tie at the
 * 30 % line decided by the panel, grading, publication, the public results page and the printed score sheet.
 * M1 (the municipal platform followed on screen) goes through the UI; the same steps for the other three are
 * repeated through the API where noted, to keep the run short. Screenshots: test-results/screenshots/campaign-NN-*.png.
 */
const YEAR = 2025;
const DISTRICT = '500107';
const CUTOFF = '40';
/** The pass cut-off must stay below the 优秀 one. */
const PASS_CUTOFF = '20';
const TITLE = '附表2 重庆市市级综合性人力资源服务产业园绩效评估评分表';
const COMMENT = '请补充入驻企业名单及入驻协议。';
const CONTACT = { name: '赵联系', phone: '13912345678' };
const NAMES = {
  N: '重庆国家级人力资源服务产业园（测试）',
  M1: '九龙坡甲市级人力资源服务产业园',
  M2: '九龙坡乙市级人力资源服务产业园',
  D: '九龙坡区县级人力资源服务产业园',
} as const;
type Key = keyof typeof NAMES;
const KEYS: Key[] = ['N', 'M1', 'M2', 'D'];
/** A 1×1 PNG as evidence. */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

interface Entry { id: string; platformId: string; platformName: string; status: string; level: string; selfTotal: string | null; reviewedTotal: string | null }
interface EntryDetail extends Entry { sheet: { rows: { code: string; counted: boolean }[] } | null; problems: string[] }
interface OwnAssignment { judgedRows: { fact: string; cap: string; step: string }[]; judgedScores: Record<string, string> }
interface Ranked { entryId: string; platformName: string; score: string; rank: number; withinCap: boolean; computed: string; grade: string; conditionsLost: boolean | null }
interface Panel { pools: { cap: number; participants: number; held: string[] }[]; ranking: Ranked[]; held: { entryId: string; decided: boolean }[] }

let server: E2eServer;
let browser: Browser;
let workDir: string;
const pageErrors: string[] = [];
const users: Record<string, MadeUser> = {};
const platformIds: Partial<Record<Key, string>> = {};
const entryIds: Partial<Record<Key, string>> = {};
let evaluationId = '';
/** One browser context per role, logged in once: logins are limited to 10 a minute per IP. */
const contexts: Record<string, BrowserContext> = {};
const apis: Record<string, ApiClient> = {};
let step = 0;

const daysAhead = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
const entryOf = (k: Key) => entryIds[k] ?? '';
const entryUrl = (k: Key, rest = '') => `/evaluations/${evaluationId}/entries/${entryOf(k)}${rest}`;

async function shot(page: Page, name: string): Promise<void> {
  step += 1;
  await screenshot(page, `campaign-${String(step).padStart(2, '0')}-${name}`);
}

/** A context of its own for `who`, its user logged in through the login page, and an API client on the same session. */
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
  const session = await context.request.get(`${server.baseUrl}/api/v1/auth/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await context.request.fetch(`${server.baseUrl}/api/v1${url}`, {
      method, headers: { 'x-csrf-token': csrfToken, accept: 'application/json' }, ...(body === undefined ? {} : { data: body }),
    });
    const text = await res.text();
    return { status: res.status(), body: (text ? JSON.parse(text) : undefined) as unknown };
  };
  apis[who] = {
    call,
    ok: async <T>(method: string, url: string, body?: unknown) => {
      const res = await call(method, url, body);
      if (res.status >= 300) throw new Error(`${who} ${method} ${url} → ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as T;
    },
  };
}

const api = (who: string): ApiClient => {
  const client = apis[who];
  if (!client) throw new Error(`${who} is not signed in`);
  return client;
};

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

const confirmBox = (page: Page, text: string) => page.locator('.el-message-box__btns button', { hasText: text }).click();
const pickOption = (page: Page, text: string) => page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click();

/** The district accepts every counted row and forwards (for the entries not followed on screen). */
async function acceptAndForward(k: Key): Promise<void> {
  const district = api('district');
  const detail = await district.ok<EntryDetail>('GET', entryUrl(k));
  for (const r of detail.sheet?.rows.filter((x) => x.counted) ?? []) await district.ok('PUT', entryUrl(k, `/rows/${r.code}/review`), { decision: 'accepted' });
  await district.ok('POST', entryUrl(k, '/forward'));
}

/** Each expert's scores per judged fact: expert1 the cap less one step, expert2 the cap less two (never below 0). */
function scoresFor(who: 'expert1' | 'expert2', rows: OwnAssignment['judgedRows']): Record<string, string> {
  const steps = who === 'expert1' ? 1 : 2;
  return Object.fromEntries(rows.map((r) => [r.fact, Math.max(0, Number(r.cap) - steps * Number(r.step)).toFixed(2)]));
}

async function panel(): Promise<Panel> {
  return api('bureau').ok<Panel>('GET', `/evaluations/${evaluationId}/panel`);
}

beforeAll(async () => {
  server = await startServer({ demo: false });
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-campaign-'));
  const database = openDatabase(server.databaseUrl, 2);
  try {
    const { db, pool } = database;
    const operatorOrgs: Partial<Record<Key, string>> = {};
    for (const k of KEYS) operatorOrgs[k] = await makeOrg(db, 'operator', DISTRICT, `${NAMES[k].replace('人力资源服务产业园', '')}运营有限公司`);
    const base = { type: 'comprehensive_park' as const, districtCode: DISTRICT, contactName: CONTACT.name, contactPhone: CONTACT.phone };
    platformIds.N = await makePlatform(db, { ...base, level: 'national', name: NAMES.N, operatorOrgId: operatorOrgs.N });
    platformIds.M1 = await makePlatform(db, { ...base, level: 'municipal', name: NAMES.M1, operatorOrgId: operatorOrgs.M1 });
    platformIds.M2 = await makePlatform(db, { ...base, level: 'municipal', name: NAMES.M2, operatorOrgId: operatorOrgs.M2 });
    platformIds.D = await makePlatform(db, { ...base, level: 'district', name: NAMES.D, operatorOrgId: operatorOrgs.D });
    // M1 and M2: identical registry data meeting the Art 11 conditions (10,000 m², 20 HR enterprises, 5 above scale,
    // ¥1 bn revenue, 2 + 3 staff), so that their reviewed totals tie. N (factor 3) and D get far weaker data.
    for (const k of ['M1', 'M2'] as const) {
      const id = platformIds[k] ?? '';
      await makeSite(db, id, 15_000);
      for (let i = 0; i < 20; i++) await makeResidence(db, { platformId: id, year: YEAR, aboveScale: i < 5, revenueYuan: 50_000_000, taxYuan: 300_000 });
      for (let i = 0; i < 2; i++) await makeStaff(db, id, { team: 'management' });
      for (let i = 0; i < 3; i++) await makeStaff(db, id, { team: 'operating' });
      await makeYearData(db, id, YEAR, { safety: 'full', valueOrientation: 'sound', researchResults: 2 });
    }
    for (const k of ['N', 'D'] as const) {
      const id = platformIds[k] ?? '';
      await makeSite(db, id, 2_000);
      await makeResidence(db, { platformId: id, year: YEAR, revenueYuan: 1_000_000 });
      await makeYearData(db, id, YEAR, { safety: 'full', valueOrientation: 'sound' });
    }
    const bureauOrg = await makeOrg(db, 'bureau', null, '重庆市人力资源和社会保障局');
    const expertPool = await makeOrg(db, 'expert_pool', null, '市级评审专家库');
    users.bureau = await makeUser(db, 'bureau', { username: 'c.bureau', organizationId: bureauOrg });
    users.district = await makeUser(db, 'district', { districtCode: DISTRICT, username: 'c.jlp' });
    for (const k of KEYS) users[`op${k}`] = await makeUser(db, 'operator', { organizationId: operatorOrgs[k], username: `c.op.${k.toLowerCase()}` });
    users.expert1 = await makeUser(db, 'expert', { username: 'c.expert1', organizationId: expertPool });
    users.expert2 = await makeUser(db, 'expert', { username: 'c.expert2', organizationId: expertPool });
    users.expert3 = await makeUser(db, 'expert', { username: 'c.expert3', organizationId: expertPool });
    const names: [string, string][] = [['bureau', '市局评估专员'], ['district', '九龙坡区人社局初审员'], ['opM1', '甲园区填报员'], ['expert1', '评审专家甲'], ['expert2', '评审专家乙'], ['expert3', '评审专家丙']];
    for (const [who, name] of names) await pool.query('update users set display_name = $2 where id = $1', [users[who]?.id, name]);
    // 评审专家丙 works for M1's operator: assigning them to M1 is refused (conflict of interest).
    await pool.query('update users set affiliation_org_id = $2 where id = $1', [users.expert3?.id, operatorOrgs.M1]);
  } finally {
    await database.close();
  }
  browser = await launchBrowser();
  // 5 browser logins (the roles on screen) + 3 API logins (the other operators): within the 10 a minute.
  for (const who of ['bureau', 'district', 'opM1', 'expert1', 'expert2']) await signIn(who);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

describe('a whole campaign, every role', () => {
  // The steps build on each other: after a failure the rest are skipped instead of timing out one by one.
  let failed = false;
  beforeEach((context) => {
    if (failed) context.skip();
  });
  afterEach((context) => {
    if (context.task.result?.state === 'fail') failed = true;
  });

  it('1. the bureau creates the campaign with a low 优秀 cut-off and opens it', async () => {
    await withPage('bureau', async (page) => {
      await page.goto(`${server.baseUrl}/app/evaluations`);
      await page.getByTestId('evaluation-create').click();
      const dialog = page.getByTestId('evaluation-create-dialog');
      await dialog.waitFor();
      await page.locator('[data-testid=evaluation-year] input, input[data-testid=evaluation-year]').first().fill(String(YEAR));
      await expect.poll(() => page.getByTestId('evaluation-scheme').innerText()).toContain('cq-2025');
      await dialog.locator('.el-form-item', { hasText: '优秀分数线' }).locator('input').fill(CUTOFF);
      await dialog.locator('.el-form-item', { hasText: '合格分数线' }).locator('input').fill(PASS_CUTOFF);
      const windows: [string, string][] = [['selfEvaluationEnd', daysAhead(10)], ['districtReviewEnd', daysAhead(20)], ['municipalReviewEnd', daysAhead(30)]];
      for (const [field, value] of windows) {
        const input = page.locator(`[data-testid=evaluation-${field}] input`);
        await input.fill(value);
        await input.press('Enter');
      }
      await shot(page, 'create-dialog');
      await page.getByTestId('evaluation-create-submit').click();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => page.getByTestId('evaluation-status').first().innerText()).toBe('未开启');
      await page.getByTestId('evaluation-open').first().click();
      await page.locator('.el-message-box__btns .el-button--primary').click();
      await expect.poll(() => page.getByTestId('evaluation-status').first().innerText()).toBe('进行中');
      await page.getByTestId('evaluation-link').first().click();
      await page.getByTestId('entry-table').getByRole('link', { name: NAMES.M1 }).waitFor();
      evaluationId = /\/app\/evaluations\/([^/]+)/.exec(page.url())?.[1] ?? '';
      await shot(page, 'opened');
    });
    const evaluation = await api('bureau').ok<{ year: number; excellentCutoff: string; status: string }>('GET', `/evaluations/${evaluationId}`);
    expect(evaluation).toMatchObject({ year: YEAR, status: 'open' });
    expect(Number(evaluation.excellentCutoff)).toBe(Number(CUTOFF));
    // Opening finds the national and municipal platforms; the district-level one waits for its district.
    const entries = await api('bureau').ok<Entry[]>('GET', `/evaluations/${evaluationId}/entries`);
    expect(entries.map((e) => e.platformName).sort()).toEqual([NAMES.N, NAMES.M1, NAMES.M2].sort());
  });

  it('2. the district applies for its district-level platform (Art 33)', async () => {
    await withPage('district', async (page) => {
      await page.goto(`${server.baseUrl}/app/evaluations/${evaluationId}`);
      await page.getByTestId('district-apply').click();
      const dialog = page.getByTestId('district-apply-dialog');
      await dialog.locator('.el-select').click();
      await pickOption(page, NAMES.D);
      await shot(page, 'district-apply');
      await page.getByTestId('district-apply-submit').click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByTestId('entry-table').getByRole('link', { name: NAMES.D }).waitFor();
      await shot(page, 'district-applied');
    });
    const entries = await api('bureau').ok<Entry[]>('GET', `/evaluations/${evaluationId}/entries`);
    for (const k of KEYS) {
      const entry = entries.find((e) => e.platformId === platformIds[k]);
      expect(entry, `${NAMES[k]} takes part`).toBeDefined();
      entryIds[k] = entry?.id ?? '';
    }
  });

  it('3. the operator of M1 writes a row text, uploads evidence, saves and submits', async () => {
    await withPage('opM1', async (page) => {
      await page.goto(`${server.baseUrl}/app/evaluations/${evaluationId}`);
      const links = page.getByTestId('entry-link');
      await links.first().waitFor();
      expect(await links.count()).toBe(1); // its own platform only
      await links.first().click();
      await page.getByTestId('entry-summary').waitFor();
      expect(await page.getByTestId('entry-status').innerText()).toBe('自评中');
      const row = page.getByTestId('entry-row-1.1');
      await page.locator('textarea[data-testid="row-text-1.1"]').fill('年末入驻人力资源服务企业 20 家，其中规上企业 5 家。');
      await row.getByTestId('evidence-1.1').click();
      const files = page.locator('.el-dialog').filter({ hasText: '佐证材料：1.1' });
      await files.getByTestId('file-input').setInputFiles({ name: '入驻企业名单.png', mimeType: 'image/png', buffer: PNG_1X1 });
      await files.getByTestId('file-table').getByText('入驻企业名单.png').waitFor();
      await files.locator('.el-dialog__headerbtn').click();
      await expect.poll(() => row.getByTestId('evidence-1.1').innerText()).toContain('（1）');
      await page.getByTestId('entry-save').click();
      await expect.poll(() => page.getByText('自评草稿已保存').count()).toBeGreaterThan(0);
      await shot(page, 'operator-saved');
      await page.getByTestId('entry-submit').click();
      await page.locator('.el-message-box__btns .el-button--primary').click();
      await expect.poll(() => page.getByTestId('entry-status').innerText()).toBe('待区县初审');
      await shot(page, 'operator-submitted');
    });
    // The three other operators submit their pre-filled entries through the API (same steps, no need to watch them).
    for (const k of ['N', 'M2', 'D'] as const) {
      const operator = await apiLogin(server.baseUrl, users[`op${k}`]?.username ?? '', testPassword);
      await operator.ok('POST', entryUrl(k, '/submit'));
    }
  });

  it('4. the district returns a row with a comment; the operator is told, edits and resubmits', async () => {
    await withPage('district', async (page) => {
      await page.goto(`${server.baseUrl}/app${entryUrl('M1')}`);
      await page.getByTestId('entry-summary').waitFor();
      const row = page.getByTestId('entry-row-1.1');
      await row.getByTestId('row-return').click();
      await row.locator('textarea[data-testid=row-return-comment]').fill(COMMENT);
      await row.getByTestId('row-return-confirm').click();
      await expect.poll(() => row.getByTestId('row-decision').innerText()).toBe('区县退回');
      await page.getByTestId('entry-return').click();
      await page.locator('.el-message-box__btns .el-button--primary').click();
      await expect.poll(() => page.getByTestId('entry-status').innerText()).toBe('已退回修改');
      await shot(page, 'district-returned');
    });
    await withPage('opM1', async (page) => {
      await page.goto(`${server.baseUrl}/app`);
      await expect.poll(() => page.getByTestId('notification-count').innerText(), { timeout: 20_000 }).toMatch(/[1-9]/);
      await page.getByTestId('notification-bell').click();
      await page.getByTestId('notification-open').first().click();
      await page.waitForURL(/\/entries\//);
      const row = page.getByTestId('entry-row-1.1');
      await expect.poll(() => row.getByTestId('row-comment').innerText()).toContain(COMMENT);
      await shot(page, 'operator-sees-comment');
      await page.locator('textarea[data-testid="row-text-1.1"]').fill('年末入驻人力资源服务企业 20 家，其中规上企业 5 家；入驻企业名单及入驻协议已补充上传。');
      await page.getByTestId('entry-save').click();
      await expect.poll(() => page.getByText('自评草稿已保存').count()).toBeGreaterThan(0);
      await page.getByTestId('entry-submit').click();
      await page.locator('.el-message-box__btns .el-button--primary').click();
      await expect.poll(() => page.getByTestId('entry-status').innerText()).toBe('待区县初审');
      await shot(page, 'operator-resubmitted');
    });
  });

  it('5. the district accepts every row and forwards', async () => {
    await withPage('district', async (page) => {
      await page.goto(`${server.baseUrl}/app${entryUrl('M1')}`);
      await page.getByTestId('entry-summary').waitFor();
      const cards = page.locator('[data-testid^=entry-row-]');
      const count = await cards.count();
      expect(count).toBeGreaterThan(10);
      for (let i = 0; i < count; i++) {
        const card = cards.nth(i);
        const accept = card.getByTestId('row-accept');
        if ((await accept.count()) === 0 || (await card.getByText('选其一未选用').count()) > 0) continue;
        await accept.click();
        await expect.poll(() => card.getByTestId('row-decision').innerText()).toBe('区县已通过');
      }
      await page.getByTestId('entry-forward').click();
      await page.locator('.el-message-box__btns .el-button--primary').click();
      await expect.poll(() => page.getByTestId('entry-status').innerText()).toBe('已报送市局');
      await shot(page, 'district-forwarded');
    });
    for (const k of ['N', 'M2', 'D'] as const) await acceptAndForward(k);
  });

  it('6. the bureau assigns two experts (a conflicted one is refused)', async () => {
    await withPage('bureau', async (page) => {
      await page.goto(`${server.baseUrl}/app/municipal-review`);
      const row = page.locator('[data-testid=municipal-review-table] .el-table__row', { hasText: NAMES.M1 }).first();
      await row.waitFor();
      const dialog = page.getByTestId('assign-dialog');
      const assign = async (expert: string) => {
        await row.getByTestId('assign-open').click();
        await dialog.waitFor();
        await dialog.getByTestId('assign-expert-select').click();
        await pickOption(page, expert);
        await dialog.getByTestId('assign-confirm').click();
      };
      await assign('评审专家丙');
      await expect.poll(() => dialog.locator('.el-form-item__error').innerText()).toMatch(/回避|利益|运营/);
      await shot(page, 'assign-conflict');
      await dialog.locator('.el-dialog__footer button', { hasText: '取消' }).click();
      await dialog.waitFor({ state: 'hidden' });
      for (const expert of ['评审专家甲', '评审专家乙']) {
        await assign(expert);
        await dialog.waitFor({ state: 'hidden' });
        await row.getByText(expert).waitFor();
      }
      await shot(page, 'experts-assigned');
    });
    for (const k of ['N', 'M2', 'D'] as const) {
      for (const who of ['expert1', 'expert2']) await api('bureau').ok('POST', entryUrl(k, '/experts'), { expertUserId: users[who]?.id });
    }
  });

  it('7. each expert scores the judged rows of M1 on screen and submits', async () => {
    for (const who of ['expert1', 'expert2'] as const) {
      await withPage(who, async (page) => {
        await page.goto(`${server.baseUrl}/app/review`);
        await page.getByRole('link', { name: NAMES.M1 }).click();
        await page.getByTestId('assignment-preview').waitFor();
        const own = await api(who).ok<OwnAssignment>('GET', entryUrl('M1', '/assignment'));
        expect(own.judgedRows.length).toBeGreaterThan(0);
        const scores = scoresFor(who, own.judgedRows);
        for (const [fact, score] of Object.entries(scores)) {
          const input = page.locator(`[data-testid=judged-${fact}] input`);
          await input.fill(score);
          await input.blur();
        }
        await page.locator('textarea[data-testid=private-notes]').fill('现场资料齐全，入驻协议已核对。');
        await page.getByTestId('assignment-save').click();
        await page.getByText('已保存').first().waitFor();
        expect((await api(who).ok<OwnAssignment>('GET', entryUrl('M1', '/assignment'))).judgedScores).toEqual(scores);
        await page.getByTestId('assignment-submit').click();
        await confirmBox(page, '提交');
        await page.getByText('评审意见已提交，已锁定。').waitFor();
        await shot(page, `${who}-submitted`);
        // The same expert's scores for the other three entries through the API: M2 gets exactly M1's.
        for (const k of ['N', 'M2', 'D'] as const) {
          const other = await api(who).ok<OwnAssignment>('GET', entryUrl(k, '/assignment'));
          await api(who).ok('PUT', entryUrl(k, '/assignment'), { judgedScores: scoresFor(who, other.judgedRows) });
          await api(who).ok('POST', entryUrl(k, '/assignment/submit'));
        }
      });
    }
  });

  it('8. the bureau finishes the reviews, decides the held tie at the 30 % line, grades and publishes', async () => {
    await withPage('bureau', async (page) => {
      await page.goto(`${server.baseUrl}/app/municipal-review`);
      const row = page.locator('[data-testid=municipal-review-table] .el-table__row', { hasText: NAMES.M1 }).first();
      await row.waitFor();
      await row.getByTestId('review-open').click();
      await page.getByTestId('comparison-rows').waitFor();
      expect(await page.getByTestId('review-drawer').innerText()).toContain('已提交 2 人');
      await shot(page, 'review-comparison');
      await page.getByTestId('finish-review').click();
      await confirmBox(page, '完成评审');
      await page.getByTestId('review-drawer').getByText('已固定').waitFor();
    });
    for (const k of ['N', 'M2', 'D'] as const) await api('bureau').ok('POST', entryUrl(k, '/finish-review'));

    // The world's preconditions for a held tie, with the totals in the message when one fails.
    const entries = await api('bureau').ok<Entry[]>('GET', `/evaluations/${evaluationId}/entries`);
    const total = (k: Key) => Number(entries.find((e) => e.id === entryIds[k])?.reviewedTotal ?? NaN);
    const totals = Object.fromEntries(KEYS.map((k) => [k, total(k)]));
    const described = JSON.stringify(totals);
    expect(total('M1'), `M1 and M2 have identical data and scores, so their reviewed totals must tie: ${described}`).toBe(total('M2'));
    expect(total('M1'), `the tie must be above the 优秀 cut-off ${CUTOFF}: ${described}`).toBeGreaterThanOrEqual(Number(CUTOFF));
    expect(total('N'), `the national platform must rank below the tie: ${described}`).toBeLessThan(total('M1'));
    expect(total('D'), `the district-level platform must rank below the tie: ${described}`).toBeLessThan(total('M1'));

    await withPage('bureau', async (page) => {
      await page.goto(`${server.baseUrl}/app/panel`);
      await page.getByTestId('ranking-table').first().waitFor();
      expect(await page.getByTestId('cap-line').first().innerText()).toContain('30% 名额线：优秀不超过 1 个（共 4 个参评）');
      await page.getByTestId('conditions-recheck').click();
      const conditions = page.getByTestId('conditions-table');
      await conditions.waitFor();
      await expect.poll(() => conditions.innerText()).toContain(NAMES.M2);
      await shot(page, 'panel-conditions');
      const before = await panel();
      for (const k of ['M1', 'M2'] as const) {
        const r = before.ranking.find((x) => x.entryId === entryIds[k]);
        expect(r, `${k} ranked`).toMatchObject({ rank: 1, computed: 'held', conditionsLost: false });
      }
      expect(before.held.map((h) => h.entryId).sort()).toEqual([entryOf('M1'), entryOf('M2')].sort());
      const held = page.locator('[data-testid=ranking-table] .held-row');
      await expect.poll(() => held.count()).toBe(2);
      expect(await held.first().innerText()).toContain('待定');
      await shot(page, 'panel-held-tie');
      // M1 gets the one 优秀 place, M2 合格, each with the panel's reason.
      for (const [name, choice] of [[NAMES.M1, '优秀'], [NAMES.M2, '合格']] as const) {
        await held.filter({ hasText: name }).getByTestId('decide-open').click();
        const dialog = page.locator('.el-dialog', { hasText: '决定等次' });
        await dialog.getByText(choice, { exact: true }).click();
        await dialog.locator('textarea[data-testid=reason-text]').fill(`评审会议综合现场考察情况，${name}${choice === '优秀' ? '入驻企业结构更优' : '列为合格'}`);
        await dialog.getByTestId('reason-confirm').click();
        await dialog.waitFor({ state: 'hidden' });
      }
      await page.getByTestId('grade-button').click();
      await confirmBox(page, '确定等次');
      await page.getByText('等次已确定').first().waitFor();
      await shot(page, 'panel-graded');
      await page.getByTestId('publish-button').click();
      await confirmBox(page, '公布');
      await page.getByText('本年度评估结果已公布').waitFor();
      await shot(page, 'panel-published');
    });
    const after = await panel();
    const gradeOf = (k: Key) => after.ranking.find((x) => x.entryId === entryIds[k])?.grade;
    expect(gradeOf('M1')).toBe('excellent');
    expect(gradeOf('M2')).toBe('pass');
  });

  it('9. the public results page shows the four platforms with grades and no scores or contacts', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    context.on('page', (p) => p.on('pageerror', (e) => pageErrors.push(`public: ${e.message}`)));
    try {
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/results`);
      const table = page.getByTestId('public-results');
      for (const k of KEYS) await table.getByText(NAMES[k]).waitFor();
      const text = await table.innerText();
      const rowOf = (k: Key) => table.getByTestId('public-result-row').filter({ hasText: NAMES[k] });
      expect(await rowOf('M1').innerText()).toContain('优秀');
      expect(await rowOf('M2').innerText()).toContain('合格');
      const entries = await api('bureau').ok<Entry[]>('GET', `/evaluations/${evaluationId}/entries`);
      for (const e of entries) expect(text).not.toContain(e.reviewedTotal ?? '—');
      const pageText = await page.locator('body').innerText();
      for (const personal of [CONTACT.name, CONTACT.phone, '甲园区填报员', '评审专家甲', '评审专家乙']) expect(pageText).not.toContain(personal);
      expect(pageText).not.toMatch(/\d+\.\d\d/); // no scores at all
      await shot(page, 'public-results');
    } finally {
      await context.close();
    }
  });

  it('10. the operator of M1 prints its score sheet: Chinese text in the PDF, ink on the page, real glyphs', async () => {
    await withPage('opM1', async (page) => {
      await page.goto(`${server.baseUrl}/app${entryUrl('M1', '/print')}`);
      await page.locator('[data-testid=print-page][data-ready=true]').waitFor({ timeout: 30_000 });
      await page.getByTestId('print-sheet').first().waitFor();
      await shot(page, 'print-page');
      expect(await glyphsDistinct(page, squeeze(`${TITLE}${NAMES.M1}评审得分`))).toBe(true);
      await page.emulateMedia({ media: 'print' });
      const pdf = path.join(workDir, 'sheet.pdf');
      await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
      const text = squeeze(pdfTool('pdftotext', ['-layout', pdf, '-']));
      expect(text).toContain(squeeze(TITLE));
      expect(text).toContain(NAMES.M1);
      pdfTool('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, path.join(screenshotDir, `campaign-${String(step + 1).padStart(2, '0')}-print-pdf`)]);
      step += 1;
      pdfTool('pdftoppm', ['-gray', '-r', '60', '-f', '1', '-l', '1', pdf, path.join(workDir, 'sheet')]);
      const pgm = fs.readdirSync(workDir).find((f) => f.startsWith('sheet') && f.endsWith('.pgm'));
      expect(pgm, 'pdftoppm wrote the first page').toBeDefined();
      const dark = darkShare(path.join(workDir, pgm ?? ''));
      expect(dark).toBeGreaterThan(0.005);
      expect(dark).toBeLessThan(0.5);
    });
  });

  it('raised no page errors anywhere in the run', () => {
    expect(pageErrors).toEqual([]);
  });
});
