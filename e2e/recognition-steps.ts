import { expect } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { chooseOption, login, screenshot } from './browser.js';
import { DEMO_PASSWORD } from './review-api.js';

/**
 * The steps of a recognition application (Art 14, 附表1) that the recognition browser tests share: signing in,
 * waiting for a screen to settle, creating and filling the application, sending it on, the district opinions,
 * the bureau's check, assigning experts and an expert's assessment.
 */

/** The five kinds of material of Art 14 (一), in the order the screen lists them. */
export const MATERIAL_KINDS = ['application_form', 'policies', 'land_and_operation', 'residents', 'other_evidence'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

export interface StepsOptions {
  /** Read when a step runs: a test's own server starts in beforeAll. */
  baseUrl: () => string;
  browser: () => Browser | undefined;
  /** Accounts whose password is not the demo one (created ones); filled in as they are made. */
  passwords?: Record<string, string>;
  /** Whether settle also waits for the success toasts to go, so that screenshots show the page only. */
  waitForToasts?: boolean;
}

export interface RecognitionSteps {
  newPage: () => Promise<Page>;
  /** Logins are rate-limited (10 a minute): retry after a pause. */
  signIn: (page: Page, username: string) => Promise<void>;
  /** No request running, no message box, no loading mask (and, if asked, no toast). */
  settle: (page: Page) => Promise<void>;
  /** The 附表1 form's 保存, once everything it asks for is filled. */
  saveForm: (page: Page) => Promise<void>;
  /** The 申报材料 tab: one PDF for each of the five kinds. */
  uploadMaterials: (page: Page) => Promise<void>;
  /** From the notification list to the application named, by its 查看. */
  openFromNotification: (page: Page, name: string, applicationUrl: string) => Promise<void>;
  /** 条件核验 opened, the 平台建筑面积 row failing Art 11 (一); gives the conditions table. */
  checkConditions: (page: Page) => Promise<Locator>;
  /** Waits for the expert's work panel and checks the form is there, read-only, with `address` (on the 申请表 tab). */
  openExpertWork: (page: Page, address: string) => Promise<Locator>;
  /** Saves the expert's work, screenshots it, submits it and screenshots the result. */
  saveAndSubmitWork: (page: Page, work: Locator, shots: readonly [string, string]) => Promise<void>;
  /** 专家评估与认定 tab with the two experts' opinions side by side. */
  openSideBySide: (page: Page) => Promise<Locator>;
  /** Staff's 拟认定 with a note, then a screenshot. */
  propose: (page: Page, note: string, shot: string) => Promise<void>;
}

export function recognitionSteps(options: StepsOptions): RecognitionSteps {
  const password = (username: string) => options.passwords?.[username] ?? DEMO_PASSWORD;

  async function newPage(): Promise<Page> {
    const browser = options.browser();
    if (!browser) throw new Error('no browser');
    return browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  }

  async function signIn(page: Page, username: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      await login(page, options.baseUrl(), username, password(username));
      try {
        await page.getByTestId('home-title').waitFor({ timeout: 10_000 });
        return;
      } catch (error) {
        if (attempt > 6) throw error;
        await page.waitForTimeout(10_000);
      }
    }
  }

  async function settle(page: Page): Promise<void> {
    await page.waitForLoadState('networkidle');
    await page.locator('.el-message-box').waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator('.el-loading-mask').evaluateAll((masks) => masks.filter((m) => m instanceof HTMLElement && m.offsetParent !== null).length)).toBe(0);
    if (options.waitForToasts) await expect.poll(() => page.locator('.el-message').count(), { timeout: 10_000 }).toBe(0);
  }

  async function saveForm(page: Page): Promise<void> {
    await page.getByTestId('form-save').click();
    await expect.poll(() => page.getByTestId('form-gaps').count()).toBe(0);
  }

  async function uploadMaterials(page: Page): Promise<void> {
    await page.getByRole('tab', { name: /申报材料/ }).click();
    for (const kind of MATERIAL_KINDS) {
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId(`upload-${kind}`).click();
      await (await chooser).setFiles({ name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: TINY_PDF });
      await page.getByTestId(`material-${kind}`).getByText('1 个文件').waitFor();
    }
    await settle(page);
  }

  async function openFromNotification(page: Page, name: string, applicationUrl: string): Promise<void> {
    await page.goto(`${options.baseUrl()}/app/notifications`);
    const table = page.getByTestId('notification-table');
    await table.getByText(name).first().waitFor({ timeout: 20_000 });
    await table.locator('tr', { hasText: name }).first().getByTestId('notification-open').click();
    await page.waitForURL(`**${applicationUrl}`);
  }

  async function checkConditions(page: Page): Promise<Locator> {
    await page.getByRole('tab', { name: '条件核验' }).click();
    const conditions = page.getByTestId('check-conditions');
    await conditions.waitFor();
    await settle(page);
    const areaRow = await conditions.locator('tr', { hasText: '平台建筑面积' }).innerText();
    expect(areaRow).toContain('未通过');
    expect(areaRow).toContain('第十一条（一）');
    return conditions;
  }

  async function openExpertWork(page: Page, address: string): Promise<Locator> {
    const work = page.getByTestId('expert-work');
    await work.waitFor();
    await settle(page);
    await page.getByRole('tab', { name: '申请表' }).click();
    expect(await page.getByTestId('form-readonly').innerText()).toContain(address);
    return work;
  }

  async function saveAndSubmitWork(page: Page, work: Locator, [savedShot, submittedShot]: readonly [string, string]): Promise<void> {
    await work.getByTestId('work-save').click();
    await expect.poll(() => work.getByTestId('work-missing').count()).toBe(0);
    await settle(page);
    await screenshot(page, savedShot);
    await work.getByTestId('work-submit').click();
    await confirmBox(page);
    await work.getByTestId('work-submitted').waitFor({ timeout: 20_000 });
    await settle(page);
    await screenshot(page, submittedShot);
  }

  async function openSideBySide(page: Page): Promise<Locator> {
    await page.getByRole('tab', { name: '专家评估与认定' }).click();
    const side = page.getByTestId('opinions-side-by-side');
    await side.locator('table').waitFor({ timeout: 20_000 });
    await settle(page);
    return side;
  }

  async function propose(page: Page, note: string, shot: string): Promise<void> {
    await page.locator('textarea[data-testid=propose-note]').fill(note);
    await page.getByTestId('propose').click();
    await confirmBox(page);
    await expect.poll(() => state(page)).toBe('拟认定，待公示');
    await settle(page);
    await screenshot(page, shot);
  }

  return { newPage, signIn, settle, saveForm, uploadMaterials, openFromNotification, checkConditions, openExpertWork, saveAndSubmitWork, openSideBySide, propose };
}

