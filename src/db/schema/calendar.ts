import { date, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { holidayEntryKinds } from '../../domain/dates/holiday-entries.js';
import { users } from './identity.js';

/**
 * The administrator's holiday schedule (RULES.md §6), versioned per year: each save of a year
 * is a new version with its reason (版本说明), who and when; older versions stay readable. The
 * server's calendar is the package's data overridden by the newest version of each year.
 */
export const holidayCalendarVersions = pgTable('holiday_calendar_versions', {
  id: uuid('id').primaryKey().defaultRandom(),
  year: integer('year').notNull(),
  /** 1, 2, … per year. */
  version: integer('version').notNull(),
  reason: text('reason').notNull(),
  savedBy: uuid('saved_by').references(() => users.id),
  savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [unique('holiday_calendar_versions_year_version').on(t.year, t.version)]);

/** The entries of one version: each date a statutory holiday or a make-up working day, with its holiday's name. */
export const holidayCalendarEntries = pgTable('holiday_calendar_entries', {
  id: uuid('id').primaryKey().defaultRandom(),
  versionId: uuid('version_id').notNull().references(() => holidayCalendarVersions.id, { onDelete: 'cascade' }),
  year: integer('year').notNull(),
  date: date('date').notNull(),
  kind: text('kind', { enum: holidayEntryKinds }).notNull(),
  name: text('name').notNull(),
}, (t) => [
  unique('holiday_calendar_entries_version_date').on(t.versionId, t.date),
  index('holiday_calendar_entries_year_idx').on(t.year),
]);
