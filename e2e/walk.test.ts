import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBaseUrl } from './demo-server.js';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, screenshot } from './browser.js';

/**
 * The walk of issue #11's "Done when": every demo role, as a new user would, opens every menu entry the
 * app offers it, follows every in-page link (the first of each kind: a list's first row) and each of its
 * notifications, and finds no refused or missing page, no code name in the visible text, no page error and
 * nothing refused by the page's CSP.
 */
const baseUrl = demoBaseUrl();
const password = 'Demo@2025';
const roles = ['admin', 'secadmin', 'auditor', 'staff', 'jlp.hrss', 'wz.hrss', 'jlp.gov', 'jlp.operator', 'expert1'] as const;

/** Code names: camelCase, snake_case and dotted action names (user.reset_password). */
const codeName = /\b[a-z]+[A-Z][A-Za-z]*\b|\b[a-z]+_[a-z_]+\b|\b[a-z]+\.[a-z_]+(?:\.[a-z_]+)*\b/g;
/** Genuine exceptions, each a name users type or read as it is. */
const allowed = new Set([
  // The demo usernames (login names are what they are).
  'jlp.hrss', 'wz.hrss', 'jlp.gov', 'jlp.operator',
]);
/** Text of these shapes is not a code name: e-mail addresses and web addresses. */
const allowedContext = [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, /https?:\/\/\S+/g, /\b[\w-]+\.(?:png|pdf|xlsx|docx?|jpe?g|csv)\b/g];
/** The code names in a page's visible text, outside the allowed ones. */
function codeNamesIn(text: string): string[] {
  let plain = text;
  for (const re of allowedContext) plain = plain.replace(re, ' ');
  return [...new Set(plain.match(codeName) ?? [])].filter((w) => !allowed.has(w));
}

/** A link's path with ids replaced, so that one of each kind (a list's first row) is followed. */
function kindOf(href: string): string {
  return href.split('?')[0]!.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id').replace(/\/\d+(?=\/|$)/g, '/:n');
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

interface Walk {
  page: Page;
  problems: string[];
  visited: string[];
  /** Where the page now is, for messages. */
  here: () => string;
}

async function signedIn(username: string): Promise<Walk> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
  const problems: string[] = [];
  const here = () => page.url().replace(baseUrl, '');
  page.on('pageerror', (e) => problems.push(`${here()}: page error ${e.message}`));
  // Something the page's own CSP refused (a frame, an image, a script) is a broken screen, not a log line.
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) problems.push(`${here()}: ${m.text()}`);
  });
  await login(page, baseUrl, username, password);
  await page.getByTestId('home-title').waitFor({ timeout: 20_000 });
  page.on('response', (r) => {
    // Every call a page makes on its own for this role must be answered (a refused one means a link or a screen offers too much).
    if (r.url().includes('/api/') && r.status() >= 400 && r.request().method() === 'GET') problems.push(`${here()}: ${r.status()} ${r.url().replace(baseUrl, '')}`);
  });
  return { page, problems, visited: [], here };
}

/** Waits for the page to settle, then checks it is no error page and shows no code name. */
async function check(w: Walk, via: string): Promise<void> {
  const { page } = w;
  await page.waitForLoadState('networkidle');
  // Lists render their rows after the data arrives; let the table's loading mask go.
  await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  const where = `${w.here()} (via ${via})`;
  if (w.here().startsWith('/403')) w.problems.push(`${where}: 403 page`);
  if (await page.getByTestId('not-found').count() > 0) w.problems.push(`${where}: 404 page`);
  const text = await page.locator('body').innerText();
  for (const refusal of ['无权访问', '不存在或无权查看', '加载失败', '页面不存在']) {
    if (text.includes(refusal)) w.problems.push(`${where}: shows 「${refusal}」`);
  }
  const names = codeNamesIn(text);
  if (names.length > 0) w.problems.push(`${where}: code names ${names.join(', ')}`);
  const disabled = await disabledControls(page);
  if (disabled.length > 0) w.problems.push(`${where}: read-only values in disabled inputs (${disabled.join('、')})`);
}

