import { bigint, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { finalGrades } from '../../domain/evaluation/codes.js';
import { supportKinds, supportOutcomes, supportStandings } from '../../domain/support/eligibility.js';
import { districts } from './reference.js';
import { users } from './identity.js';
import { platforms } from './platforms.js';

/** One support item (Art 23–26): the platform, year, kind, the grade it rests on (Art 32) and what came of it. */
export const supportItems = pgTable('support_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  platformId: uuid('platform_id').notNull().references(() => platforms.id),
  /** The platform's district when recorded, for the district's scope and totals. */
  districtCode: text('district_code').notNull().references(() => districts.code),
  year: integer('year').notNull(),
  kind: text('kind', { enum: supportKinds }).notNull(),
  title: text('title').notNull(),
  /** Integer yuan; null for recommendations without an amount. */
  amountYuan: bigint('amount_yuan', { mode: 'number' }),
  outcome: text('outcome', { enum: supportOutcomes }).notNull().default('pending'),
  /** The published grade of the year and what it means, frozen when recorded. */
  grade: text('grade', { enum: finalGrades }),
  standing: text('standing', { enum: supportStandings }).notNull(),
  basis: text('basis').notNull(),
  /** Why support is given though the grade does not qualify; required then. */
  reason: text('reason'),
  note: text('note'),
  recordedBy: uuid('recorded_by').references(() => users.id),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  /** Voided items leave the register and its totals; the row stays for its audit trail and documents. */
  voidedAt: timestamp('voided_at', { withTimezone: true }),
  voidedBy: uuid('voided_by').references(() => users.id),
  voidReason: text('void_reason'),
}, (t) => [index('support_items_platform_idx').on(t.platformId), index('support_items_district_year_idx').on(t.districtCode, t.year)]);
