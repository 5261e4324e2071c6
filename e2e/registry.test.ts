import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBaseUrl } from './demo-server.js';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, screenshot } from './browser.js';
import { SHEET, headers, namesIn, readWorkbook, validUscc, writeDirectory, wrongCheckChar, type EnterpriseLine } from './enterprise-file.js';

const baseUrl = demoBaseUrl();
const password = 'Demo@2025';
const JLP_PARK = '九龙坡区人力资源服务产业园';
const ROWS = 500;
/** A 1×1 PNG. */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
let browser: Browser;
let workDir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-registry-'));
});
afterAll(async () => {
  await browser.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

async function newPage(): Promise<Page> {
  return browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
}

async function signIn(page: Page, username: string): Promise<void> {
  await login(page, baseUrl, username, password);
  await page.getByTestId('home-title').waitFor({ timeout: 20_000 });
}

/** Opens a platform from the list by its name; returns its id. */
async function openPlatform(page: Page, name: string): Promise<string> {
  await page.goto(`${baseUrl}/app/platforms`);
  const link = page.getByTestId('platform-table').getByRole('link', { name, exact: true });
  await link.click();
  await page.getByTestId('platform-name').waitFor();
  expect(await page.getByTestId('platform-name').innerText()).toBe(name);
  const id = /\/app\/platforms\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (!id) throw new Error(`no platform id in ${page.url()}`);
  return id;
}

/** Waits until requests are done and no loading mask is left, so screenshots show the content. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.el-loading-mask').evaluateAll((masks) => masks.filter((m) => m instanceof HTMLElement && m.offsetParent !== null).length)).toBe(0);
}

/** 「2025 年度共 12 家」 → { year: 2025, count: 12 }. */
async function residenceCount(page: Page): Promise<{ year: number; count: number }> {
  const text = await page.getByTestId('residence-count').innerText();
  const m = /(\d{4}) 年度共 (\d+) 家/.exec(text);
  if (!m) throw new Error(`unexpected count text: ${text}`);
  return { year: Number(m[1]), count: Number(m[2]) };
}

async function download(page: Page, testId: string, saveAs: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const target = path.join(workDir, saveAs);
  await file.saveAs(target);
  return target;
}

async function uploadDirectory(page: Page, file: string): Promise<void> {
  await page.getByTestId('import-open').click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.waitFor();
  await dialog.locator('input[type=file]').setInputFiles(file);
  await dialog.getByTestId('import-start').click();
}

function lines(year: number): EnterpriseLine[] {
  return Array.from({ length: ROWS }, (_, i) => ({
    uscc: validUscc(i + 1),
    name: `重庆渝才${String(i + 1).padStart(3, '0')}人力资源服务有限公司`,
    industry: 'L 租赁和商务服务业',
    isHrService: i % 5 === 0 ? '否' : '是',
    aboveScale: i % 10 === 0 ? '是' : '否',
    mode: i % 7 === 0 ? '线上' : '线下',
    entryDate: `${year}-03-01`,
    revenue: 1_000_000 + i * 1_000,
    passThrough: 0,
    tax: 50_000 + i,
  }));
}

describe('registry: a district unit imports its park’s resident enterprises', () => {
  it('downloads the template, is told about 3 bad rows, imports 500 rows, finds and exports them', async () => {
    const page = await newPage();
    const consoleErrors: string[] = [];
    const failed: string[] = [];
    try {
      await signIn(page, 'jlp.hrss');
      page.on('console', (m) => {
        // A refused import answers 400, which the browser logs as a failed resource; that is expected here.
        if (m.type() === 'error' && !m.text().includes('400')) consoleErrors.push(m.text());
      });
      page.on('response', (r) => {
        if (r.status() >= 400) failed.push(`${r.status()} ${r.request().method()} ${r.url()}`);
      });
      await openPlatform(page, JLP_PARK);
      await settle(page);
      await screenshot(page, 'registry-platform-basics');

      await page.locator('#tab-residences').click();
      await expect.poll(() => residenceCount(page).then((c) => c.year), { timeout: 15_000 }).toBeGreaterThan(2000);
      await settle(page);
      const before = await residenceCount(page);
      await screenshot(page, 'registry-residences-before');

      // The template: its headers are the columns the import reads.
      const template = await download(page, 'template-download', 'template.xlsx');
      const tplSheet = (await readWorkbook(template)).getWorksheet(SHEET);
      expect(tplSheet).toBeDefined();
      const tplHeaders = headers(tplSheet!);
      for (const h of ['统一社会信用代码', '企业名称', '所属行业', '入驻日期', '退出日期', '代码校验未通过的说明']) expect(tplHeaders).toContain(h);
      expect(tplHeaders.some((h) => h.startsWith('营业收入'))).toBe(true);
      expect(tplHeaders.some((h) => h.startsWith('纳税额'))).toBe(true);

      // 500 rows, 3 of them wrong: a bad check character, a missing name, a non-integer revenue.
      const good = lines(before.year);
      const bad = good.map((l) => ({ ...l }));
      const [wrongCode, noName, decimalRevenue] = [10, 100, 250];
      bad[wrongCode]!.uscc = wrongCheckChar(good[wrongCode]!.uscc);
      bad[noName]!.name = null;
      bad[decimalRevenue]!.revenue = 1234.5;
      const badFile = path.join(workDir, 'bad.xlsx');
      await writeDirectory(template, bad, badFile);

      await uploadDirectory(page, badFile);
      const errorsTable = page.getByTestId('import-errors');
      await errorsTable.waitFor({ timeout: 60_000 });
      const errorRows = errorsTable.locator('.el-table__body tr');
      await expect.poll(() => errorRows.count()).toBe(3);
      const errorText = await errorsTable.innerText();
      // Excel rows: header is row 1, so line i is row i + 2.
      for (const i of [wrongCode, noName, decimalRevenue]) expect(errorText).toContain(String(i + 2));
      expect(errorText).toContain('校验位错误');
      expect(errorText).toContain('不能为空');
      expect(errorText).toContain('整数');
      expect(await page.getByTestId('import-failure').innerText()).toContain('未导入任何数据');
      await screenshot(page, 'registry-import-errors');

      // Nothing was saved.
      await page.getByTestId('import-dialog').getByRole('button', { name: '取消' }).click();
      await page.getByTestId('import-dialog').waitFor({ state: 'hidden' });
      expect((await residenceCount(page)).count).toBe(before.count);

      // The corrected file goes in whole.
      const goodFile = path.join(workDir, 'good.xlsx');
      await writeDirectory(template, good, goodFile);
      await uploadDirectory(page, goodFile);
      const result = page.getByTestId('import-result');
      await result.waitFor({ timeout: 60_000 });
      const m = /新增 (\d+)，更新 (\d+)，未变 (\d+)/.exec(await result.innerText());
      expect(m).not.toBeNull();
      expect(Number(m![1]) + Number(m![2])).toBe(ROWS);
      await screenshot(page, 'registry-import-success');
      await page.getByTestId('import-dialog').getByRole('button', { name: '完成' }).click();
      await page.getByTestId('import-dialog').waitFor({ state: 'hidden' });
      await expect.poll(() => residenceCount(page).then((c) => c.count), { timeout: 15_000 }).toBe(before.count + Number(m![1]));
      await settle(page);
      await screenshot(page, 'registry-residences-after');

      // One of them, found by name.
      const wanted = good[123]!.name!;
      await page.locator('input[data-testid=residence-search]').fill(wanted);
      await page.getByTestId('residence-search-button').click();
      await expect.poll(() => page.getByTestId('residence-table').locator('.el-table__body tr').count()).toBe(1);
      expect(await page.getByTestId('residence-name').first().innerText()).toBe(wanted);
      expect(await page.getByTestId('residence-table').innerText()).toContain('1,123,000');
      await settle(page);
      await screenshot(page, 'registry-residences-search');

      // The export (all rows: the search is cleared first) holds them all.
      await page.locator('input[data-testid=residence-search]').fill('');
      await page.getByTestId('residence-search-button').click();
      await expect.poll(() => residenceCount(page).then((c) => c.count)).toBeGreaterThanOrEqual(ROWS);
      const exported = await download(page, 'residence-export', 'export.xlsx');
      const wb = await readWorkbook(exported);
      const sheet = wb.worksheets[0]!;
      const names = namesIn(sheet);
      expect(names.length).toBeGreaterThanOrEqual(ROWS);
      expect(names).toContain(wanted);
      expect(names).toContain(good[0]!.name);

      expect(consoleErrors).toEqual([]);
      expect(failed.filter((f) => !f.startsWith('400 POST') || !f.includes('/imports/enterprises'))).toEqual([]);
    } finally {
      await page.close();
    }
  }, 180_000);
});

describe('registry: a district unit registers a district-level platform', () => {
  it('fills the form (level and district fixed to its own) and lands on the new platform, 待备案 (已备案 once the bureau acknowledges its filing)', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'jlp.hrss');
      await page.goto(`${baseUrl}/app/platforms`);
      await page.getByTestId('platform-create').click();
      const form = page.getByTestId('platform-form');
      await form.waitFor();
      expect(await form.getByTestId('platform-form-level-text').innerText()).toBe('区县级');
      const name = '九龙坡区数字人才服务产业园';
      await form.locator('input[data-testid=platform-form-name]').fill(name);
      await form.getByTestId('platform-form-type').click();
      await page.locator('.el-select-dropdown__item', { hasText: '专业性行业性人力资源服务产业园' }).click();
      await form.getByText('特定行业', { exact: true }).click();
      await form.getByText('政策咨询', { exact: true }).click();
      await form.getByText('融资服务', { exact: true }).click();
      await form.locator('input[data-testid=platform-form-phone]').fill('023-6878 1234');
      await screenshot(page, 'registry-platform-create');
      await form.getByTestId('platform-form-save').click();
      await page.waitForURL(/\/app\/platforms\/[0-9a-f-]{36}/);
      await page.getByTestId('platform-name').waitFor();
      expect(await page.getByTestId('platform-name').innerText()).toBe(name);
      expect(await page.getByTestId('platform-status').innerText()).toBe('待备案');
      // The list masks the phone; the detail offers the full number through the audited endpoint.
      const phone = page.locator('input[data-testid=platform-form-phone]');
      await expect.poll(() => phone.inputValue()).toContain('*');
      await page.getByTestId('reveal-phone').click();
      await expect.poll(() => phone.inputValue()).toBe('023-6878 1234');
      await settle(page);
      await screenshot(page, 'registry-platform-created');
    } finally {
      await page.close();
    }
  });
});