/** Clicks each tab of the page's tab bars and checks what each shows. */
async function clickTabs(w: Walk, path: string): Promise<void> {
  const tabs = w.page.locator('main .el-tabs__item');
  for (let i = 0; i < await tabs.count(); i++) {
    const tab = tabs.nth(i);
    if (!(await tab.isVisible())) continue;
    const label = (await tab.innerText()).trim();
    await tab.click();
    await w.page.waitForLoadState('networkidle');
    await check(w, `${path} 标签「${label}」`);
    w.visited.push(`${path} 标签「${label}」`);
  }
}

/**
 * Form controls drawn disabled on the page, named by their form label: read-only data must be text, not a pale
 * grey input that reads as an empty placeholder (#11 item 6). Filters waiting for another filter are allowed.
 */
const disabledAllowed = new Set([
  '规模以上', // 企业名录's filter waits for a year to be chosen (a filter, not data)
]);
async function disabledControls(page: Page): Promise<string[]> {
  const labels = await page.locator([
    'main .el-input.is-disabled', 'main .el-textarea.is-disabled', 'main .el-select__wrapper.is-disabled', 'main .el-input-number.is-disabled',
    'main .el-radio.is-disabled', 'main .el-checkbox.is-disabled', 'main .el-date-editor.is-disabled',
    '.el-dialog .el-input.is-disabled', '.el-drawer .el-input.is-disabled', '.el-dialog .el-select__wrapper.is-disabled',
  ].join(', ')).evaluateAll((els: Element[]): string[] => els.filter((e) => e instanceof HTMLElement && e.offsetParent !== null)
    .map((e) => e.closest('.el-form-item')?.querySelector('.el-form-item__label')?.textContent?.trim() ?? e.getAttribute('class') ?? ''));
  return [...new Set(labels)].filter((l) => !disabledAllowed.has(l));
}

/** The menu's entries, as paths, by clicking each (the menu holds no hrefs). */
async function menuPaths(w: Walk): Promise<string[]> {
  const items = w.page.getByTestId('side-menu').locator('.el-menu-item');
  const paths: string[] = [];
  for (let i = 0; i < await items.count(); i++) {
    await items.nth(i).click();
    // The menu marks the entry of the route it navigated to (a page may then add its own query): wait for that.
    // (A locator wait, not expect.poll: the roles walk as concurrent tests, where only the test's own expect may poll.)
    await items.nth(i).and(w.page.locator('.is-active')).waitFor({ timeout: 10_000 });
    await w.page.waitForTimeout(200);
    await w.page.waitForLoadState('networkidle');
    paths.push(w.here());
  }
  return paths;
}

async function visit(w: Walk, path: string, via: string): Promise<void> {
  await w.page.goto(`${baseUrl}${path}`);
  await check(w, via);
}

