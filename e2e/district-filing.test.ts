/**
 * Art 16 in the browser: 九龙坡区人力社保局 records a new version of its recognition policy, recognizes a
 * district-level talent market under it and files it with the bureau; the bureau acknowledges the
 * filing from its 区县级平台备案 list, and the platform shows 已备案. The platform's registration and
 * figures are entered through the API (the registry's own screens have their tests).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBaseUrl } from './demo-server.js';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, login, screenshot } from './browser.js';
import { apiLogin } from './review-api.js';

const baseUrl = demoBaseUrl();
const password = 'Demo@2025';
const NAME = '九龙坡区电商直播人才市场';
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
let browser: Browser;
let platformId = '';

beforeAll(async () => {
  browser = await launchBrowser();
  const jlp = await apiLogin(baseUrl, 'jlp.hrss');
  const created = await jlp.ok<{ id: string; status: string }>('POST', '/platforms', { name: NAME, level: 'district', type: 'specialized_market', districtCode: '500107', services: ['policy', 'information'] });
  expect(created.status).toBe('pending_filing');
  platformId = created.id;
  await jlp.ok('POST', `/platforms/${platformId}/sites`, { name: '直播人才服务大厅', address: '九龙坡区杨家坪步行街 1 号', buildingAreaM2: 700 });
  await jlp.ok('PUT', `/platforms/${platformId}/year-data/2025`, { data: { personTimesServed: { bachelorOrBelow: 2600 } } });
});
afterAll(async () => {
  await browser.close();
});

async function signedIn(username: string): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  await login(page, baseUrl, username, password);
  await page.getByTestId('home-title').waitFor({ timeout: 20_000 });
  return page;
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.el-loading-mask').evaluateAll((masks) => masks.filter((m) => m instanceof HTMLElement && m.offsetParent !== null).length)).toBe(0);
}

/** The one date picker inside the container. */
async function pickDate(container: Locator, date: string): Promise<void> {
  const input = container.locator('.el-date-editor input');
  await input.fill(date);
  await input.press('Enter');
}

describe('district recognition and filing (Art 16)', () => {
  it('the district sets its policy, recognizes the platform and files it', async () => {
    const page = await signedIn('jlp.hrss');
    // Its platform is judged by the policy in force today: the demo's version (market area ≥ 800 m²) fails its 700 m².
    await page.goto(`${baseUrl}/app/platforms/${platformId}?tab=sites`);
    await page.getByTestId('condition-check').waitFor();
    await settle(page);
    expect(await page.getByTestId('condition-check').innerText()).toContain('≥ 800 平方米');

    await page.getByRole('menuitem', { name: '区县认定政策' }).click();
    await page.getByTestId('policy-district').first().waitFor();
    await settle(page);
    await screenshot(page, 'district-policy-list');
    await page.getByTestId('policy-new').click();
    const form = page.getByTestId('policy-form');
    await form.locator('input[data-testid=policy-docno]').fill('九龙坡人社发〔2025〕30号');
    await pickDate(form, '2025-06-01');
    await form.locator('[data-testid="policy-specialized_market-area"] input, input[data-testid="policy-specialized_market-area"]').first().fill('600');
    await screenshot(page, 'district-policy-form');
    await form.getByTestId('policy-save').click();
    await expect.poll(() => page.getByTestId('policy-version').count()).toBe(2);
    expect(await page.getByTestId('policy-district').first().innerText()).toContain('第 2 版 · 九龙坡人社发〔2025〕30号 · 2025-06-01 起施行');

    await page.goto(`${baseUrl}/app/platforms/${platformId}?tab=district-filing`);
    const tab = page.getByTestId('district-filing');
    await tab.getByTestId('filing-decide-form').waitFor();
    await settle(page);
    expect(await tab.innerText()).toContain('现行区县认定政策：九龙坡人社发〔2025〕30号（第 2 版');
    await tab.locator('input[data-testid=filing-docno]').fill('九龙坡人社〔2025〕41号');
    await pickDate(tab.getByTestId('filing-decide-form'), today());
    await screenshot(page, 'district-recognize-form');
    await tab.getByTestId('filing-decide').click();
    await tab.getByTestId('filing-decision').waitFor();
    expect(await tab.getByTestId('filing-state').innerText()).toBe('区县已认定，待报备案');
    expect(await tab.getByTestId('filing-decision').innerText()).toContain('九龙坡人社〔2025〕41号');
    await tab.getByTestId('filing-file').click();
    await expect.poll(() => tab.getByTestId('filing-state').innerText()).toBe('已报备案，待市局确认');
    expect(await page.getByTestId('platform-status').innerText()).toBe('待备案');
    await settle(page);
    await screenshot(page, 'district-filed');
    await page.close();
  });

  it('the bureau acknowledges from its list, and the platform becomes 已备案', async () => {
    const page = await signedIn('staff');
    await page.getByRole('menuitem', { name: '区县级平台备案' }).click();
    const table = page.getByTestId('filing-table');
    const row = table.locator('.el-table__row', { hasText: NAME });
    await row.waitFor();
    await settle(page);
    // 永川's demo filing waits too.
    expect(await table.innerText()).toContain('永川区职业技能人才市场');
    await screenshot(page, 'bureau-filing-list');
    await row.getByTestId('filing-acknowledge').click();
    const dialog = page.getByTestId('filing-action-dialog');
    await dialog.locator('textarea[data-testid=filing-action-text]').fill('材料齐全，同意备案');
    await screenshot(page, 'bureau-acknowledge-dialog');
    await dialog.getByTestId('filing-action-submit').click();
    await expect.poll(() => table.locator('.el-table__row', { hasText: NAME }).count()).toBe(0);
    await page.getByTestId('filing-state-filter').getByText('已确认').click();
    await table.locator('.el-table__row', { hasText: NAME }).waitFor();
    expect(await table.locator('.el-table__row', { hasText: NAME }).getByTestId('filing-state').innerText()).toBe('市局已确认备案');

    await table.getByRole('link', { name: NAME }).click();
    await page.getByTestId('district-filing').getByTestId('filing-events').waitFor();
    await settle(page);
    expect(await page.getByTestId('platform-status').innerText()).toBe('已备案');
    expect(await page.getByTestId('district-filing').getByTestId('filing-state').innerText()).toBe('市局已确认备案');
    await screenshot(page, 'bureau-filing-acknowledged');
    await page.close();
  });
});
