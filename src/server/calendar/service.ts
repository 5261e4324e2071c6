/**
 * The holiday calendar (节假日安排, RULES.md §6): the administrator enters or corrects a year's
 * statutory holidays and make-up working days; each save is a new version with its reason and an
 * audit row in the same transaction. Every period the server counts (publicity notices) uses
 * `loadWorkCalendar`: the package's data overridden by the newest version of each year.
 */
import type { Db, Executor } from '../../db/client.js';
import { chineseCalendar, type WorkCalendar } from '../../domain/dates/calendar.js';
import { composeCalendar, packageHolidayEntries, validateHolidayEntries, type HolidayEntry } from '../../domain/dates/holiday-entries.js';
import { audit } from '../audit/audit.js';
import { notifyChange, onChange, onReset } from '../cluster/changes.js';
import type { RequestContext } from '../context.js';
import { AppError, errors } from '../errors.js';
import * as repo from './repository.js';
import type { SaveYearBody, VersionResponse, YearResponse, YearsResponse } from './schema.js';

const CHANGE_KEY = 'holiday-calendar';
/** A lost cross-process notification leaves a stale calendar at most this long. */
const CACHE_MILLIS = 60_000;

interface Cached { readonly at: number; readonly stamp: number; readonly calendar: WorkCalendar }
// One per process (a process serves one database; callers pass their transaction, so the cache
// cannot be keyed by the executor). Dropped on every save in any process.
let cache: Cached | null = null;
const dropCache = (): void => { cache = null; };
onChange('settings', (key) => { if (key === CHANGE_KEY) dropCache(); });
onReset(dropCache);

/**
 * The calendar every server-side period is counted with: chinese-days overridden by the stored
 * entries of the newest version of each year. Cached per process; a save here or in another
 * process (cluster notification) drops it, and the stored version count is compared after
 * CACHE_MILLIS in case a notification was lost.
 */
export async function loadWorkCalendar(db: Executor): Promise<WorkCalendar> {
  const hit = cache;
  if (hit !== null && Date.now() - hit.at < CACHE_MILLIS) return hit.calendar;
  const stamp = await repo.versionCount(db);
  if (hit !== null && hit.stamp === stamp) {
    cache = { ...hit, at: Date.now() };
    return hit.calendar;
  }
  const stored = await repo.newestEntries(db);
  const calendar = composeCalendar(chineseCalendar, stored.entries, stored.years);
  cache = { at: Date.now(), stamp, calendar };
  return calendar;
}

/** The years the package covers: a run of years around today, found by asking it. */
function packageYears(): number[] {
  const out: number[] = [];
  for (let y = 2004; y <= 2100; y++) if (chineseCalendar.covers(y)) out.push(y);
  return out;
}

const versionOut = (v: repo.VersionRecord) => ({
  version: v.version, reason: v.reason, savedByName: v.savedByName, savedAt: v.savedAt.toISOString(), entryCount: v.entryCount,
});

/** Years the page lists: the package's last two years, every stored year, and the next year to enter after the last covered one. */
export async function listYears(db: Db): Promise<YearsResponse> {
  const pkg = packageYears();
  const versions = await repo.listVersions(db);
  const newest = new Map<number, repo.VersionRecord>();
  for (const v of versions) if (!newest.has(v.year)) newest.set(v.year, v);
  const lastPackageYear = pkg.length === 0 ? new Date().getFullYear() : Math.max(...pkg);
  // The year after the last one covered is the next to enter (the State Council publishes it in November).
  const lastCovered = Math.max(lastPackageYear, ...newest.keys());
  const years = new Set<number>([lastPackageYear - 1, lastPackageYear, lastPackageYear + 1, lastCovered + 1, ...newest.keys()]);
  return {
    packageYears: pkg,
    years: [...years].sort((a, b) => b - a).map((year) => {
      const v = newest.get(year);
      return { year, packageCovers: chineseCalendar.covers(year), current: v === undefined ? null : versionOut(v) };
    }),
  };
}

export async function getYear(db: Db, year: number): Promise<YearResponse> {
  const versions = await repo.listVersions(db, year);
  const newest = versions[0];
  return {
    year,
    packageCovers: chineseCalendar.covers(year),
    packageEntries: packageHolidayEntries(year),
    current: newest === undefined ? null : { ...versionOut(newest), entries: await repo.entriesOf(db, newest.id) },
    versions: versions.map(versionOut),
  };
}

export async function getVersion(db: Db, year: number, version: number): Promise<VersionResponse> {
  const v = await repo.findVersion(db, year, version);
  if (v === null) throw errors.notFound(`${year} 年节假日安排第 ${version} 版`);
  return { year, version: v.version, reason: v.reason, savedByName: v.savedByName, savedAt: v.savedAt.toISOString(), entries: await repo.entriesOf(db, v.id), entryCount: 0 };
}

/** What a save changed against the version before it (dates added, removed, changed), for the audit row. */
function changesOf(before: readonly HolidayEntry[], after: readonly HolidayEntry[]): { added: string[]; removed: string[]; changed: string[] } {
  const old = new Map(before.map((e) => [e.date, e]));
  const next = new Map(after.map((e) => [e.date, e]));
  const text = (e: HolidayEntry) => `${e.date} ${e.name}${e.kind === 'holiday' ? '（休）' : '（班）'}`;
  return {
    added: after.filter((e) => !old.has(e.date)).map(text),
    removed: before.filter((e) => !next.has(e.date)).map(text),
    changed: after.filter((e) => { const o = old.get(e.date); return o !== undefined && (o.kind !== e.kind || o.name !== e.name); }).map(text),
  };
}

/** Saves a year's entries as its next version (the reason required), with the audit row in the same transaction. */
export async function saveYear(db: Db, ctx: RequestContext, year: number, body: SaveYearBody): Promise<YearResponse> {
  const checked = validateHolidayEntries(year, body.entries);
  if (!checked.ok) {
    const details = checked.errors.map((e) => ({ field: e.path ?? 'entries', message: e.message }));
    throw new AppError('VALIDATION_FAILED', 400, details.map((d) => d.message).join('；'), details);
  }
  const entries = checked.value;
  await db.transaction(async (tx) => {
    const previous = (await repo.listVersions(tx, year))[0];
    const before = previous === undefined ? [] : await repo.entriesOf(tx, previous.id);
    const saved = await repo.insertVersion(tx, year, body.reason, ctx.actor.userId, entries);
    await audit(tx, ctx, {
      action: 'holiday_calendar.save', entityType: 'holiday_calendar', entityId: `${year}`,
      summary: {
        year, version: saved.version, reason: body.reason,
        holidays: entries.filter((e) => e.kind === 'holiday').length, workdays: entries.filter((e) => e.kind === 'workday').length,
        ...changesOf(before, entries),
      },
    });
    await notifyChange(tx, 'settings', CHANGE_KEY);
  });
  dropCache();
  return getYear(db, year);
}
