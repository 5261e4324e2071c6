import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, screenshot, screenshotDir } from './browser.js';
import { darkShare, pdfTool as run, squeeze } from './pdf.js';

/**
 * The recognition application (Art 14 (一), 附表1) in the browser: jlp.gov creates it, fills the form,
 * uploads the five kinds of material and sends it on; jlp.hrss opens it from its notification and gives
 * its opinion; jlp.gov gives the government's opinion and submits; the printed 附表1 carries both
 * opinions. Bureau staff checks the demo's 万州 (渝东北) application: conditions, the checklist, one
 * Art 17 lowered threshold.
 */
const baseUrl = inject('baseUrl');
const password = 'Demo@2025';
const NAME = '九龙坡区人力资源服务创新港';
const HRSS_OPINION = '经审核，申报材料齐全，同意推荐（浏览器测试）。';
const GOV_OPINION = '区政府同意推荐该平台申报市级平台（浏览器测试）。';
const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
let browser: Browser;
let applicationUrl = '';

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function newPage(): Promise<Page> {
  return browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
}

async function signIn(page: Page, username: string): Promise<void> {
  await login(page, baseUrl, username, password);
  await page.getByTestId('home-title').waitFor({ timeout: 20_000 });
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.el-loading-mask').evaluateAll((masks) => masks.filter((m) => m instanceof HTMLElement && m.offsetParent !== null).length)).toBe(0);
}

const confirmBox = (page: Page) => page.locator('.el-message-box .el-button--primary').click();
const fillNumber = (page: Page, testId: string, value: string) => page.locator(`[data-testid=${testId}] input`).fill(value);

