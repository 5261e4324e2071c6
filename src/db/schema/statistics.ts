import { bigint, index, integer, numeric, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { platforms } from './platforms.js';

/**
 * Each platform-year's figures as the statistics count them (src/server/statistics): residents at
 * year end without a code waiting for a reviewer, those above scale, their revenue and tax, and the
 * people served and placed from the year's data by the platform's type. A row exists when the
 * platform has a counted resident or year data that year.
 *
 * Kept by database triggers (migration `statistics_summary_triggers`), not by the services: the
 * source rows are written from many places (residence imports and edits, the enterprise code
 * review, year data, the yearly report, demo and bench bulk inserts, and features other branches
 * add), and a trigger runs in the same transaction as every one of them, bulk SQL included, so the
 * table cannot drift. District and level are read from `platforms` when summing, so a platform
 * moving district or level changes nothing here; a change of type (which decides served/placed)
 * is caught by a trigger on platforms.
 */
export const platformYearFigures = pgTable('platform_year_figures', {
  platformId: uuid('platform_id').notNull().references(() => platforms.id, { onDelete: 'cascade' }),
  year: integer('year').notNull(),
  enterprises: integer('enterprises').notNull(),
  aboveScale: integer('above_scale').notNull(),
  /** Whole yuan, exact (a platform's sum may pass bigint only in theory, but numeric costs nothing here). */
  revenueYuan: numeric('revenue_yuan', { precision: 24, scale: 0 }).notNull(),
  taxYuan: numeric('tax_yuan', { precision: 24, scale: 0 }).notNull(),
  served: bigint('served', { mode: 'number' }).notNull(),
  placed: bigint('placed', { mode: 'number' }).notNull(),
}, (t) => [
  primaryKey({ name: 'platform_year_figures_pk', columns: [t.platformId, t.year] }),
  // The dashboards read a year (or a range of years) over every platform.
  index('platform_year_figures_year_idx').on(t.year, t.platformId),
]);
