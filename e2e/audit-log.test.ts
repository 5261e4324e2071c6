import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBaseUrl } from './demo-server.js';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, screenshot, screenshotDir } from './browser.js';

const baseUrl = demoBaseUrl();
let browser: Browser;
let workDir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-audit-'));
});
afterAll(async () => {
  await browser.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

async function pageAs(username: string): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1600, height: 900 }, acceptDownloads: true });
  await login(page, baseUrl, username, 'Demo@2025');
  await page.getByTestId('home-title').waitFor({ timeout: 20_000 });
  return page;
}
const auditorPage = () => pageAs('auditor');

/** GET of the API with the page's session (ids for URLs the test opens). */
async function api<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => (await fetch(`/api/v1${u}`)).json() as Promise<T>, url);
}

/** The texts of one column of an Element Plus table, by its header. */
async function column(page: Page, tableTestId: string, header: string): Promise<string[]> {
  const table = page.getByTestId(tableTestId);
  const headers = await table.locator('.el-table__header th').allInnerTexts();
  const index = headers.findIndex((h) => h.trim() === header);
  expect(index, `column ${header} in ${headers.join('|')}`).toBeGreaterThanOrEqual(0);
  return table.locator(`.el-table__body tr.el-table__row > td:nth-child(${index + 1})`).allInnerTexts();
}

describe('the auditor reads the logs in Chinese', () => {
  it('audit log: Chinese actions and named objects, a filter by a Chinese action name, the .xlsx export', async () => {
    const page = await auditorPage();
    await page.goto(`${baseUrl}/app/admin/audit-log`);
    const table = page.getByTestId('audit-table');
    await table.locator('.el-table__body tr.el-table__row').first().waitFor();
    // No codes: actions and object types in Chinese, no raw JSON, no cut ids.
    for (const header of ['操作', '对象类型']) {
      const cells = await column(page, 'audit-table', header);
      expect(cells.filter((c) => /[a-z_]/.test(c)), header).toEqual([]);
    }
    expect(await table.innerText()).not.toMatch(/\{"|evaluation_entry/);
    await screenshot(page, 'audit-log-01-list');

    await page.getByTestId('audit-action-filter').click();
    await page.keyboard.type('提交自评');
    await page.locator('.el-select-dropdown__item:visible', { hasText: '提交自评' }).first().click();
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(async () => [...new Set(await column(page, 'audit-table', '操作'))]).toEqual(['提交自评']);
    const objects = await column(page, 'audit-table', '对象');
    expect(objects.every((o) => /\d{4} 年度 · .+/.test(o)), objects.join('|')).toBe(true);
    await table.locator('.el-table__expand-icon').first().click();
    await page.getByTestId('audit-summary').first().waitFor();
    await screenshot(page, 'audit-log-02-filtered');

    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    expect(file.suggestedFilename()).toMatch(/^审计日志-\d{8}\.xlsx$/);
    const saved = path.join(workDir, 'audit.xlsx');
    await file.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const ws = wb.worksheets[0]!;
    const headerRow = (ws.getRow(1).values as unknown[]).map(String);
    const actionCol = headerRow.indexOf('操作');
    expect(actionCol).toBeGreaterThan(0);
    expect(ws.rowCount).toBe(objects.length + 1);
    for (let r = 2; r <= ws.rowCount; r++) expect(ws.getRow(r).getCell(actionCol).text).toBe('提交自评');

    // The export is itself in the log, in Chinese.
    await page.getByRole('button', { name: '重置' }).click();
    await expect.poll(async () => (await column(page, 'audit-table', '操作'))[0]).toBe('导出文件');
    await page.close();
  });

  it('login log: browser and operating system instead of the raw agent, exported', async () => {
    const page = await auditorPage();
    await page.goto(`${baseUrl}/app/admin/login-log`);
    const table = page.getByTestId('login-log-table');
    await table.locator('.el-table__body tr.el-table__row').first().waitFor();
    const browsers = await column(page, 'login-log-table', '浏览器');
    expect(browsers[0]).toMatch(/^Chrome/);
    expect((await column(page, 'login-log-table', '操作系统'))[0]).toBe('Linux');
    expect(await table.innerText()).not.toContain('Mozilla/5.0');
    await screenshot(page, 'audit-log-03-login-log');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('login-log-export').click()]);
    expect(file.suggestedFilename()).toMatch(/^登录日志-\d{8}\.xlsx$/);
    await page.close();
  });
});