describe('registry: an operator edits its own platform only', () => {
  it('edits a site of its park and cannot open another platform', async () => {
    // Another platform's id, as the bureau sees it.
    const bureau = await newPage();
    let otherId = '';
    try {
      await signIn(bureau, 'staff');
      const answer = await bureau.request.get(`${baseUrl}/api/v1/platforms?q=${encodeURIComponent('万州区')}`);
      const body: { items: { id: string; name: string }[] } = await answer.json();
      otherId = body.items[0]?.id ?? '';
      expect(otherId).not.toBe('');
    } finally {
      await bureau.close();
    }

    const page = await newPage();
    try {
      await signIn(page, 'jlp.operator');
      const id = await openPlatform(page, JLP_PARK);
      await page.locator('#tab-sites').click();
      const sites = page.getByTestId('site-table');
      await sites.waitFor();
      await settle(page);
      if ((await page.getByTestId('site-edit').count()) === 0) {
        await page.getByTestId('site-add').click();
        await page.locator('input[data-testid=site-name-input]').fill('九龙坡人力资源服务大厦');
        await page.locator('input[data-testid=site-address-input]').fill('重庆市九龙坡区科城路 71 号');
        await page.locator('[data-testid=site-area-input] input').fill('12500.5');
        await page.getByTestId('site-save').click();
        await page.getByTestId('site-edit').first().waitFor();
      }
      await page.getByTestId('site-edit').first().click();
      const newName = `九龙坡人力资源服务大厦（${Date.now() % 100_000} 号楼）`;
      await page.locator('input[data-testid=site-name-input]').fill(newName);
      await page.getByTestId('site-save').click();
      await expect.poll(() => sites.getByTestId('site-name').allInnerTexts()).toContain(newName);
      await screenshot(page, 'registry-operator-site');

      // Reloading shows the saved name: it is the server's, not the form's.
      await page.goto(`${baseUrl}/app/platforms/${id}?tab=sites`);
      await expect.poll(() => page.getByTestId('site-table').getByTestId('site-name').allInnerTexts()).toContain(newName);

      // Another platform is out of scope: the server answers 404 and the page says so.
      await page.goto(`${baseUrl}/app/platforms/${otherId}`);
      const notFound = page.getByTestId('platform-not-found');
      await notFound.waitFor();
      expect(await notFound.innerText()).toContain('平台不存在或无权查看');
      await screenshot(page, 'registry-operator-other-platform');
    } finally {
      await page.close();
    }
  });
});

