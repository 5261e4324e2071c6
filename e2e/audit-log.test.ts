import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, screenshot } from './browser.js';

const baseUrl = inject('baseUrl');
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

async function auditorPage(): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1600, height: 900 }, acceptDownloads: true });
  await login(page, baseUrl, 'auditor', 'Demo@2025');
  await page.getByTestId('home-title').waitFor({ timeout: 20_000 });
  return page;
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
