import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBaseUrl } from './demo-server.js';
import type { Browser } from 'playwright-core';
import { launchBrowser, login, screenshot } from './browser.js';
import { apiLogin } from './review-api.js';

/**
 * Account security in the browser, on an account of its own (the demo accounts stay as other
 * tests expect them): the one login failure message, the forced change of an initial password,
 * TOTP enrolment on 账号安全 and the code step of the login page.
 */
const baseUrl = demoBaseUrl();
const username = `e2e.totp${Date.now() % 100000}`;
const password = 'Totp#Kx9-2025e2e';
let browser: Browser;
let initialPassword = '';

beforeAll(async () => {
  browser = await launchBrowser();
  const admin = await apiLogin(baseUrl, 'admin');
  const bureau = (await admin.ok<{ items: { id: string }[] }>('GET', '/organizations?kind=bureau&pageSize=10')).items[0];
  if (!bureau) throw new Error('no bureau organization');
  const created = await admin.ok<{ initialPassword: string }>('POST', '/users', { username, displayName: '动态口令测试', role: 'bureau', organizationId: bureau.id });
  initialPassword = created.initialPassword;
}, 120_000);
afterAll(async () => {
  await browser.close();
});

describe('account security', () => {
  it('answers a wrong password and an unknown user alike, then enrols a TOTP and logs in with the code', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
    try {
      const messages: string[] = [];
      for (const [name, pass] of [[username, 'Wrong#Pass-1'], ['no.such.user', 'Wrong#Pass-1']] as const) {
        await login(page, baseUrl, name, pass);
        const error = page.getByTestId('login-error');
        await error.waitFor();
        messages.push(await error.innerText());
      }
      expect(messages[0]).toContain('用户名或密码错误；连续失败 5 次账号将锁定 15 分钟');
      expect(messages[1]).toBe(messages[0]);

      await login(page, baseUrl, username, initialPassword);
      await page.locator('input[data-testid=old-password]').fill(initialPassword);
      await page.locator('input[data-testid=new-password]').fill('Password@123');
      await page.locator('input[data-testid=confirm-password]').fill('Password@123');
      await page.getByTestId('change-password-submit').click();
      await page.getByText('新密码：过于常见，容易被猜中').waitFor();
      await page.locator('input[data-testid=new-password]').fill(password);
      await page.locator('input[data-testid=confirm-password]').fill(password);
      await page.getByTestId('change-password-submit').click();
      await page.getByTestId('home-title').waitFor();

      await page.getByTestId('account-link').click();
      await page.getByTestId('totp-start').click();
      const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
      expect(await page.locator('textarea[data-testid=totp-uri]').inputValue()).toContain(`secret=${secret}`);
      await screenshot(page, 'account-01-totp-enrolment');
      await page.locator('input[data-testid=totp-code]').fill(await generate({ secret }));
      await page.getByTestId('totp-confirm').click();
      await page.getByText('已启用：登录时须在密码之后输入验证器中的动态口令').waitFor();

      await page.getByTestId('logout').click();
      await page.waitForURL(/\/login/);
      await login(page, baseUrl, username, password);
      await page.locator('input[data-testid=login-totp]').waitFor();
      await page.locator('input[data-testid=login-totp]').fill('000000');
      await page.getByTestId('login-totp-submit').click();
      await expect.poll(() => page.getByTestId('login-error').innerText()).toContain('动态口令');
      await screenshot(page, 'account-02-login-code');
      // The next step's code: the current one was spent by the enrolment.
      await page.locator('input[data-testid=login-totp]').fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
      await page.getByTestId('login-totp-submit').click();
      await page.getByTestId('home-title').waitFor();
    } finally {
      await page.close();
    }
  });
});
