import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBaseUrl } from './demo-server.js';
import type { Browser, Page } from 'playwright-core';
import { glyphsDistinct, launchBrowser, login, screenshot } from './browser.js';

const baseUrl = demoBaseUrl();
const password = 'Demo@2025';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** What the demo's evaluations (src/server/bootstrap/demo-evaluations.ts) leave for a role to find. */
type DemoCheck = (page: Page) => Promise<void>;

/** The operator's park is in self-evaluation in the open 2025 campaign. */
const operatorCampaign: DemoCheck = async (page) => {
  await page.goto(`${baseUrl}/app/evaluations`);
  const row = page.locator('[data-testid=evaluation-table] .el-table__row', { hasText: '2025 年度' }).first();
  await expect.poll(() => row.getByTestId('evaluation-status').innerText()).toBe('进行中');
  await row.getByTestId('evaluation-link').click();
  await page.getByTestId('entry-link').filter({ hasText: '九龙坡区人力资源服务产业园' }).waitFor();
};

/** 万州's park was forwarded and assigned to expert1, waiting for their review (their 2024 review is listed too). */
const expertTask: DemoCheck = async (page) => {
  await page.goto(`${baseUrl}/app/review`);
  await page.locator('.el-table__row', { hasText: '万州区人力资源服务产业园' }).filter({ hasText: '市级评审中' }).getByRole('link').waitFor();
};

const accounts: { username: string; role: string; demo?: DemoCheck }[] = [
  { username: 'admin', role: '系统管理员' },
  { username: 'secadmin', role: '安全管理员' },
  { username: 'auditor', role: '安全审计员' },
  { username: 'staff', role: '市局业务人员' },
  { username: 'jlp.hrss', role: '区县人社局' },
  { username: 'jlp.gov', role: '区县政府' },
  { username: 'jlp.operator', role: '平台运营方', demo: operatorCampaign },
  { username: 'expert1', role: '评审专家', demo: expertTask },
];

describe('each demo role logs in and lands on its home page', () => {
  it.each(accounts)('$username ($role)', async ({ username, role, demo }) => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
    const consoleErrors: string[] = [];
    try {
      // Before login the app asks for a session and gets the expected 401; count errors after it.
      await login(page, baseUrl, username, password);
      const title = page.getByTestId('home-title');
      await title.waitFor({ timeout: 20_000 });
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      await page.reload();
      await title.waitFor({ timeout: 20_000 });
      expect(await title.innerText()).toContain(role);
      expect(page.url()).toContain('/app/home');
      await expect.poll(() => page.getByTestId('demo-banner').isVisible()).toBe(true);
      await page.waitForLoadState('networkidle');
      await screenshot(page, `home-${username}`);
      if (demo) await demo(page);
      expect(consoleErrors).toEqual([]);
      await page.getByTestId('logout').click();
      await page.waitForURL(/\/login|\/$/, { timeout: 10_000 });
    } finally {
      await page.close();
    }
  });
});

describe('the UI is Chinese and renders', () => {
  it('shows Simplified Chinese text drawn with real glyphs, not boxes', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    try {
      await page.goto(`${baseUrl}/login`);
      await page.getByTestId('login-submit').waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      const text = await page.evaluate(() => document.body.innerText);
      const cjk = (text.match(/[\u4e00-\u9fff]/g) ?? []).length;
      const latin = (text.match(/[A-Za-z]/g) ?? []).length;
      expect(cjk).toBeGreaterThan(10);
      expect(cjk).toBeGreaterThan(latin);
      expect(await glyphsDistinct(page, '重庆市人力资源服务发展平台管理系统登录')).toBe(true);
      await screenshot(page, 'login');
    } finally {
      await page.close();
    }
  });

  it('a district user sees only its district’s platforms in the list', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
    try {
      await login(page, baseUrl, 'jlp.hrss', password);
      await page.getByTestId('home-title').waitFor();
      await page.goto(`${baseUrl}/app/platforms`);
      await page.locator('.el-table__row').first().waitFor();
      const body = await page.locator('.el-table').innerText();
      expect(body).toContain('九龙坡区人力资源服务产业园');
      expect(body).not.toContain('万州区');
      await screenshot(page, 'platforms-district');
    } finally {
      await page.close();
    }
  });
});
