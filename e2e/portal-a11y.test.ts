/**
 * The public portal and the login page for everyone (Art 14 (三), 适老化): axe-core finds no serious or
 * critical violation at a 390 px phone width and at 1440 px, nothing sticks out sideways on the phone,
 * and with the root font at 200 % no text is cut off. Screenshots of every page at both widths.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBaseUrl } from './demo-server.js';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from './browser.js';
import { checkAccessible, DESKTOP, overflowX, PHONE, settle } from './a11y.js';

const baseUrl = demoBaseUrl();
const JLP_PARK = '九龙坡区人力资源服务产业园';
let browser: Browser;
let platformId = '';

beforeAll(async () => {
  browser = await launchBrowser();
  const res = await fetch(`${baseUrl}/api/v1/public/platforms?q=${encodeURIComponent(JLP_PARK)}`);
  const page = (await res.json()) as { items: { id: string; name: string }[] };
  platformId = page.items.find((p) => p.name === JLP_PARK)?.id ?? '';
  expect(platformId).not.toBe('');
});
afterAll(async () => {
  await browser.close();
});

interface PublicPage { name: string; path: () => string; ready: string }

/** Every public page, each with the element that shows it has loaded its data. */
const PAGES: PublicPage[] = [
  { name: 'home', path: () => '/', ready: 'portal-title' },
  { name: 'directory', path: () => '/platforms', ready: 'directory-card' },
  { name: 'platform', path: () => `/platforms/${platformId}`, ready: 'platform-grade' },
  { name: 'results', path: () => '/results', ready: 'public-result-row' },
  { name: 'notices', path: () => '/notices', ready: 'notices-title' },
  { name: 'open-data', path: () => '/open-data', ready: 'open-data-licence' },
  { name: 'login', path: () => '/login', ready: 'login-submit' },
];

describe.each([
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const)('public pages at %s width', (label, viewport) => {
  it.each(PAGES)('$name: no serious or critical axe violation, nothing off-screen, text enlargeable to 200 %', async (p) => {
    const name = p.name;
    // bypassCSP: the app's policy (script-src 'self') would refuse the injected axe-core.
    const page = await browser.newPage({ locale: 'zh-CN', viewport, bypassCSP: true });
    try {
      await page.goto(`${baseUrl}${p.path()}`);
      await settle(page, p.ready);
      // 适老化: the reader's larger default font (root font size 200 %) must not cut text off or push the page sideways.
      await checkAccessible(page, `portal-${name}-${label}`);
    } finally {
      await page.close();
    }
  }, 60_000);
});

describe('the directory on a 390 px phone', () => {
  it('a citizen searches by keyword, filters by district, opens a platform and sees its grade', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      await page.goto(`${baseUrl}/`);
      await page.getByTestId('portal-directory-link').first().click();
      await settle(page, 'directory-card');
      // Five cards a page on a phone: the demo's platforms need the pager, which fits the screen.
      const listed = ((await (await fetch(`${baseUrl}/api/v1/public/platforms?pageSize=100`)).json()) as { total: number }).total;
      expect(listed).toBeGreaterThan(5);
      expect(await page.getByTestId('directory-card').count()).toBe(5);
      const pager = page.getByTestId('directory-pager');
      const pagerBox = await pager.boundingBox();
      expect(pagerBox && pagerBox.x >= 0 && pagerBox.x + pagerBox.width <= PHONE.width).toBe(true);
      await pager.getByRole('button', { name: /下一页|next/i }).or(pager.locator('button.btn-next')).first().click();
      await expect.poll(() => page.getByTestId('directory-card').count()).toBe(Math.min(listed - 5, 5));
      expect(page.url()).toContain('page=2');
      await page.getByTestId('directory-keyword').fill('人力资源服务产业园');
      await page.getByTestId('directory-search').click();
      await settle(page, 'directory-card');
      const names = () => page.getByTestId('directory-card').getByRole('link').allInnerTexts();
      await expect.poll(async () => (await names()).every((n) => n.includes('人力资源服务产业园'))).toBe(true);
      expect((await names()).length).toBeGreaterThan(1);
      // The district filter: a native <select> a phone shows in its own picker.
      await page.getByLabel('区县').selectOption({ label: '九龙坡区' });
      await expect.poll(async () => (await page.getByTestId('directory-card').allInnerTexts()).every((t) => t.includes('九龙坡区'))).toBe(true);
      expect(await names()).toContain(JLP_PARK);
      expect(await overflowX(page)).toBeLessThanOrEqual(0);
      await screenshot(page, 'portal-directory-flow-phone');
      await page.getByRole('link', { name: JLP_PARK, exact: true }).click();
      await settle(page, 'platform-grade');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(JLP_PARK);
      const grade = page.getByTestId('platform-grade').first();
      expect(await grade.innerText()).toMatch(/2024 年度\s*(优秀|合格|不合格)/);
      expect(await grade.isVisible()).toBe(true);
      const box = await grade.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
      expect(await page.locator('body').innerText()).not.toMatch(/联系人|联系电话|1[3-9]\d{9}/);
      await screenshot(page, 'portal-platform-flow-phone');
    } finally {
      await page.close();
    }
  }, 90_000);
});