export const confirmBox = (page: Page) => page.locator('.el-message-box .el-button--primary').click();
export const fillNumber = (page: Page, testId: string, value: string) => page.locator(`[data-testid=${testId}] input`).fill(value);
export const state = (page: Page) => page.getByTestId('application-state').innerText();

/** 新建申报 on 平台认定申报: name and type, then (after `beforeCreate`) 创建; gives the new application's path. */
export async function createApplication(page: Page, name: string, type: string, beforeCreate?: () => Promise<unknown>): Promise<string> {
  await page.locator('.el-menu-item', { hasText: '平台认定申报' }).click();
  await page.getByTestId('new-application').click();
  await page.locator('input[data-testid=new-name]').fill(name);
  await chooseOption(page, page.getByTestId('new-type'), type);
  await beforeCreate?.();
  await page.getByTestId('new-create').click();
  await page.getByTestId('application-form').waitFor();
  const applicationUrl = new URL(page.url()).pathname;
  expect(applicationUrl).toMatch(/^\/app\/recognition\/applications\/[0-9a-f-]{36}$/);
  return applicationUrl;
}

/** What the tests write into 附表1; `numbers` are the further number fields by their test id (after f-). */
export interface Form1 {
  address: string;
  contact: string;
  phone: string;
  area: string;
  sites: string;
  construction: string;
  investment: string;
  operation: string;
  team: string;
  year: string;
  numbers: Record<string, string>;
}

