import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { dayCountings, objectionOutcomes, objectionStatuses, publicitySubjectTypes } from '../../domain/publicity/notice.js';
import { users } from './identity.js';

/**
 * Publicity notices (公示, Art 14 (三), RULES.md §6) about a subject: for now a recognition
 * application (subject_type 'recognition_application', subject_id its id); the annual results and
 * 筹建 are to be published the same way. The period is computed when posted (Civil Code rule with
 * the holiday calendar) and stored with its start and end.
 */
export const publicityNotices = pgTable('publicity_notices', {
  id: uuid('id').primaryKey().defaultRandom(),
  subjectType: text('subject_type', { enum: publicitySubjectTypes }).notNull(),
  subjectId: uuid('subject_id').notNull(),
  title: text('title').notNull(),
  body: text('body'),
  postedOn: date('posted_on').notNull(),
  days: integer('days').notNull(),
  counting: text('counting', { enum: dayCountings }).notNull().default('calendar_days'),
  /** The day counting starts (the day after posting). */
  firstDay: date('first_day').notNull(),
  /** The last day of the period, moved off a rest day (民法典 Art 203). */
  lastDay: date('last_day').notNull(),
  /** The first day the decision may be taken. */
  decisionFrom: date('decision_from').notNull(),
  postedBy: uuid('posted_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('publicity_notices_subject_idx').on(t.subjectType, t.subjectId),
  check('publicity_notices_days_min', sql`${t.days} >= 5`),
]);

/** Objections received during a notice; the bureau records them and their resolution (upheld or dismissed). */
export const publicityObjections = pgTable('publicity_objections', {
  id: uuid('id').primaryKey().defaultRandom(),
  noticeId: uuid('notice_id').notNull().references(() => publicityNotices.id, { onDelete: 'cascade' }),
  receivedOn: date('received_on').notNull(),
  summary: text('summary').notNull(),
  status: text('status', { enum: objectionStatuses }).notNull().default('open'),
  outcome: text('outcome', { enum: objectionOutcomes }),
  resolution: text('resolution'),
  resolvedOn: date('resolved_on'),
  recordedBy: uuid('recorded_by').references(() => users.id),
  resolvedBy: uuid('resolved_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('publicity_objections_notice_idx').on(t.noticeId)]);