describe('buttons offer only what can succeed, and say why not', () => {
  it('报送市局 waits for every counted row, 确定等次 / 公布结果 wait for the panel, 停用 is not offered on 市局', async () => {
    const district = await pageAs('jlp.hrss');
    const campaigns = await api<{ id: string; year: number }[]>(district, '/evaluations');
    const c2025 = campaigns.find((c) => c.year === 2025)!;
    const entries = await api<{ id: string; platformName: string; status: string }[]>(district, `/evaluations/${c2025.id}/entries`);
    const submitted = entries.find((e) => e.status === 'submitted')!;
    await district.goto(`${baseUrl}/app/evaluations/${c2025.id}/entries/${submitted.id}`);
    await district.getByTestId('entry-summary').waitFor();
    expect(await district.getByTestId('entry-forward').isDisabled()).toBe(true);
    // The operator's values are read here, as text, not as pale disabled inputs that look empty.
    expect(await district.locator('[data-testid^=entry-row-] [data-testid=fact-text]').count()).toBeGreaterThan(10);
    expect(await district.locator('[data-testid^=entry-row-] input:disabled, [data-testid^=entry-row-] textarea:disabled').count()).toBe(0);
    const forwardWhy = await district.getByTestId('entry-forward-reason').getAttribute('data-reason');
    expect(forwardWhy).toMatch(/已通过 0 项.*未初审 \d+ 项/);
    await district.getByTestId('entry-forward-reason').hover();
    await district.locator('.el-popper:visible', { hasText: '全部通过后才能报送市局' }).waitFor();
    await district.screenshot({ path: path.join(screenshotDir, 'buttons-01-forward-disabled.png') });
    await district.close();

    const staff = await pageAs('staff');
    await staff.goto(`${baseUrl}/app/panel?evaluationId=${c2025.id}`);
    await staff.getByTestId('panel-blocking').waitFor();
    expect(await staff.getByTestId('grade-button').isDisabled()).toBe(true);
    expect(await staff.getByTestId('grade-reason').getAttribute('data-reason')).toMatch(/确定等次前还需处理 \d+ 项/);
    expect(await staff.getByTestId('publish-button').isDisabled()).toBe(true);
    expect(await staff.getByTestId('publish-reason').getAttribute('data-reason')).toMatch(/未完成市级评审/);
    await staff.getByTestId('grade-reason').hover();
    await staff.locator('.el-popper:visible', { hasText: '确定等次前还需处理' }).waitFor();
    await screenshot(staff, 'buttons-02-panel-disabled');
    await staff.close();

    const admin = await pageAs('admin');
    await admin.goto(`${baseUrl}/app/admin/organizations`);
    const bureauRow = admin.locator('.el-table__body tr.el-table__row', { hasText: '重庆市人力资源和社会保障局' }).first();
    await bureauRow.waitFor();
    // The fixed action column renders the row twice; the visible copy counts.
    const toggle = admin.locator('[data-testid=org-toggle][data-reason*="不能停用"]:visible').first();
    await toggle.waitFor();
    expect(await toggle.locator('button').isDisabled()).toBe(true);
    const enabled = admin.locator('[data-testid=org-toggle][data-reason=""]:visible button').first();
    expect(await enabled.isDisabled()).toBe(false);
    await screenshot(admin, 'buttons-03-organizations');
    await admin.close();
  });
});
