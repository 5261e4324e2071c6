import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type E2eServer } from '../test/e2e-server.js';
import { launchBrowser, screenshot } from './browser.js';
import { recognitionSteps } from './recognition-steps.js';
import { apiLogin, DEMO_PASSWORD } from './review-api.js';

/**
 * Support measures and the workbench on the demo data: staff records a support item for a platform
 * graded in the published 2024 evaluation (qualifies, no reason asked) and one for the 2025 year with
 * no published grade (refused without a reason, naming the field; recorded with one); edits it (the
 * eligibility shown again, the reason still required, leaving with unsaved edits asks first) and voids
 * it with a reason; filters the register, exports and prints what is filtered; then each demo role's
 * home page, with its to-dos and its chart, is captured.
 */
let server: E2eServer | undefined;
let baseUrl = '';
let browser: Browser | undefined;
const passwords: Record<string, string> = {};
const { newPage, signIn, settle } = recognitionSteps({ baseUrl: () => baseUrl, browser: () => browser, passwords });
let platformName = '';
const HOMES = ['admin', 'secadmin', 'auditor', 'staff', 'jlp.hrss', 'jlp.gov', 'jlp.operator', 'expert1'];
const EDITED = '推荐纳入集聚区（2025 年度尚无等次）';

beforeAll(async () => {
  server = await startServer({ demo: true });
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
  for (const u of HOMES) passwords[u] = DEMO_PASSWORD;
  // A platform the 2024 results graded 优秀 or 合格: the cluster recommendation qualifies (Art 32).
  const staff = await apiLogin(baseUrl, 'staff');
  const list = await staff.ok<{ items: { id: string; name: string }[] }>('GET', '/platforms?pageSize=100&level=municipal');
  for (const p of list.items) {
    const e = await staff.ok<{ qualifies: boolean }>('GET', `/support/eligibility?platformId=${p.id}&year=2024&kind=cluster`);
    if (e.qualifies) { platformName = p.name; break; }
  }
  expect(platformName).not.toBe('');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** An Element Plus input by its test id: the attribute lands on the native input or on its wrapper. */
const field = (page: Page, id: string) => page.locator(`input[data-testid="${id}"], textarea[data-testid="${id}"], [data-testid="${id}"] input, [data-testid="${id}"] textarea`).first();

async function fill(page: Page, year: number, title: string): Promise<void> {
  const dialog = page.getByTestId('support-dialog');
  await dialog.locator('.el-select').first().click();
  await page.keyboard.type(platformName.slice(0, 6));
  await page.locator('.el-select-dropdown__item', { hasText: platformName }).first().click();
  const yearInput = field(page, 'support-year');
  await yearInput.fill(String(year));
  await yearInput.blur();
  await page.getByTestId('support-dialog').locator('.el-select').nth(1).click();
  await page.locator('.el-select-dropdown__item', { hasText: '集聚区' }).last().click();
  await field(page, 'support-title').fill(title);
  await page.getByTestId('support-eligibility').waitFor();
}

describe('support items recorded by the bureau', () => {
  it('with a qualifying grade, and without one only with a reason', { timeout: 180_000 }, async () => {
    const page = await newPage();
    await signIn(page, 'staff');
    await page.goto(`${baseUrl}/app/support`);
    await settle(page);

    await page.getByTestId('support-new').click();
    await fill(page, 2024, '推荐纳入集聚区（2024 年度优秀或合格）');
    await expect.poll(() => page.getByTestId('support-eligibility').innerText()).toMatch(/优先推荐|支持申报/);
    await page.getByTestId('support-save').click();
    await settle(page);
    await expect.poll(() => page.getByTestId('support-items').innerText()).toContain('推荐纳入集聚区（2024 年度优秀或合格）');

    await page.getByTestId('support-new').click();
    await fill(page, 2025, '推荐纳入集聚区（2025 年度尚无等次）');
    await expect.poll(() => page.getByTestId('support-eligibility').innerText()).toContain('无评估等次');
    await screenshot(page, 'support-no-grade');
    await page.getByTestId('support-save').click();
    await expect.poll(() => page.getByTestId('support-dialog').locator('.el-form-item__error').innerText()).toContain('须填写理由');
    await field(page, 'support-reason').fill('承接市级重大项目，经局务会研究同意推荐');
    await page.getByTestId('support-save').click();
    await settle(page);
    await expect.poll(() => page.getByTestId('support-items').innerText(), { timeout: 15_000 }).toContain('推荐纳入集聚区（2025 年度尚无等次）');
    expect(await page.getByTestId('support-items').innerText()).toContain('理由：承接市级重大项目，经局务会研究同意推荐');
    await screenshot(page, 'support-register');

    // A document for the item, through the shared upload (its content is checked by the server).
    await page.getByTestId('support-docs').first().click();
    await page.locator('.el-dialog input[type=file]').setInputFiles({ name: '推荐函.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') });
    await expect.poll(() => page.locator('.el-dialog').filter({ hasText: '文件' }).last().innerText(), { timeout: 15_000 }).toContain('推荐函.pdf');
    await screenshot(page, 'support-documents');
    await page.close();
  });
});

describe('support items edited, voided, filtered, exported and printed', () => {
  const leaveBox = (page: Page) => page.locator('.el-message-box').filter({ hasText: '有未保存的修改，确定离开吗？' });
  const rowOf = (page: Page, text: string) => page.getByTestId('support-items').locator('.el-table__body tr', { hasText: text }).first();

  it('an edit shows the eligibility again and still needs the reason; leaving with unsaved edits asks first', { timeout: 180_000 }, async () => {
    const page = await newPage();
    await signIn(page, 'staff');
    // By the menu, so that the back button below stays inside the app.
    await page.getByTestId('side-menu').getByText('支持措施', { exact: true }).click();
    await page.waitForURL('**/app/support');
    await settle(page);
    await rowOf(page, EDITED).getByTestId('support-edit').click();
    const dialog = page.getByTestId('support-dialog');
    await expect.poll(() => page.getByTestId('support-eligibility').innerText()).toContain('无评估等次');
    expect(await dialog.innerText()).toContain(platformName);
    expect(await field(page, 'support-reason').inputValue()).toBe('承接市级重大项目，经局务会研究同意推荐');
    await field(page, 'support-reason').fill('');
    await field(page, 'support-title').fill('推荐纳入集聚区（修改后）');
    await page.getByTestId('support-save').click();
    await expect.poll(() => dialog.locator('.el-form-item__error').innerText()).toContain('须填写理由');
    // Leaving with the unsaved edit (the browser's back button: the dialog covers the menu) asks first; 取消 stays on the form.
    await page.goBack();
    await leaveBox(page).waitFor();
    await leaveBox(page).locator('.el-message-box__btns button', { hasText: '取消' }).click();
    await leaveBox(page).waitFor({ state: 'hidden' });
    expect(page.url()).toContain('/app/support');
    await field(page, 'support-reason').fill('已列入市级重大项目库，局务会同意推荐');
    await screenshot(page, 'support-edit');
    await page.getByTestId('support-save').click();
    await settle(page);
    await expect.poll(() => page.getByTestId('support-items').innerText(), { timeout: 15_000 }).toContain('推荐纳入集聚区（修改后）');
    expect(await page.getByTestId('support-items').innerText()).toContain('理由：已列入市级重大项目库，局务会同意推荐');
    await page.close();
  });

  it('voiding asks for a reason and takes the item out of the register', { timeout: 120_000 }, async () => {
    const page = await newPage();
    await signIn(page, 'staff');
    await page.goto(`${baseUrl}/app/support`);
    await settle(page);
    await rowOf(page, '推荐纳入集聚区（修改后）').getByTestId('support-void').click();
    const confirm = page.getByTestId('support-void-confirm');
    expect(await confirm.isDisabled()).toBe(true);
    expect(await confirm.getAttribute('data-reason')).toBe('请填写作废原因');
    await field(page, 'support-void-reason').fill('与 2024 年度推荐重复登记');
    await confirm.click();
    await settle(page);
    await expect.poll(() => page.getByTestId('support-items').innerText(), { timeout: 15_000 }).not.toContain('推荐纳入集聚区（修改后）');
    await page.close();
  });

  it('filters the register (totals follow), exports and prints what is filtered', { timeout: 180_000 }, async () => {
    const page = await newPage();
    await signIn(page, 'staff');
    await page.goto(`${baseUrl}/app/support`);
    await settle(page);
    // The demo's items: 九龙坡's district funds among them.
    await expect.poll(() => page.getByTestId('support-items').innerText()).toContain('九龙坡区人力资源服务产业发展补助');
    expect(await page.getByTestId('support-items').innerText()).toContain('市级人力资源服务业发展专项资金');
    await page.getByTestId('filter-kind').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '区县扶持资金或补助' }).click();
    await settle(page);
    await expect.poll(() => page.getByTestId('support-items').innerText()).not.toContain('市级人力资源服务业发展专项资金');
    const rows = page.getByTestId('support-items').locator('.el-table__body tr');
    expect(await rows.count()).toBe(2);
    const totals = await page.getByTestId('support-totals').innerText();
    expect(totals).toContain('九龙坡区');
    expect(totals).toContain('420,000');
    expect(totals).not.toContain('万州区');
    await page.getByTestId('support-group').getByText('按平台').click();
    await expect.poll(() => page.getByTestId('support-totals').innerText()).toContain('九龙坡区智能制造人力资源服务产业园');
    await screenshot(page, 'support-filtered');

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('support-export').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^扶持事项-\d{8}\.xlsx$/);

    await page.getByTestId('support-print').click();
    await page.getByTestId('support-print-page').waitFor();
    expect(page.url()).toContain('kind=district_fund');
    await expect.poll(() => page.getByTestId('print-items').innerText()).toContain('入驻企业场地租金补贴');
    expect(await page.getByTestId('print-filters').innerText()).toContain('区县扶持资金或补助');
    expect(await page.getByTestId('print-items').locator('tbody tr').count()).toBe(2);
    expect(await page.getByTestId('print-totals').innerText()).toContain('九龙坡区人力资源服务产业园');
    await screenshot(page, 'support-print');
    await page.close();
  });
});

describe('home pages', () => {
  it.each(HOMES)('%s: its to-dos and chart', { timeout: 180_000 }, async (user) => {
    const page = await newPage();
    await signIn(page, user);
    await settle(page);
    await page.getByTestId('home-todos').waitFor();
    // The card's header counts the to-dos once they are loaded.
    await page.getByTestId('home-task-count').waitFor();
    const text = await page.getByTestId('home-todos').innerText();
    if (user === 'jlp.operator') expect(text).toContain('自评');
    if (user === 'staff' || user === 'jlp.hrss' || user === 'jlp.operator') expect(await page.getByTestId('home-chart').count()).toBe(1);
    // Every to-do opens a screen this role may see.
    const links = await page.getByTestId('home-todos').locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links.every((l) => l.startsWith('/app/'))).toBe(true);
    await page.waitForTimeout(800);
    await screenshot(page, `home-${user}`);
    await page.close();
  });
});