describe('registry: the bureau records a duplicate offline residence', () => {
  it('adds an enterprise by hand (code check feedback), sees the 重复入驻 tag and the duplicates page', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'staff');
      await page.goto(`${baseUrl}/app/platforms`);
      await page.getByTestId('platform-table').locator('.el-table__body tr').first().waitFor();
      await screenshot(page, 'registry-platform-list');

      // The enterprise is already resident offline in 万州 (recorded through the API)…
      const code = validUscc(900_001);
      const name = '重庆两地入驻人力资源有限公司';
      const { csrfToken }: { csrfToken: string } = await (await page.request.get(`${baseUrl}/api/v1/auth/session`)).json();
      const list: { items: { id: string }[] } = await (await page.request.get(`${baseUrl}/api/v1/platforms?q=${encodeURIComponent('万州区')}`)).json();
      const wanzhou = list.items[0]!.id;

      // …and is now added by hand to the national park, in the year its tab opens on.
      await openPlatform(page, '中国重庆人力资源服务产业园');
      await page.locator('#tab-residences').click();
      await expect.poll(() => residenceCount(page).then((c) => c.year), { timeout: 15_000 }).toBeGreaterThan(2000);
      const { year } = await residenceCount(page);
      const created = await page.request.post(`${baseUrl}/api/v1/platforms/${wanzhou}/residences`, {
        headers: { 'x-csrf-token': csrfToken },
        data: { year, uscc: code, name, industry: 'L', isHrService: true, aboveScale: false, mode: 'offline', revenueYuan: 8_000_000, taxYuan: 300_000 },
      });
      expect(created.status()).toBe(201);

      await page.getByTestId('residence-add').click();
      const dialog = page.getByTestId('residence-dialog');
      await dialog.waitFor();
      // A wrong check character: the local hint, the override field, then the server's own message.
      await dialog.locator('input[data-testid=residence-uscc]').fill(wrongCheckChar(code));
      await dialog.locator('input[data-testid=residence-name-input]').click();
      await dialog.getByTestId('residence-uscc-override').waitFor();
      await dialog.locator('input[data-testid=residence-name-input]').fill(name);
      await dialog.locator('.el-select').first().click();
      await page.locator('.el-select-dropdown__item', { hasText: 'L 租赁和商务服务业' }).click();
      await dialog.locator('[data-testid=residence-revenue] input').fill('12345678');
      await dialog.locator('[data-testid=residence-tax] input').fill('456789');
      expect(await dialog.innerText()).toContain('约 1,234.57 万元');
      await dialog.getByTestId('residence-save').click();
      await expect.poll(() => dialog.innerText()).toContain('校验位错误');
      await screenshot(page, 'registry-residence-uscc-error');

      // The right code goes in, and the row carries the red tag.
      await dialog.locator('input[data-testid=residence-uscc]').fill(code);
      await dialog.getByTestId('residence-save').click();
      await dialog.waitFor({ state: 'hidden' });
      const table = page.getByTestId('residence-table');
      await expect.poll(() => table.innerText()).toContain(name);
      await expect.poll(() => table.getByTestId('duplicate-tag').count()).toBe(1);
      expect(await table.innerText()).toContain('12,345,678');
      await settle(page);
      await screenshot(page, 'registry-residence-duplicate');

      // The bureau's list of duplicates names both platforms.
      await page.goto(`${baseUrl}/app/enterprises/duplicates`);
      const duplicates = page.getByTestId('duplicates-table');
      await expect.poll(() => duplicates.innerText(), { timeout: 15_000 }).toContain(name);
      const text = await duplicates.innerText();
      expect(text).toContain('中国重庆人力资源服务产业园');
      expect(text).toContain('万州区人力资源服务产业园');
      await screenshot(page, 'registry-duplicates');
    } finally {
      await page.close();
    }
  });
});