describe('recognition application, government to bureau', () => {
  it('jlp.gov creates the application, fills 附表1, uploads the five materials and sends it to the district HRSS bureau', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'jlp.gov');
      // The demo's draft is on the home page as recognition work.
      await page.getByTestId('home-tasks').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('home-tasks').innerText()).toContain('九龙坡区数字经济人力资源服务产业园');
      await screenshot(page, 'recognition-1-gov-home');

      await page.locator('.el-menu-item', { hasText: '平台认定申报' }).click();
      await page.getByTestId('new-application').click();
      await page.locator('input[data-testid=new-name]').fill(NAME);
      await page.getByTestId('new-type').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: '专业性行业性人力资源（人才）市场' }).click();
      await page.getByTestId('new-create').click();
      await page.getByTestId('application-form').waitFor();
      applicationUrl = new URL(page.url()).pathname;
      expect(applicationUrl).toMatch(/^\/app\/recognition\/applications\/[0-9a-f-]{36}$/);
      await settle(page);

      // Sending is refused until the form and materials are complete, with the reason.
      await expect.poll(() => page.getByTestId('action-send_to_hrss').isDisabled()).toBe(true);
      await page.locator('input[data-testid=f-address]').fill('重庆市九龙坡区二郎科技新城 1 号');
      await page.getByTestId('f-carrier').getByText('线上+线下').click();
      await page.locator('input[data-testid=f-contact]').fill('周敏');
      await page.locator('input[data-testid=f-phone]').fill('023-68880000');
      await fillNumber(page, 'f-area', '3200');
      await fillNumber(page, 'f-sites', '1');
      await page.getByTestId('f-construction').getByText('改建').click();
      await fillNumber(page, 'f-investment', '8000000');
      await page.getByTestId('f-operation').getByText('自运营').click();
      await fillNumber(page, 'f-team', '18');
      for (const s of ['政策咨询', '信息服务', '开业指导']) await page.getByTestId('f-services').getByText(s).click();
      await fillNumber(page, 'f-year', '2024');
      await fillNumber(page, 'f-personTimesServed', '36000');
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await screenshot(page, 'recognition-2-gov-form');
      await page.getByTestId('form-save').click();
      await expect.poll(() => page.getByTestId('form-gaps').count()).toBe(0);

      await page.getByRole('tab', { name: /申报材料/ }).click();
      for (const kind of ['application_form', 'policies', 'land_and_operation', 'residents', 'other_evidence']) {
        const chooser = page.waitForEvent('filechooser');
        await page.getByTestId(`upload-${kind}`).click();
        await (await chooser).setFiles({ name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: TINY_PDF });
        await page.getByTestId(`material-${kind}`).getByText('1 个文件').waitFor();
      }
      await settle(page);
      await screenshot(page, 'recognition-3-gov-materials');

      await page.getByTestId('action-send_to_hrss').click();
      await confirmBox(page);
      await expect.poll(() => page.getByTestId('application-state').innerText()).toBe('待区县人社局出具意见');
      // Read-only now: the form is text, not disabled inputs.
      await page.getByRole('tab', { name: '申请表' }).click();
      await page.getByTestId('form-readonly').waitFor();
      expect(await page.getByTestId('application-form').locator('input').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('jlp.hrss opens it from its notification and gives its opinion', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'jlp.hrss');
      await page.goto(`${baseUrl}/app/notifications`);
      await page.getByTestId('notification-table').getByText(NAME).first().waitFor({ timeout: 20_000 });
      await page.getByTestId('notification-table').locator('tr', { hasText: NAME }).first().getByTestId('notification-open').click();
      await page.waitForURL(`**${applicationUrl}`);
      await page.getByRole('tab', { name: '审核意见' }).click();
      await page.locator('textarea[data-testid=opinion-text]').fill(HRSS_OPINION);
      await page.locator('input[data-testid=opinion-signer]').fill('刘强');
      await screenshot(page, 'recognition-4-hrss-opinion');
      await page.getByTestId('opinion-submit').click();
      await confirmBox(page);
      await expect.poll(() => page.getByTestId('application-state').innerText()).toBe('待区县政府出具意见');
      expect(await page.getByTestId('opinion-district_hrss').innerText()).toContain(HRSS_OPINION);
    } finally {
      await page.close();
    }
  });

  it('jlp.gov gives the government opinion and submits; the printed 附表1 carries both opinions', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'jlp.gov');
      await page.goto(`${baseUrl}${applicationUrl}`);
      await page.getByRole('tab', { name: '审核意见' }).click();
      await page.locator('textarea[data-testid=opinion-text]').fill(GOV_OPINION);
      await page.locator('input[data-testid=opinion-signer]').fill('何伟');
      await page.getByTestId('opinion-submit').click();
      await confirmBox(page);
      await expect.poll(() => page.getByTestId('application-state').innerText()).toBe('已报市局，待审核');
      await settle(page);
      await screenshot(page, 'recognition-5-gov-submitted');

      await page.goto(`${baseUrl}${applicationUrl}/print`);
      await page.getByTestId('form-title').waitFor({ timeout: 20_000 });
      await screenshot(page, 'recognition-6-print-page');
      await page.emulateMedia({ media: 'print' });
      const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'recog-print-'));
      const pdf = path.join(workDir, 'form.pdf');
      await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
      const text = squeeze(run('pdftotext', ['-layout', pdf, '-']));
      expect(text).toContain('重庆市市级人力资源服务发展平台认定申请表');
      expect(text).toContain(squeeze(HRSS_OPINION));
      expect(text).toContain(squeeze(GOV_OPINION));
      expect(text).toContain('九龙坡区人民政府');
      expect(text).toContain('☑线上+线下');
      fs.mkdirSync(screenshotDir, { recursive: true });
      run('pdftoppm', ['-png', '-r', '70', pdf, path.join(screenshotDir, 'recognition-7-print-pdf')]);
      run('pdftoppm', ['-gray', '-r', '60', pdf, path.join(workDir, 'form')]);
      const pages = fs.readdirSync(workDir).filter((f) => f.endsWith('.pgm'));
      expect(pages).toHaveLength(1);
      const share = darkShare(path.join(workDir, pages[0] ?? ''));
      expect(share).toBeGreaterThan(0.005);
      expect(share).toBeLessThan(0.5);
    } finally {
      await page.close();
    }
  });

  it('staff checks the 万州 application: conditions, the checklist confirmed, one Art 17 lowered threshold', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'staff');
      const tasks = page.getByTestId('home-tasks');
      await tasks.waitFor({ timeout: 20_000 });
      await tasks.getByRole('link', { name: /万州三峡人力资源服务产业园/ }).click();
      await page.getByTestId('application-title').getByText('万州三峡人力资源服务产业园').waitFor();
      await page.getByRole('tab', { name: '条件核验' }).click();
      const conditions = page.getByTestId('check-conditions');
      await conditions.waitFor();
      await settle(page);
      const areaRow = conditions.locator('tr', { hasText: '平台建筑面积' });
      expect(await areaRow.innerText()).toContain('未通过');
      expect(await areaRow.innerText()).toContain('第十一条（一）');
      await screenshot(page, 'recognition-8-staff-check');

      // Every checklist item confirmed, with who and when.
      const checklist = page.getByTestId('checklist');
      while ((await checklist.getByTestId('checklist-confirm').count()) > 0) {
        const before = await checklist.getByTestId('checklist-confirm').count();
        await checklist.getByTestId('checklist-confirm').first().click();
        await expect.poll(() => checklist.getByTestId('checklist-confirm').count()).toBe(before - 1);
      }
      expect(await checklist.innerText()).toContain('市局业务员');

      await page.getByTestId('terms-edit').click();
      const dialog = page.getByTestId('terms-dialog');
      await dialog.getByTestId('terms-add-lowered').click();
      await dialog.getByTestId('lowered-condition').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: '平台建筑面积' }).click();
      await dialog.locator('input[data-testid=lowered-threshold]').fill('8000');
      await screenshot(page, 'recognition-9-art17-dialog');
      await dialog.getByTestId('terms-save').click();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => conditions.locator('tr', { hasText: '平台建筑面积' }).innerText()).toContain('第十七条放宽');
      expect(await conditions.locator('tr', { hasText: '平台建筑面积' }).innerText()).toContain('通过');
      expect(await page.getByTestId('art17-terms').innerText()).toContain('降至 8000');
      await settle(page);
      await screenshot(page, 'recognition-10-staff-art17');

      // 导出 Excel: the form with both opinions, under its Chinese name.
      const download = page.waitForEvent('download');
      await page.getByTestId('export-form').click();
      expect((await download).suggestedFilename()).toBe('认定申请表-万州三峡人力资源服务产业园.xlsx');
      await page.getByRole('tab', { name: '办理记录' }).click();
      const history = page.getByTestId('application-history');
      await expect.poll(() => history.innerText()).toContain('出具区县政府意见并报送市局');
      expect(await history.innerText()).toContain('出具区县人社局意见');
      await screenshot(page, 'recognition-11-history');
    } finally {
      await page.close();
    }
  });
});
