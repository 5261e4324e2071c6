import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CheckResult } from '../../domain/conditions/types.js';
import { filingStates } from '../../domain/district/filing.js';
import type { PolicyThresholds } from '../../domain/district/policy.js';
import { districts } from './reference.js';
import { users } from './identity.js';
import { platforms } from './platforms.js';

/**
 * Art 16: a district's own recognition thresholds, one row per version (never changed once
 * written): per platform type, threshold key → value as entered (percentages for ratios).
 */
export const districtPolicies = pgTable('district_policies', {
  id: uuid('id').primaryKey().defaultRandom(),
  districtCode: text('district_code').notNull().references(() => districts.code),
  version: integer('version').notNull(),
  docNo: text('doc_no').notNull(),
  effectiveFrom: date('effective_from').notNull(),
  thresholds: jsonb('thresholds').$type<PolicyThresholds>().notNull(),
  note: text('note'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('district_policies_version').on(t.districtCode, t.version)]);

/**
 * A district-level platform's recognition by its district and its filing with the bureau (备案):
 * one row per platform, holding the decision, the check it was made on and the filing's state.
 */
export const districtFilings = pgTable('district_filings', {
  platformId: uuid('platform_id').primaryKey().references(() => platforms.id, { onDelete: 'cascade' }),
  districtCode: text('district_code').notNull().references(() => districts.code),
  state: text('state', { enum: filingStates }).notNull(),
  /** The data year the check read. */
  dataYear: integer('data_year').notNull(),
  policyId: uuid('policy_id').notNull().references(() => districtPolicies.id),
  decisionDocNo: text('decision_doc_no').notNull(),
  decidedOn: date('decided_on').notNull(),
  /** The check result (checkConditions) the decision was made on. */
  checkResult: jsonb('check_result').$type<CheckResult>().notNull(),
  /** Art 16: why a second platform of the type (null when within the quota). */
  quotaReason: text('quota_reason'),
  filedAt: timestamp('filed_at', { withTimezone: true }),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('district_filings_district_idx').on(t.districtCode), index('district_filings_state_idx').on(t.state)]);

/** Every step of a filing (decision, filing, question, answer, acknowledgement), for its history. */
export const districtFilingEvents = pgTable('district_filing_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  platformId: uuid('platform_id').notNull().references(() => platforms.id, { onDelete: 'cascade' }),
  action: text('action', { enum: ['decide', 'file', 'question', 'acknowledge'] }).notNull(),
  text: text('text'),
  userId: uuid('user_id').references(() => users.id),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('district_filing_events_platform_idx').on(t.platformId)]);