describe('registry: the bureau sees every tab', () => {
  it('opens each tab of a platform, the status dialog and the enterprise directory', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'staff');
      await openPlatform(page, JLP_PARK);
      for (const tab of ['sites', 'residences']) {
        await page.locator(`#tab-${tab}`).click();
        await settle(page);
        await screenshot(page, `registry-tab-${tab}`);
      }

      // Yearly data: an event without attendance is refused by the server, next to the events; then saved.
      await page.locator('#tab-year-data').click();
      await page.getByTestId('year-data-form').waitFor();
      await settle(page);
      await page.locator('[data-testid=fact-employersServed] input').fill('120');
      const events = page.getByTestId('fact-events');
      await events.getByTestId('event-add').click();
      await events.locator('.el-table__body tr').last().locator('input').first().fill('人力资源服务沙龙');
      await page.getByTestId('year-data-save').click();
      await expect.poll(() => events.locator('.el-form-item__error').innerText()).toContain('参加人数');
      await screenshot(page, 'registry-year-data-error');
      await events.locator('.el-table__body tr').last().locator('input').nth(1).fill('80');
      await page.getByTestId('year-data-save').click();
      await expect.poll(() => page.locator('.el-message--success').allInnerTexts()).toContainEqual(expect.stringContaining('年度运营数据已保存'));
      await expect.poll(() => events.locator('.el-form-item__error').count()).toBe(0);
      await settle(page);
      await screenshot(page, 'registry-tab-year-data');

      // Attachments: a refused file shows the server's message; an image is listed and previewed.
      await page.locator('#tab-files').click();
      await settle(page);
      const fileInput = page.locator('input[data-testid=file-input]');
      await fileInput.setInputFiles({ name: '假的材料.pdf', mimeType: 'application/pdf', buffer: Buffer.from('这不是 PDF 文件') });
      await expect.poll(() => page.locator('.el-message--error').allInnerTexts()).not.toEqual([]);
      await fileInput.setInputFiles({ name: '认定批复.png', mimeType: 'image/png', buffer: PNG_1X1 });
      const files = page.getByTestId('file-table');
      await expect.poll(() => files.innerText()).toContain('认定批复.png');
      await files.getByTestId('file-preview-button').first().click();
      await page.getByTestId('file-preview-image').waitFor();
      await screenshot(page, 'registry-tab-files');
      await page.getByTestId('file-preview').getByRole('button', { name: /关闭|Close/ }).click();

      // A lifecycle round trip: only the allowed changes are offered; both land in the history.
      const dialog = page.getByTestId('status-dialog');
      const change = async (to: string, reason: string, shot?: string): Promise<void> => {
        await page.getByTestId('status-change').click();
        await dialog.waitFor();
        await dialog.getByTestId(`transition-${to}`).click();
        await dialog.locator('textarea[data-testid=status-reason]').fill(reason);
        if (shot) await screenshot(page, shot);
        await dialog.getByTestId('status-save').click();
        await dialog.waitFor({ state: 'hidden' });
      };
      await change('rectifying', '年度评估发现运营团队专职人员不足，责令限期整改', 'registry-status-dialog');
      expect(await page.getByTestId('platform-status').innerText()).toBe('整改中');
      await change('recognized', '整改完成，经复核符合要求');
      expect(await page.getByTestId('platform-status').innerText()).toBe('已认定');
      await page.locator('#tab-history').click();
      await expect.poll(() => page.getByTestId('history-table').locator('.el-table__body tr').count()).toBeGreaterThanOrEqual(2);
      expect(await page.getByTestId('history-table').innerText()).toContain('整改完成，经复核符合要求');
      await settle(page);
      await screenshot(page, 'registry-tab-history');

      await page.goto(`${baseUrl}/app/enterprises`);
      await page.getByTestId('enterprise-table').waitFor();
      await settle(page);
      await screenshot(page, 'registry-enterprises');
    } finally {
      await page.close();
    }
  });
});
