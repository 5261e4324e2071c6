import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { reportStates } from '../../domain/reporting/workflow.js';
import { organizations, users } from './identity.js';
import { platforms } from './platforms.js';

/**
 * Operating-data reporting (Art 18, 20). The bureau sets a cycle (quarterly or yearly, for a
 * year) with the figures asked of each platform type (`figures`: type → figure keys of
 * src/domain/reporting/figures.ts); a cycle has periods with due dates.
 */
export const reportingCycles = pgTable('reporting_cycles', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['quarterly', 'yearly'] }).notNull(),
  year: integer('year').notNull(),
  figures: jsonb('figures').notNull().default({}),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const reportingPeriods = pgTable('reporting_periods', {
  id: uuid('id').primaryKey().defaultRandom(),
  cycleId: uuid('cycle_id').notNull().references(() => reportingCycles.id, { onDelete: 'cascade' }),
  label: text('label').notNull(),
  /** 1–4 for a quarter, null for the year. */
  quarter: integer('quarter'),
  dueOn: date('due_on').notNull(),
}, (t) => [index('reporting_periods_cycle_idx').on(t.cycleId)]);

/** One platform's report for one period; created when the reporter first saves it. */
export const reportingReports = pgTable('reporting_reports', {
  id: uuid('id').primaryKey().defaultRandom(),
  periodId: uuid('period_id').notNull().references(() => reportingPeriods.id, { onDelete: 'cascade' }),
  platformId: uuid('platform_id').notNull().references(() => platforms.id),
  state: text('state', { enum: reportStates }).notNull().default('draft'),
  figures: jsonb('figures').notNull().default({}),
  returnReason: text('return_reason'),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  submittedBy: uuid('submitted_by').references(() => users.id),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  reviewedBy: uuid('reviewed_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('reporting_reports_period_platform').on(t.periodId, t.platformId), index('reporting_reports_platform_idx').on(t.platformId)]);

/** Reminders sent, one row per platform, period and kind (due_soon, overdue): each is sent once. */
export const reportingReminders = pgTable('reporting_reminders', {
  periodId: uuid('period_id').notNull().references(() => reportingPeriods.id, { onDelete: 'cascade' }),
  platformId: uuid('platform_id').notNull().references(() => platforms.id),
  kind: text('kind', { enum: ['due_soon', 'overdue'] }).notNull(),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.periodId, t.platformId, t.kind] })]);

/**
 * Art 18: the bureau may entrust a national platform's reporting to another organization; its
 * operator users then report for the platform besides (or instead of) the operator's.
 */
export const reportingDelegations = pgTable('reporting_delegations', {
  platformId: uuid('platform_id').primaryKey().references(() => platforms.id),
  reportingOrgId: uuid('reporting_org_id').notNull().references(() => organizations.id),
  setBy: uuid('set_by').references(() => users.id),
  setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
});
