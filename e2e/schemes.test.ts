import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBaseUrl } from './demo-server.js';
import type { Browser } from 'playwright-core';
import { launchBrowser, login, screenshot } from './browser.js';

/**
 * The scheme editor in the browser: bureau staff copy cq-2025 into a draft, change two readings
 * kept as settings (RULES.md §8) in 计分口径 and a recognition threshold (Art 11), are told
 * next to the field when the threshold is not a number, save, and see the changes against the
 * base scheme.
 */
const baseUrl = demoBaseUrl();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('scheme editor', () => {
  it('changes the readings kept as settings of a draft, and shows them against the base', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await login(page, baseUrl, 'staff', 'Demo@2025');
      await page.getByTestId('home-title').waitFor({ timeout: 20_000 });
      const id = `cq-e2e-${Date.now() % 1_000_000}`;
      await page.goto(`${baseUrl}/app/schemes/cq-2025`);
      await page.getByTestId('scheme-clone').click();
      await page.locator('input[data-testid=scheme-clone-id]').fill(id);
      await page.getByTestId('scheme-clone-submit').click();
      await page.waitForURL(`**/app/schemes/${id}`);
      await expect.poll(() => page.getByTestId('scheme-status').innerText()).toBe('草稿');

      await page.locator('#tab-edit').click();
      const settings = page.getByTestId('scheme-settings');
      await settings.waitFor();
      // The value in force is shown as the sentence the results carry.
      await expect.poll(() => page.getByTestId('scheme-setting-judged').innerText()).toContain('5 人及以上时去掉一个最高分和一个最低分');
      await page.getByTestId('scheme-setting-judged').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: '综合评定项取评审组统一评分' }).click();
      const trim = page.getByTestId('scheme-setting-trimFrom').locator('input');
      await trim.fill('6');
      await trim.blur();
      // Art 11 (一): the comprehensive park's floor area, first not a number, then 8000.
      const area = page.getByTestId('scheme-threshold-area');
      await expect.poll(() => area.locator('input').inputValue()).toBe('10000');
      await area.locator('input').fill('一万');
      await page.getByTestId('scheme-save').click();
      await expect.poll(() => area.innerText()).toContain('门槛须为非负数');
      await area.locator('input').fill('8000');
      await screenshot(page, 'schemes-01-settings-edited');
      await page.getByTestId('scheme-save').click();
      await page.getByText('评分方案已保存').waitFor();

      const saved = await page.request.get(`${baseUrl}/api/v1/schemes/${id}`);
      expect(saved.status()).toBe(200);
      interface Saved { settings: { judged: string; trimFrom: number; aboveScale: string }; recognition: { types: { comprehensive_park: { conditions: { id: string; test: { threshold?: string } }[] } } } }
      const doc = ((await saved.json()) as { document: Saved }).document;
      expect(doc.settings).toMatchObject({ judged: 'panel', trimFrom: 6, aboveScale: 'instead' });
      expect(doc.recognition.types.comprehensive_park.conditions.find((c) => c.id === 'area')?.test.threshold).toBe('8000');

      await page.locator('#tab-diff').click();
      const diff = page.getByTestId('scheme-diff');
      // Settings by name, with the sentences results show, not bare values.
      await expect.poll(() => diff.innerText()).toContain('综合评定项取分（settings.judged）');
      const text = await diff.innerText();
      expect(text).toContain('综合评定项取评审组统一评分');
      expect(text).toContain('去掉最高最低分的最少专家人数（settings.trimFrom）');
      expect(text).toContain('认定条件门槛：综合性人力资源服务产业园 第十一条（一） 平台建筑面积');
      await screenshot(page, 'schemes-02-diff');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
