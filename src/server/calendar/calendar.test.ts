/**
 * The holiday calendar (issue #14): administrator only, versioned with an audit row per save, and
 * the calendar every publicity notice is counted with: a stored holiday moves the end of a notice
 * posted through the recognition publicity route, and a year neither the package nor the entries
 * cover is refused, naming the year to enter.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../test/app.js';
import { makeUser, type MadeUser } from '../../../test/factories.js';
import { applicationUrl, expectCall, proposedApplication, type ApplicationPath } from '../../../test/recognition.js';
import { chineseCalendar } from '../../domain/dates/calendar.js';
import { addDays, yearOf } from '../../domain/dates/iso-date.js';
import { todayIso } from '../clock.js';

const ctx = useTestApp();
type Who = 'admin' | 'secadmin' | 'auditor' | 'bureau' | 'gov' | 'hrss' | 'expert';
let c: Record<Who, Client>;
let u: Record<Who, MadeUser>;

interface Problem { code: string; message: string; details?: { field: string; message: string }[] }
interface Version { version: number; reason: string; savedByName: string | null; savedAt: string; entryCount: number }
interface Year { year: number; packageCovers: boolean; packageEntries: unknown[]; current: (Version & { entries: { date: string; kind: string; name: string }[] }) | null; versions: Version[] }
interface Publicity { notice: { lastDay: string } | null }

const count = async (sql: string, args: unknown[] = []) => Number((await ctx.database.pool.query<{ n: string }>(sql, args)).rows[0]!.n);

beforeAll(async () => {
  const db = ctx.database.db;
  u = {
    admin: await makeUser(db, 'admin'), secadmin: await makeUser(db, 'security_admin'), auditor: await makeUser(db, 'auditor'), bureau: await makeUser(db, 'bureau'),
    gov: await makeUser(db, 'district_gov', { districtCode: '500107' }), hrss: await makeUser(db, 'district', { districtCode: '500107' }), expert: await makeUser(db, 'expert'),
  };
  const entries = await Promise.all((Object.keys(u) as Who[]).map(async (k) => [k, await loginAs(ctx.app, u[k].username)] as const));
  c = Object.fromEntries(entries) as Record<Who, Client>;
});

const y2003 = { reason: '补录 2003 年节假日安排（国办发明电〔2002〕号）', entries: [
  { date: '2003-01-01', kind: 'holiday', name: '元旦' }, { date: '2003-05-01', kind: 'holiday', name: '劳动节' }, { date: '2003-05-02', kind: 'holiday', name: '劳动节' },
] };

describe('who may keep the calendar', () => {
  it('only the system administrator: every other role gets 403 and nothing is stored', async () => {
    for (const who of ['secadmin', 'auditor', 'bureau', 'gov', 'expert'] as const) {
      expect((await c[who].call('GET', '/calendar/holidays')).statusCode, who).toBe(403);
      expect((await c[who].call('GET', '/calendar/holidays/2027')).statusCode, who).toBe(403);
      expect((await c[who].call('PUT', '/calendar/holidays/2027', y2003)).statusCode, who).toBe(403);
    }
    expect(await count('select count(*) n from holiday_calendar_versions')).toBe(0);
    const years = (await expectCall(c.admin, 'GET', '/calendar/holidays')).json<{ packageYears: number[]; years: { year: number; packageCovers: boolean }[] }>();
    expect(years.packageYears).toContain(2026);
    expect(years.packageYears).not.toContain(2027);
  });

  it('refuses bad entries and a missing reason in Chinese, storing nothing', async () => {
    const noReason = await c.admin.call('PUT', '/calendar/holidays/2027', { reason: '', entries: [] });
    expect(noReason.statusCode).toBe(400);
    const outside = await c.admin.call('PUT', '/calendar/holidays/2027', { reason: '测试', entries: [{ date: '2026-12-31', kind: 'holiday', name: '元旦' }] });
    expect(outside.json<Problem>()).toMatchObject({ code: 'VALIDATION_FAILED', message: '第 1 行：日期 2026-12-31 不在 2027 年内' });
    expect(await count('select count(*) n from holiday_calendar_versions')).toBe(0);
    expect(await count("select count(*) n from audit_log where action = 'holiday_calendar.save'")).toBe(0);
  });
});

// --- the recognition publicity route ---
const path = (): ApplicationPath => ({ app: ctx.app, gov: c.gov, hrss: c.hrss, bureau: c.bureau, expert: c.expert, expertUserId: u.expert.id });
/** An application proposed for publicity (materials, district opinions, one expert's assessment). */
const proposed = (name: string) => proposedApplication(path(), name);

/** A posting day in the past whose plain fifth day is a working day of a year the package covers. */
function postingDay(): { postedOn: string; plainEnd: string } {
  for (let back = 10; ; back++) {
    const postedOn = addDays(todayIso(), -back);
    const plainEnd = addDays(postedOn, 5);
    if (chineseCalendar.covers(yearOf(plainEnd)) && chineseCalendar.isWorkingDay(plainEnd) && chineseCalendar.isWorkingDay(addDays(plainEnd, 1))) return { postedOn, plainEnd };
  }
}