/** Fills 附表1 (线上+线下, three services) and leaves the last field, so that its value is taken. */
export async function fillForm(page: Page, form: Form1): Promise<void> {
  await page.locator('input[data-testid=f-address]').fill(form.address);
  await page.getByTestId('f-carrier').getByText('线上+线下').click();
  await page.locator('input[data-testid=f-contact]').fill(form.contact);
  await page.locator('input[data-testid=f-phone]').fill(form.phone);
  await fillNumber(page, 'f-area', form.area);
  await fillNumber(page, 'f-sites', form.sites);
  await page.getByTestId('f-construction').getByText(form.construction).click();
  await fillNumber(page, 'f-investment', form.investment);
  await page.getByTestId('f-operation').getByText(form.operation).click();
  await fillNumber(page, 'f-team', form.team);
  for (const s of ['政策咨询', '信息服务', '开业指导']) await page.getByTestId('f-services').getByText(s).click();
  await fillNumber(page, 'f-year', form.year);
  for (const [field, value] of Object.entries(form.numbers)) await fillNumber(page, `f-${field}`, value);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
}

/** 报区县人社局 (the form and materials complete): the application then waits for the district HRSS bureau's opinion. */
export async function sendToHrss(page: Page): Promise<void> {
  await page.getByTestId('action-send_to_hrss').click();
  await confirmBox(page);
  await expect.poll(() => state(page)).toBe('待区县人社局出具意见');
}

export async function writeOpinion(page: Page, text: string, signer: string): Promise<void> {
  await page.getByRole('tab', { name: '审核意见' }).click();
  await page.locator('textarea[data-testid=opinion-text]').fill(text);
  await page.locator('input[data-testid=opinion-signer]').fill(signer);
}

/** Submits the opinion written and waits for the application's next state. */
export async function submitOpinion(page: Page, next: string): Promise<void> {
  await page.getByTestId('opinion-submit').click();
  await confirmBox(page);
  await expect.poll(() => state(page)).toBe(next);
}

/** Every checklist item confirmed, with who and when. */
export async function confirmChecklist(page: Page): Promise<void> {
  const checklist = page.getByTestId('checklist');
  while ((await checklist.getByTestId('checklist-confirm').count()) > 0) {
    const before = await checklist.getByTestId('checklist-confirm').count();
    await checklist.getByTestId('checklist-confirm').first().click();
    await expect.poll(() => checklist.getByTestId('checklist-confirm').count()).toBe(before - 1);
  }
  expect(await checklist.innerText()).toContain('市局业务员');
}

/** Art 17: 平台建筑面积 lowered to 8000 m² in the terms dialog (screenshot `shot` before saving). */
export async function lowerAreaThreshold(page: Page, shot: string): Promise<void> {
  await page.getByTestId('terms-edit').click();
  const dialog = page.getByTestId('terms-dialog');
  await dialog.getByTestId('terms-add-lowered').click();
  await chooseOption(page, dialog.getByTestId('lowered-condition'), '平台建筑面积');
  await dialog.locator('input[data-testid=lowered-threshold]').fill('8000');
  await screenshot(page, shot);
  await dialog.getByTestId('terms-save').click();
  await dialog.waitFor({ state: 'hidden' });
}

export async function pickExpert(page: Page, label: string): Promise<void> {
  await chooseOption(page, page.getByTestId('assign-expert-select'), label);
  await page.getByTestId('assign-confirm').click();
}

/** Assigns the experts one after the other, each showing up in the assignments table. */
export async function assignExperts(page: Page, labels: readonly string[]): Promise<void> {
  for (const [i, label] of labels.entries()) {
    await pickExpert(page, label);
    await expect.poll(() => page.getByTestId('expert-assignments').locator('tbody tr').count()).toBe(i + 1);
  }
  await expect.poll(() => state(page)).toBe('专家评估中');
}

/** The site visit: yesterday (Beijing time), who took part, what was found. */
export async function recordSiteVisit(work: Locator, members: string, findings: string): Promise<void> {
  const visit = work.getByTestId('site-visit');
  const dateInput = visit.locator('.el-date-editor input');
  await dateInput.fill(new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10));
  await dateInput.press('Enter');
  await visit.locator('textarea').nth(0).fill(members);
  await visit.locator('textarea').nth(1).fill(findings);
}

export async function writeAssessment(work: Locator, necessity: string, feasibility: string): Promise<void> {
  await work.locator('textarea[data-testid=work-necessity]').fill(necessity);
  await work.locator('textarea[data-testid=work-feasibility]').fill(feasibility);
}

/** Opens an application from the home page's to-do list by its name. */
export async function openFromHome(page: Page, name: string): Promise<void> {
  const tasks = page.getByTestId('home-tasks');
  await tasks.waitFor({ timeout: 20_000 });
  await tasks.getByRole('link', { name: new RegExp(name) }).click();
  await page.getByTestId('application-title').getByText(name).waitFor();
}
