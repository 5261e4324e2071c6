import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBaseUrl } from './demo-server.js';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, screenshotDir } from './browser.js';
import { darkShare, pdfTool as run, squeeze } from './pdf.js';

const baseUrl = demoBaseUrl();
const password = 'Demo@2025';
const PARK = '九龙坡区人力资源服务产业园';
const TITLE = '附表2 重庆市市级综合性人力资源服务产业园绩效评估评分表';
let browser: Browser;
let workDir: string;

/** A signed-in API client in Node, as the browser would be: session cookie and the CSRF token of the login answer. */
async function apiLogin(username: string): Promise<(method: string, url: string, body?: unknown) => Promise<Response>> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return (method, url, body) => fetch(`${baseUrl}/api/v1${url}`, {
    method,
    headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** An open campaign (the demo opens 2025; another test may have opened one); failing that the bureau creates one for a free year and opens it. */
async function openCampaign(): Promise<string> {
  const bureau = await apiLogin('staff');
  const existing = (await (await bureau('GET', '/evaluations')).json()) as { id: string; year: number; status: string }[];
  const open = existing.find((e) => e.status === 'open');
  if (open) return open.id;
  const year = Math.max(2024, ...existing.map((e) => e.year)) + 1;
  const created = await bureau('POST', '/evaluations', { year, schemeId: 'cq-2025', selfEvaluationEnd: day(10), districtReviewEnd: day(20), municipalReviewEnd: day(30) });
  expect(created.status, await created.clone().text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const opened = await bureau('POST', `/evaluations/${id}/open`);
  expect(opened.status, await opened.clone().text()).toBe(200);
  return id;
}

async function printToPdf(page: Page, url: string, name: string): Promise<{ text: string; pages: string[] }> {
  await page.goto(`${baseUrl}${url}`);
  await page.locator('[data-testid=print-page][data-ready=true]').waitFor({ timeout: 30_000 });
  await page.getByTestId('print-sheet').first().waitFor();
  await page.emulateMedia({ media: 'print' });
  const pdf = path.join(workDir, `${name}.pdf`);
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  const text = run('pdftotext', ['-layout', pdf, '-']);
  fs.mkdirSync(screenshotDir, { recursive: true });
  run('pdftoppm', ['-png', '-r', '60', pdf, path.join(screenshotDir, `print-${name}`)]);
  run('pdftoppm', ['-gray', '-r', '60', pdf, path.join(workDir, name)]);
  const pages = fs.readdirSync(workDir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.pgm')).sort().map((f) => path.join(workDir, f));
  return { text, pages };
}

beforeAll(async () => {
  browser = await launchBrowser();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-print-'));
});
afterAll(async () => {
  await browser.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('printing the score sheet', () => {
  it('prints the operator’s draft sheet and report as an A4 form with the title and the platform', async () => {
    const evaluationId = await openCampaign();
    const operator = await apiLogin('jlp.operator');
    const entries = (await (await operator('GET', `/evaluations/${evaluationId}/entries`)).json()) as { id: string; platformName: string }[];
    const entry = entries.find((e) => e.platformName === PARK);
    expect(entry).toBeDefined();

    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    await login(page, baseUrl, 'jlp.operator', password);
    await page.getByTestId('home-title').waitFor({ timeout: 20_000 });
    const { text, pages } = await printToPdf(page, `/app/evaluations/${evaluationId}/entries/${entry?.id ?? ''}/print`, 'entry');
    // The toolbar is screen-only; the form's title, platform and every row code are printed.
    expect(squeeze(text)).toContain(squeeze(TITLE));
    expect(squeeze(text)).toContain(PARK);
    expect(squeeze(text)).toContain('自评报告');
    expect(text).not.toContain('下载 Excel');
    for (const code of ['1.1', '2.2', '3.3', '4.4', '5.4']) expect(text).toContain(code);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const p of pages) expect(darkShare(p)).toBeGreaterThan(0.005);
    expect(darkShare(pages[0] ?? '')).toBeLessThan(0.5);
    await page.close();
  });

  it('prints the results list for the bureau, then each platform’s sheet', async () => {
    const evaluationId = await openCampaign();
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    await login(page, baseUrl, 'staff', password);
    await page.getByTestId('home-title').waitFor({ timeout: 20_000 });
    const { text, pages } = await printToPdf(page, `/app/evaluations/${evaluationId}/results/print`, 'results');
    expect(squeeze(text)).toContain('绩效评估结果');
    expect(squeeze(text)).toContain(PARK);
    expect(squeeze(text)).toContain(squeeze(TITLE));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const p of pages) expect(darkShare(p)).toBeGreaterThan(0.003);
    await page.close();
  });
});
