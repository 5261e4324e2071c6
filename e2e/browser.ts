import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const screenshotDir = path.resolve('test-results/screenshots');

/** Debian's Chromium, headless; never a downloaded browser. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.HRSP_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export async function login(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  // Element Plus puts the attribute on the <input> itself.
  await page.locator('input[data-testid=login-username]').fill(username);
  await page.locator('input[data-testid=login-password]').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * Resolves once the page's CSS animations and transitions have run (Element Plus fades and slides its
 * components in): two frames for any that are about to start, then each finite one to its end. Looping
 * ones (a spinner) never end and are left out.
 */
export async function animationsDone(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const running = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
  });
}

/**
 * Whether the browser draws these characters with real glyphs: missing glyphs all render as the
 * same box ("tofu"), so distinct characters must give distinct bitmaps.
 */
export async function glyphsDistinct(page: Page, text: string): Promise<boolean> {
  return page.evaluate((chars) => {
    const font = getComputedStyle(document.body).fontFamily;
    const canvas = document.createElement('canvas');
    canvas.width = 40;
    canvas.height = 40;
    const ctx = canvas.getContext('2d');
    if (!ctx) return false;
    const seen = new Set<string>();
    for (const ch of chars) {
      ctx.clearRect(0, 0, 40, 40);
      ctx.font = `32px ${font}`;
      ctx.fillText(ch, 2, 32);
      const data = ctx.getImageData(0, 0, 40, 40).data;
      let ink = 0;
      for (let i = 3; i < data.length; i += 4) ink += data[i] ?? 0;
      if (ink === 0) return false;
      seen.add(canvas.toDataURL());
    }
    return seen.size === chars.length;
  }, [...new Set(text)]);
}

/**
 * Chooses `text` in an Element Plus select and waits until the select shows it. On a loaded machine
 * an option clicked while its dropdown still moves can miss; then the dropdown is closed and the
 * choice made again (three tries), so a miss is retried and a wrong choice still fails.
 */
export async function chooseOption(page: Page, select: Locator, text: string, typed?: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await select.click();
    // A filterable select: the typed words narrow the list, which re-renders as they arrive.
    if (typed !== undefined) await page.keyboard.type(typed);
    const option = page.locator('.el-select-dropdown__item:visible', { hasText: text }).first();
    await option.waitFor();
    await option.dispatchEvent('click');
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline) {
      if ((await select.innerText()).includes(text)) return;
      await page.waitForTimeout(100);
    }
    if (attempt === 3) throw new Error(`选择「${text}」未生效`);
    await page.keyboard.press('Escape');
  }
}