describe('the calendar publicity notices are counted with', () => {
  it('a year neither the package nor the entries cover is refused, naming the year; entered, the same notice is posted', async () => {
    const id = await proposed('节假日未录入产业园');
    const before = await count('select count(*) n from publicity_notices');
    const refused = await c.bureau.call('POST', applicationUrl(id, '/publicity'), { postedOn: '2003-06-01', days: 5 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<Problem>().message).toBe('公示期延伸至 2003 年，节假日安排尚未录入：请系统管理员在「节假日安排」中录入 2003 年的节假日和调休上班日');
    expect(await count('select count(*) n from publicity_notices')).toBe(before);

    await expectCall(c.admin, 'PUT', '/calendar/holidays/2003', y2003);
    const p = (await expectCall(c.bureau, 'POST', applicationUrl(id, '/publicity'), { postedOn: '2003-06-01', days: 5 })).json<Publicity>();
    // 06-01 + 5 = 06-06, a Friday of an entered year without a holiday then.
    expect(p.notice?.lastDay).toBe('2003-06-06');
  });

  it('a stored holiday moves the computed end date of a notice posted through the recognition route', async () => {
    const { postedOn, plainEnd } = postingDay();
    const first = await proposed('节假日对照产业园');
    const plain = (await expectCall(c.bureau, 'POST', applicationUrl(first, '/publicity'), { postedOn, days: 5 })).json<Publicity>();
    expect(plain.notice?.lastDay).toBe(plainEnd);

    const year = yearOf(plainEnd);
    await expectCall(c.admin, 'PUT', `/calendar/holidays/${year}`, { reason: '测试：更正一天为法定节假日', entries: [{ date: plainEnd, kind: 'holiday', name: '测试假日' }] });
    const second = await proposed('节假日更正产业园');
    const moved = (await expectCall(c.bureau, 'POST', applicationUrl(second, '/publicity'), { postedOn, days: 5 })).json<Publicity>();
    expect(moved.notice?.lastDay).toBe(addDays(plainEnd, 1));
  });
});

describe('versions and audit', () => {
  it('each save is a new version; older versions stay readable with who and when; one audit row each', async () => {
    const auditBefore = await count("select count(*) n from audit_log where action = 'holiday_calendar.save'");
    await expectCall(c.admin, 'PUT', '/calendar/holidays/2027', { reason: '国务院办公厅关于 2027 年部分节假日安排的通知', entries: [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' }, { date: '2027-02-14', kind: 'workday', name: '春节' },
    ] });
    const y = (await expectCall(c.admin, 'PUT', '/calendar/holidays/2027', { reason: '更正：春节调休', entries: [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' }, { date: '2027-02-20', kind: 'workday', name: '春节' },
    ] })).json<Year>();
    expect(y.current).toMatchObject({ version: 2, reason: '更正：春节调休', savedByName: '测试admin', entries: [{ date: '2027-01-01' }, { date: '2027-02-20', kind: 'workday' }] });
    expect(y.versions.map((v) => [v.version, v.entryCount])).toEqual([[2, 2], [1, 2]]);
    expect(y.packageCovers).toBe(false);
    const v1 = (await expectCall(c.admin, 'GET', '/calendar/holidays/2027/versions/1')).json<Version & { entries: { date: string }[] }>();
    expect(v1).toMatchObject({ version: 1, reason: '国务院办公厅关于 2027 年部分节假日安排的通知', savedByName: '测试admin' });
    expect(v1.entries.map((e) => e.date)).toEqual(['2027-01-01', '2027-02-14']);
    expect(new Date(v1.savedAt).getTime()).toBeGreaterThan(0);
    expect((await c.admin.call('GET', '/calendar/holidays/2027/versions/9')).statusCode).toBe(404);

    expect(await count("select count(*) n from audit_log where action = 'holiday_calendar.save'")).toBe(auditBefore + 2);
    const last = (await ctx.database.pool.query<{ summary: Record<string, unknown>; entity_id: string; user_id: string }>(
      "select summary, entity_id, user_id from audit_log where action = 'holiday_calendar.save' order by at desc limit 1",
    )).rows[0]!;
    expect(last).toMatchObject({ entity_id: '2027', user_id: u.admin.id });
    expect(last.summary).toMatchObject({ year: 2027, version: 2, reason: '更正：春节调休', added: ['2027-02-20 春节（班）'], removed: ['2027-02-14 春节（班）'] });
    const years = (await expectCall(c.admin, 'GET', '/calendar/holidays')).json<{ years: { year: number; current: Version | null }[] }>();
    expect(years.years.find((x) => x.year === 2027)?.current?.version).toBe(2);
  });
});
