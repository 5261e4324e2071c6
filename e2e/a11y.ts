/**
 * Accessibility checks shared by the browser tests of public pages: axe-core (npm, injected into
 * Chromium) for serious and critical violations, nothing wider than the window, and text that can be
 * enlarged to 200 % (适老化) without being cut off or spilling out of its box.
 */
import axe from 'axe-core';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { animationsDone, screenshot } from './browser.js';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };

export interface Violation { id: string; impact: string | null; help: string; nodes: { target: unknown; html: string; failureSummary?: string }[] }

/** Waits until requests are done and no loading mask is left. */
export async function settle(page: Page, ready: string): Promise<void> {
  await page.getByTestId(ready).first().waitFor({ timeout: 20_000 });
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.el-loading-mask').evaluateAll((masks) => masks.filter((m) => m instanceof HTMLElement && m.offsetParent !== null).length)).toBe(0);
  // Element Plus animates some components in; let them finish before measuring colours.
  await animationsDone(page);
}

export async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact ?? null, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function report(violations: Violation[]): string {
  return violations.map((v) => `${v.impact ?? ''} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${JSON.stringify(n.target)} ${n.html}\n    ${n.failureSummary ?? ''}`).join('\n')}`).join('\n');
}

/** How far the page is wider than the window (0 when nothing sticks out sideways). */
export async function overflowX(page: Page): Promise<number> {
  return page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);
}

/**
 * Elements that cut their own text off: an element holding text whose content is larger than its
 * box while it hides the overflow (the usual way enlarged text gets lost).
 */
export async function clippedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      // Hidden on purpose (text for screen readers only, 1×1 px), or not rendered.
      if (el.offsetParent === null || (el.clientWidth <= 1 && el.clientHeight <= 1)) continue;
      const style = getComputedStyle(el);
      const hides = (o: string) => o === 'hidden' || o === 'clip';
      if (!hides(style.overflowX) && !hides(style.overflowY)) continue;
      const text = Array.from(el.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
      if (text === '') continue;
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) found.push(`${el.tagName.toLowerCase()}.${el.className}: ${text.slice(0, 40)}`);
    }
    return found;
  });
}

/**
 * Boxes of fixed height that their enlarged text spills out of (drawn over what follows): a
 * button or field whose content is taller than the box itself.
 */
export async function spilledTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      if (el.offsetParent === null || el.clientHeight <= 1) continue;
      const style = getComputedStyle(el);
      if (style.display === 'inline' || style.overflowY !== 'visible') continue;
      const text = el.innerText.trim();
      if (text === '') continue;
      if (el.scrollHeight > el.clientHeight + 2) found.push(`${el.tagName.toLowerCase()}.${el.className}: ${text.slice(0, 40)}`);
    }
    return found;
  });
}

/**
 * The whole check of one loaded page (opened with `bypassCSP: true`, so axe-core can be injected):
 * lang, screenshot, axe, overflow, then the same at 200 % text. `check` is the test's own expect.
 */
export async function checkAccessible(page: Page, shot: string, check: typeof expect = expect): Promise<void> {
  check(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  await screenshot(page, shot);
  const violations = await seriousViolations(page);
  check(violations, report(violations)).toEqual([]);
  check(await overflowX(page), 'the page is wider than the window').toBeLessThanOrEqual(0);
  await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  await animationsDone(page);
  await screenshot(page, `${shot}-200`);
  check(await overflowX(page), 'at 200 % text the page is wider than the window').toBeLessThanOrEqual(0);
  check(await clippedTexts(page), 'text cut off at 200 %').toEqual([]);
  check(await spilledTexts(page), 'text spilling out of its box at 200 %').toEqual([]);
}

declare global {
  interface Window { axe: typeof axe }
}