/** The in-app links on the current page, one per kind. */
async function linksOn(w: Walk): Promise<string[]> {
  const hrefs = await w.page.locator('main a[href^="/app/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.filter((h) => !h.endsWith('/print'));
}

/** Buttons on a list's first row that open a view (drawer, dialog) without changing anything. */
const openers = /^(查看|评审对比|编辑|详情|参评平台|佐证材料)/;

/** Clicks each opener on the first row of each table on the page, checks what opens, and closes it. */
async function openFirstRows(w: Walk, path: string): Promise<void> {
  const rows = w.page.locator('main .el-table__body-wrapper .el-table__row:first-child');
  // A first row that expands (a score row's texts and evidence) is opened too.
  const expanders = rows.locator('.el-table__expand-icon');
  for (let e = 0; e < await expanders.count(); e++) {
    if (!(await expanders.nth(e).isVisible())) continue;
    await expanders.nth(e).click();
    await w.page.waitForLoadState('networkidle');
    await check(w, `${path} 首行展开`);
  }
  for (let t = 0; t < await rows.count(); t++) {
    const buttons = rows.nth(t).locator('button');
    for (let b = 0; b < await buttons.count(); b++) {
      const button = buttons.nth(b);
      const label = (await button.innerText()).trim();
      if (!openers.test(label) || !(await button.isVisible()) || await button.isDisabled()) continue;
      await button.click();
      await w.page.waitForLoadState('networkidle');
      await w.page.waitForTimeout(300);
      await check(w, `${path} 首行「${label}」`);
      w.visited.push(`${path} 首行「${label}」`);
      if (w.here().split('?')[0] !== path.split('?')[0]) {
        await w.page.goto(`${baseUrl}${path}`);
        await w.page.waitForLoadState('networkidle');
      } else {
        await w.page.keyboard.press('Escape');
        await w.page.waitForTimeout(300);
        // A guarded form may ask before closing: nothing was changed, so leave.
        const leave = w.page.locator('.el-message-box__btns button', { hasText: /确定|离开/ });
        if (await leave.count() > 0 && await leave.first().isVisible()) await leave.first().click();
      }
    }
  }
}

describe('the walk: every role, every menu entry, every link it offers', () => {
  // The roles walk side by side (each in its own page; the walk changes nothing): the suite waits on the network, not the CPU.
  // The bureau's walk takes about a minute alone; three walk at once beside another test file on two cores.
  it.for(roles)('%s', { concurrent: true, timeout: 480_000 }, async (username, { expect }) => {
    const w = await signedIn(username);
    try {
      await check(w, 'login');
      // The home chart animates its bars in: shoot once they stand at their values.
      await w.page.waitForTimeout(1_500);
      await screenshot(w.page, `walk-${username}-home`);
      const seen = new Set<string>();
      const queue: { path: string; via: string; depth: number }[] = [];
      const menu = await menuPaths(w);
      expect(menu.length).toBeGreaterThan(1);
      for (const path of menu) queue.push({ path, via: 'menu', depth: 0 });
      // The header's own entries: the message centre (the bell) and 账号安全.
      queue.push({ path: '/app/notifications', via: 'header', depth: 0 }, { path: '/app/account', via: 'header', depth: 0 });
      // Two levels below the menu: a list, its first row's page, and that page's links.
      while (queue.length > 0) {
        const next = queue.shift()!;
        const kind = kindOf(next.path);
        if (seen.has(kind)) continue;
        seen.add(kind);
        await visit(w, next.path, next.via);
        w.visited.push(next.path);
        if (next.depth >= 2) continue;
        await clickTabs(w, next.path);
        await openFirstRows(w, next.path);
        for (const href of await linksOn(w)) {
          if (!seen.has(kindOf(href))) queue.push({ path: href, via: next.path, depth: next.depth + 1 });
        }
      }
      // Each notification's link, from the message centre.
      await visit(w, '/app/notifications', 'menu');
      const count = await w.page.getByTestId('notification-open').count();
      for (let i = 0; i < count; i++) {
        await w.page.goto(`${baseUrl}/app/notifications`);
        await w.page.waitForLoadState('networkidle');
        const item = w.page.getByTestId('notification-open').nth(i);
        const title = await item.innerText();
        await item.click();
        // Opening marks the message read first, then follows its link: wait until the page has left the list.
        await w.page.waitForURL((u) => !u.pathname.endsWith('/app/notifications'), { timeout: 10_000 })
          .catch(() => w.problems.push(`notification 「${title}」 opened nothing`));
        await w.page.waitForLoadState('networkidle');
        await check(w, `notification 「${title}」`);
        w.visited.push(`notification 「${title}」 → ${w.here()}`);
      }
      console.log(`${username} walked:\n  ${w.visited.join('\n  ')}`);
      expect(w.visited.length).toBeGreaterThanOrEqual(menu.length);
      expect(w.problems).toEqual([]);
    } finally {
      await w.page.close();
    }
  });
});

describe('read-only data is shown as text (#11 item 6)', () => {
  it('the district government reads a platform’s basics and year data as text, not as disabled inputs', async () => {
    const w = await signedIn('jlp.gov');
    try {
      await w.page.goto(`${baseUrl}/app/platforms`);
      await w.page.locator('main a[href^="/app/platforms/"]').first().click();
      await w.page.getByTestId('platform-form').waitFor();
      expect(await w.page.locator('main .read-only-value').count()).toBeGreaterThan(8);
      expect(await disabledControls(w.page)).toEqual([]);
      await screenshot(w.page, 'walk-readonly-platform-basics');
      await w.page.locator('main .el-tabs__item', { hasText: '年度运营数据' }).click();
      await w.page.getByTestId('year-data-form').waitFor();
      expect(await w.page.locator('[data-testid=year-data-form] [data-testid=fact-text]').count()).toBeGreaterThan(5);
      expect(await w.page.getByTestId('year-data-save').count()).toBe(0);
      expect(await disabledControls(w.page)).toEqual([]);
      await screenshot(w.page, 'walk-readonly-year-data');
    } finally {
      await w.page.close();
    }
  });

  it('the expert reads its submitted review as text', async () => {
    const w = await signedIn('expert1');
    try {
      await w.page.goto(`${baseUrl}/app/review`);
      await w.page.locator('main a[href^="/app/review/"]').first().waitFor();
      const links = await w.page.locator('main a[href^="/app/review/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      let found = false;
      for (const href of links) {
        await w.page.goto(`${baseUrl}${href}`);
        await w.page.getByTestId('assignment-title').waitFor();
        await w.page.waitForLoadState('networkidle');
        if (await w.page.getByTestId('site-visit-text').count() === 0) continue;
        found = true;
        expect(await w.page.getByTestId('assignment-save').count()).toBe(0);
        expect(await w.page.locator('[data-testid^=judged-text-]').count()).toBeGreaterThan(0);
        expect(await w.page.getByTestId('site-visit-text').innerText()).toContain('现场核查');
        expect(await disabledControls(w.page)).toEqual([]);
        await screenshot(w.page, 'walk-readonly-submitted-review');
        break;
      }
      expect(found).toBe(true);
    } finally {
      await w.page.close();
    }
  });
});

describe('actions the server would refuse are disabled with the reason (#11 item 9)', () => {
  /** The reason on a disabled button's wrapper; hovering shows it in a tooltip. */
  async function reasonOf(page: Page, testid: string, scope = page.locator('body')): Promise<string> {
    const wrap = scope.getByTestId(testid).first();
    // The page may still be loading the state the reason comes from.
    await expect.poll(() => wrap.getAttribute('data-reason'), { timeout: 10_000 }).not.toBe('');
    expect(await wrap.locator('button').isDisabled()).toBe(true);
    const reason = (await wrap.getAttribute('data-reason')) ?? '';
    await wrap.hover();
    await page.locator('.el-popper:visible', { hasText: reason.slice(0, 6) }).first().waitFor();
    return reason;
  }

  it('admin cannot disable its own account; secadmin cannot force its own session out', async () => {
    const admin = await signedIn('admin');
    try {
      await admin.page.goto(`${baseUrl}/app/admin/users`);
      const own = admin.page.getByTestId('user-table').locator('.el-table__row', { hasText: '系统管理员（演示）' });
      expect(await reasonOf(admin.page, 'user-toggle', own)).toBe('不能停用自己的账号');
      const other = admin.page.getByTestId('user-table').locator('.el-table__row', { hasText: '市局业务员（演示）' }).getByTestId('user-toggle');
      expect(await other.locator('button').isDisabled()).toBe(false);
      await screenshot(admin.page, 'walk-buttons-own-account');
    } finally {
      await admin.page.close();
    }
    const sec = await signedIn('secadmin');
    try {
      await sec.page.goto(`${baseUrl}/app/admin/sessions`);
      const current = sec.page.locator('main .el-table__row', { hasText: 'secadmin' }).first();
      expect(await reasonOf(sec.page, 'kick-reason', current)).toContain('退出登录');
    } finally {
      await sec.page.close();
    }
  });

  it('the bureau: 完成评审 waits for the experts, 复核认定条件 is closed after publication', async () => {
    const w = await signedIn('staff');
    try {
      await w.page.goto(`${baseUrl}/app/municipal-review`);
      const row = w.page.getByTestId('municipal-review-table').locator('.el-table__row', { hasText: '万州区人力资源服务产业园' });
      await row.getByTestId('review-open').click();
      const drawer = w.page.getByTestId('review-drawer');
      expect(await reasonOf(w.page, 'finish-reason', drawer)).toBe('尚有 1 位专家未提交评审意见');
      await screenshot(w.page, 'walk-buttons-finish-review');
      await w.page.keyboard.press('Escape');
      await w.page.goto(`${baseUrl}/app/panel`);
      await w.page.getByTestId('campaign-select').click();
      await w.page.locator('.el-select-dropdown__item:visible', { hasText: '2024 年度评估' }).click();
      await w.page.waitForLoadState('networkidle');
      expect(await reasonOf(w.page, 'recheck-reason')).toBe('结果已公布，不能再复核认定条件');
    } finally {
      await w.page.close();
    }
  });
});
