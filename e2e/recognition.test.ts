import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBaseUrl } from './demo-server.js';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, screenshotDir } from './browser.js';
import { darkShare, pdfTool as run, squeeze } from './pdf.js';
import { confirmChecklist, createApplication, fillForm, lowerAreaThreshold, openFromHome, recognitionSteps, sendToHrss, submitOpinion, writeOpinion } from './recognition-steps.js';

/**
 * The recognition application (Art 14 (一), 附表1) in the browser: jlp.gov creates it, fills the form,
 * uploads the five kinds of material and sends it on; jlp.hrss opens it from its notification and gives
 * its opinion; jlp.gov gives the government's opinion and submits; the printed 附表1 carries both
 * opinions. Bureau staff checks the demo's 万州 (渝东北) application: conditions, the checklist, one
 * Art 17 lowered threshold.
 */
const baseUrl = demoBaseUrl();
const NAME = '九龙坡区人力资源服务创新港';
const HRSS_OPINION = '经审核，申报材料齐全，同意推荐（浏览器测试）。';
const GOV_OPINION = '区政府同意推荐该平台申报市级平台（浏览器测试）。';
let browser: Browser | undefined;
let applicationUrl = '';
const { newPage, signIn, settle, saveForm, uploadMaterials, openFromNotification, checkConditions } = recognitionSteps({ baseUrl: () => baseUrl, browser: () => browser });

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('recognition application, government to bureau', () => {
  it('jlp.gov creates the application, fills 附表1, uploads the five materials and sends it to the district HRSS bureau', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'jlp.gov');
      // The demo's draft is on the home page as recognition work.
      await page.getByTestId('home-tasks').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('home-tasks').innerText()).toContain('九龙坡区数字经济人力资源服务产业园');
      await screenshot(page, 'recognition-1-gov-home');

      applicationUrl = await createApplication(page, NAME, '专业性行业性人力资源（人才）市场');
      await settle(page);

      // Sending is refused until the form and materials are complete, with the reason.
      await expect.poll(() => page.getByTestId('action-send_to_hrss').isDisabled()).toBe(true);
      await fillForm(page, {
        address: '重庆市九龙坡区二郎科技新城 1 号', contact: '周敏', phone: '023-68880000', area: '3200', sites: '1', construction: '改建',
        investment: '8000000', operation: '自运营', team: '18', year: '2024', numbers: { personTimesServed: '36000' },
      });
      await screenshot(page, 'recognition-2-gov-form');
      await saveForm(page);

      await uploadMaterials(page);
      await screenshot(page, 'recognition-3-gov-materials');

      await sendToHrss(page);
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
      await openFromNotification(page, NAME, applicationUrl);
      await writeOpinion(page, HRSS_OPINION, '刘强');
      await screenshot(page, 'recognition-4-hrss-opinion');
      await submitOpinion(page, '待区县政府出具意见');
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
      await writeOpinion(page, GOV_OPINION, '何伟');
      await submitOpinion(page, '已报市局，待审核');
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
      await openFromHome(page, '万州三峡人力资源服务产业园');
      const conditions = await checkConditions(page);
      await screenshot(page, 'recognition-8-staff-check');

      await confirmChecklist(page);
      await lowerAreaThreshold(page, 'recognition-9-art17-dialog');
      await expect.poll(() => conditions.locator('tr', { hasText: '平台建筑面积' }).innerText()).toContain('第十七条放宽');
      expect(await conditions.locator('tr', { hasText: '平台建筑面积' }).innerText()).toContain('通过');
      // The terms card shows the application as reloaded after the save, a request after the check's answer.
      await expect.poll(() => page.getByTestId('art17-terms').innerText()).toContain('降至 8000');
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
