import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.js';
import { startServer, type E2eServer } from '../test/e2e-server.js';
import { checkAccessible, DESKTOP, PHONE, settle as settleOn } from './a11y.js';
import { launchBrowser, screenshot } from './browser.js';
import { confirmBox, MATERIAL_KINDS, openFromHome, recognitionSteps } from './recognition-steps.js';
import { apiLogin, CREATED_ACCOUNT_PASSWORD, DEMO_PASSWORD, type ApiClient } from './review-api.js';

/**
 * Objections to a recognition publicity, on a server of its own: the demo's 万州区三峡库区人才市场 is
 * assessed by expert1 and proposed and posted for publicity by staff (through the API); a citizen on a
 * 390 px phone files an objection with an attachment and looks it up by its receipt; staff assigns it to a
 * colleague (staff2), who finds it on the home page, records the investigation, decides (not upheld) and
 * records the reply; the citizen sees the reply. Once the period is over (the notice is moved 30 days
 * back in the database, as the server has no test clock) the form is closed and staff recognizes.
 */
const APP = '万州区三峡库区人才市场';
const GROUNDS = '该人才市场实际服务人次与申报材料不符，请予核实。';
const REPLY = '经核查，服务人次与台账一致，您反映的问题不成立。特此答复。';
let server: E2eServer | undefined;
let baseUrl = '';
let browser: Browser | undefined;
let staff: ApiClient;
let applicationId = '';
let noticeId = '';
let receipt = '';
const passwords: Record<string, string> = { staff: DEMO_PASSWORD };
const { newPage, signIn, settle } = recognitionSteps({ baseUrl: () => baseUrl, browser: () => browser, passwords });
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** expert1 assesses, staff proposes and posts the notice today for five days (the existing API routes). */
async function toPublicity(): Promise<void> {
  staff = await apiLogin(baseUrl, 'staff');
  const expert = await apiLogin(baseUrl, 'expert1');
  const list = await staff.ok<{ items: { id: string; name: string }[] }>('GET', '/recognition/applications?pageSize=100');
  applicationId = list.items.find((a) => a.name === APP)?.id ?? '';
  expect(applicationId).not.toBe('');
  const base = `/recognition/applications/${applicationId}`;
  await expert.ok('PUT', `${base}/my-review`, {
    verifications: Object.fromEntries(MATERIAL_KINDS.map((k) => [k, { result: 'verified' }])),
    siteVisit: { date: today(), participants: ['评审专家', '市局工作人员'], findings: '场地与申报材料一致' },
    necessity: '库区人才服务需要', feasibility: '场地、团队具备条件', recommendation: 'recommend',
  });
  await expert.ok('POST', `${base}/my-review/submit`);
  await staff.ok('POST', `${base}/propose`, { note: '经研究，拟认定（浏览器测试）' });
  const p = await staff.ok<{ notice: { id: string } }>('POST', `${base}/publicity`, { postedOn: today(), days: 5 });
  noticeId = p.notice.id;
}

/** A second bureau colleague, created by the admin, to take the objection. */
async function makeColleague(): Promise<void> {
  const admin = await apiLogin(baseUrl, 'admin');
  const me = await staff.ok<{ user: { organizationId: string } }>('GET', '/auth/session');
  const created = await admin.ok<{ initialPassword: string }>('POST', '/users', { username: 'staff2', displayName: '市局业务人员乙（测试）', role: 'bureau', organizationId: me.user.organizationId });
  await apiLogin(baseUrl, 'staff2', created.initialPassword);
  passwords.staff2 = CREATED_ACCOUNT_PASSWORD;
}

async function phone(): Promise<Page> {
  if (!browser) throw new Error('no browser');
  return browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
}

/** Nothing wider than the phone's screen. */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** Reads the question as a screen reader would and answers it. */
async function answerChallenge(page: Page): Promise<void> {
  const q = await page.getByTestId('challenge-question').innerText();
  const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  const num = (t: string) => (/^\d+$/.test(t) ? Number(t) : digits.indexOf(t));
  const m = /^(\S+) (加|减去) (\S+) 等于几？$/.exec(q.trim());
  if (!m?.[1] || !m[3]) throw new Error(`question: ${q}`);
  const answer = m[2] === '加' ? num(m[1]) + num(m[3]) : num(m[1]) - num(m[3]);
  await page.locator('#objection-answer').fill(String(answer));
}

