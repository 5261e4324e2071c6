/** Request and response schemas of the holiday calendar (节假日安排, administrator). */
import { z } from 'zod';
import { holidayEntryKinds } from '../../domain/dates/holiday-entries.js';
import { isoDate, shortText, year } from '../fields.js';

export const MAX_ENTRIES_PER_YEAR = 120;

export const yearParams = z.strictObject({ year });
export const versionParams = z.strictObject({ year, version: z.coerce.number({ error: '须为版本号' }).int({ error: '须为版本号' }).min(1, { error: '须为版本号' }) });

const entry = z.strictObject({
  date: isoDate,
  kind: z.enum(holidayEntryKinds, { error: '须为“法定节假日”或“调休上班日”' }),
  name: shortText(20),
});

export const saveYearBody = z.strictObject({
  /** 版本说明: why this version (e.g. 国务院办公厅 2026 年 11 月通知). */
  reason: shortText(500),
  entries: z.array(entry).max(MAX_ENTRIES_PER_YEAR, { error: `每年最多 ${MAX_ENTRIES_PER_YEAR} 条` }),
});
export type SaveYearBody = z.infer<typeof saveYearBody>;

const entryOut = z.object({ date: z.string(), kind: z.enum(holidayEntryKinds), name: z.string() });
const versionOut = z.object({
  version: z.number().int(), reason: z.string(), savedByName: z.string().nullable(), savedAt: z.string(), entryCount: z.number().int(),
});

export const yearsResponse = z.object({
  /** Years the package (chinese-days) covers, e.g. 2004–2026. */
  packageYears: z.array(z.number().int()),
  years: z.array(z.object({ year: z.number().int(), packageCovers: z.boolean(), current: versionOut.nullable() })),
});

export const yearResponse = z.object({
  year: z.number().int(),
  packageCovers: z.boolean(),
  /** The package's own schedule of the year, for reference (empty when it lacks the year). */
  packageEntries: z.array(entryOut),
  /** The newest stored version, in force; null when the year has none (the package alone applies). */
  current: versionOut.extend({ entries: z.array(entryOut) }).nullable(),
  versions: z.array(versionOut),
});

export const versionResponse = versionOut.extend({ year: z.number().int(), entries: z.array(entryOut) });

export type YearsResponse = z.infer<typeof yearsResponse>;
export type YearResponse = z.infer<typeof yearResponse>;
export type VersionResponse = z.infer<typeof versionResponse>;
