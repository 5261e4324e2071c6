import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { filingStatuses } from '../../domain/district-evaluations/filing.js';
import { users } from './identity.js';
import { files } from './platforms.js';
import { districts } from './reference.js';

/**
 * Art 28: a district HRSS unit's yearly self-evaluation of its district-level platforms, filed with the
 * bureau. `items` is what the district filed, as filed (platform id and name at the time, grade text in the
 * district's own scheme, optional score and note); one filing per district and year.
 */
export const districtEvaluationFilings = pgTable('district_evaluation_filings', {
  id: uuid('id').primaryKey().defaultRandom(),
  districtCode: text('district_code').notNull().references(() => districts.code),
  year: integer('year').notNull(),
  status: text('status', { enum: filingStatuses }).notNull().default('draft'),
  items: jsonb('items').notNull().default([]),
  /** The district's own scheme or remarks on the evaluation. */
  note: text('note'),
  documentFileId: uuid('document_file_id').references(() => files.id, { onDelete: 'set null' }),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  submittedBy: uuid('submitted_by').references(() => users.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  decidedBy: uuid('decided_by').references(() => users.id),
  decisionNote: text('decision_note'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('district_evaluation_filings_district_year').on(t.districtCode, t.year), index('district_evaluation_filings_year_idx').on(t.year)]);