async function lookUp(page: Page, contact: string): Promise<string> {
  await page.goto(`${baseUrl}/objections/lookup`);
  await page.locator('input[data-testid=lookup-receipt]').fill(receipt.toLowerCase());
  await page.locator('input[data-testid=lookup-contact]').fill(contact);
  await page.getByTestId('lookup-submit').click();
  await page.getByTestId('lookup-result').waitFor({ timeout: 20_000 });
  return page.getByTestId('lookup-result').innerText();
}

beforeAll(async () => {
  server = await startServer({ demo: true });
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
  await toPublicity();
  await makeColleague();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

describe('a citizen objects to a recognition publicity, the bureau handles it', () => {
  it('the citizen on a 390 px phone files an objection with an attachment and gets a receipt', async () => {
    const page = await phone();
    try {
      await page.goto(`${baseUrl}/notices/${noticeId}/objection`);
      await page.getByTestId('objection-form').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('objection-notice-title').innerText()).toContain(APP);
      // A refused form: errors stand next to their fields, in Chinese, and nothing is filed.
      await page.getByTestId('objection-submit').click();
      await page.getByTestId('objection-error').waitFor();
      await screenshot(page, 'objections-1-phone-refused');
      expect(await page.getByTestId('objection-error').innerText()).toContain('请按提示修改');
      expect(await page.getByTestId('error-name').innerText()).toBe('姓名：请填写');
      expect(await page.getByTestId('error-phone').innerText()).toContain('联系电话或电子邮箱：请至少填写一项');

      await page.getByLabel('姓名').fill('王市民');
      await page.getByLabel('联系电话').fill('13912345678');
      await page.getByLabel('异议理由').fill(GROUNDS);
      await page.locator('#objection-files').setInputFiles({ name: '服务台账.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') });
      await answerChallenge(page);
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, 'objections-2-phone-form');
      await page.getByTestId('objection-submit').click();
      await page.getByTestId('objection-receipt').waitFor({ timeout: 20_000 });
      receipt = (await page.getByTestId('receipt-no').innerText()).trim();
      expect(receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(await page.getByTestId('receipt-print').isVisible()).toBe(true);
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, 'objections-3-phone-receipt');

      const found = await lookUp(page, '139-1234-5678');
      expect(found).toContain('待处理');
      expect(found).toContain(APP);
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, 'objections-4-phone-lookup');
    } finally {
      await page.close();
    }
  });

  it('the notice pages pass axe-core at 390 px and 1440 px, also with text at 200 %', async () => {
    const pages = [
      { name: 'notices', path: '/notices', ready: 'notices-list' },
      { name: 'notice', path: `/notices/${noticeId}`, ready: 'public-items' },
      { name: 'objection-form', path: `/notices/${noticeId}/objection`, ready: 'objection-form' },
      { name: 'objection-lookup', path: '/objections/lookup', ready: 'lookup-submit' },
    ];
    for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
      for (const p of pages) {
        // bypassCSP: the app's policy (script-src 'self') would refuse the injected axe-core.
        if (!browser) throw new Error('no browser');
        const page = await browser.newPage({ locale: 'zh-CN', viewport, bypassCSP: true });
        try {
          await page.goto(`${baseUrl}${p.path}`);
          await settleOn(page, p.ready);
          await checkAccessible(page, `objections-a11y-${p.name}-${label}`);
        } finally {
          await page.close();
        }
      }
    }
  }, 240_000);

  it('staff assigns it to a colleague; the decision waits for the assignment (disabled with the reason)', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'staff');
      await page.goto(`${baseUrl}/app/publicity/${noticeId}/objections`);
      const table = page.getByTestId('objection-table');
      await table.getByText(GROUNDS).waitFor({ timeout: 20_000 });
      await settle(page);
      await screenshot(page, 'objections-5-bureau-list');
      await table.getByTestId('objection-open').first().click();
      const drawer = page.getByTestId('objection-drawer');
      await drawer.getByTestId('objection-status').waitFor();
      expect(await drawer.getByTestId('objection-decide-wrap').getAttribute('data-reason')).toBe('请先分派承办人，再作出处理决定');
      expect(await drawer.getByTestId('objection-decide').isDisabled()).toBe(true);
      await drawer.getByTestId('objection-assignee').click();
      await page.locator('.el-select-dropdown__item', { hasText: '市局业务人员乙（测试）' }).click();
      await drawer.getByTestId('objection-assign').click();
      await expect.poll(() => drawer.getByTestId('objection-status').innerText()).toBe('已分派');
      await settle(page);
      await screenshot(page, 'objections-6-bureau-assigned');
    } finally {
      await page.close();
    }
  });

  it('the colleague finds it on the home page, investigates, decides (not upheld) and records the reply', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'staff2');
      const tasks = page.getByTestId('home-tasks');
      await tasks.getByText('异议处理').first().waitFor({ timeout: 20_000 });
      await screenshot(page, 'objections-7-colleague-home');
      await tasks.getByText('异议处理').first().click();
      const drawer = page.getByTestId('objection-drawer');
      await drawer.getByTestId('objection-status').waitFor({ timeout: 20_000 });
      await drawer.locator('textarea[data-testid=objection-note]').fill('调取服务台账，与申报材料核对一致。');
      await drawer.getByTestId('objection-note-add').click();
      await expect.poll(() => drawer.getByTestId('objection-notes').innerText()).toContain('调取服务台账');
      await drawer.getByTestId('objection-decide-outcome').getByText('异议不成立').click();
      await drawer.locator('textarea[data-testid=objection-reasons]').fill('经核查服务台账，服务人次属实，异议不成立。');
      await drawer.getByTestId('objection-decide').click();
      await expect.poll(() => drawer.getByTestId('objection-status').innerText()).toBe('已作出处理决定');
      expect(await drawer.getByTestId('objection-decided').innerText()).toContain('异议不成立');
      await drawer.locator('textarea[data-testid=objection-reply-text]').fill(REPLY);
      await drawer.getByTestId('objection-reply-save').click();
      await expect.poll(() => drawer.getByTestId('objection-status').innerText()).toBe('已答复');
      // Done: what was decided and replied reads as text; no step is offered any more.
      expect(await drawer.getByTestId('objection-replied').innerText()).toContain(REPLY);
      expect(await drawer.getByTestId('objection-assign').count()).toBe(0);
      expect(await drawer.locator('input:not([type=hidden]), textarea').count()).toBe(0);
      await settle(page);
      await screenshot(page, 'objections-8-colleague-replied');
    } finally {
      await page.close();
    }
  });

  it('the citizen sees the reply', async () => {
    const page = await phone();
    try {
      const found = await lookUp(page, '13912345678');
      expect(found).toContain('已答复');
      expect(await page.getByTestId('lookup-reply').innerText()).toContain(REPLY);
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, 'objections-9-phone-reply');
    } finally {
      await page.close();
    }
  });

  it('after the end of the period the form is closed and staff recognizes the application', async () => {
    if (!server) throw new Error('no server');
    const { db, pool } = openDatabase(server.databaseUrl, 1);
    try {
      // 30 days later: the whole period moves back, as if it had run out.
      await db.execute(sql`update publicity_notices set posted_on = posted_on - 30, first_day = first_day - 30, last_day = last_day - 30, decision_from = decision_from - 30 where id = ${noticeId}`);
    } finally {
      await pool.end();
    }
    const citizen = await phone();
    try {
      await citizen.goto(`${baseUrl}/notices/${noticeId}/objection`);
      await citizen.getByTestId('objection-closed').waitFor({ timeout: 20_000 });
      expect(await citizen.getByTestId('objection-closed').innerText()).toContain('公示期已于');
      await screenshot(citizen, 'objections-10-phone-closed');
    } finally {
      await citizen.close();
    }
    const page = await newPage();
    try {
      await signIn(page, 'staff');
      await openFromHome(page, APP);
      await page.getByRole('tab', { name: '专家评估与认定' }).click();
      await page.getByTestId('decision-card').waitFor();
      await settle(page);
      await page.locator('input[data-testid=recognize-doc-no]').fill(`渝人社〔${today().slice(0, 4)}〕77号`);
      await page.getByTestId('recognize').click();
      await confirmBox(page);
      await page.getByTestId('decision-done').waitFor({ timeout: 20_000 });
      await settle(page);
      await screenshot(page, 'objections-11-recognized');
    } finally {
      await page.close();
    }
  });
});
