import { check, date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { dayCountings, publicitySubjectTypes } from '../../domain/publicity/notice.js';
import { noticeRevisionKinds, noticeStatuses } from '../../domain/publicity/notice-states.js';
import { objectionOutcomes, objectionSources, objectionStatuses, replyMethods } from '../../domain/publicity/objection.js';
import { finalGrades } from '../../domain/evaluation/codes.js';
import { sealedText } from '../../server/crypto/sealed-column.js';
import { users } from './identity.js';

/**
 * Publicity notices (公示, Art 14 (三), RULES.md §6): a notice publishes a list of items of one kind
 * (`subject_type`: recognition applications proposed for recognition; an evaluation's draft results
 * follow), each item one row of `publicity_notice_items`. The period is computed when posted (Civil
 * Code rule with the holiday calendar) and stored with its start and end.
 */
export const publicityNotices = pgTable('publicity_notices', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The kind of the items the notice lists. */
  subjectType: text('subject_type', { enum: publicitySubjectTypes }).notNull(),
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
  /** Calendar counting whose plain last day was a rest day: that day (the period was moved off it). */
  extendedFrom: date('extended_from'),
  /** The rule that produced the period, in words, as shown when it was computed. */
  explanation: text('explanation').notNull().default(''),
  /** posted, or withdrawn with a reason (publicity_notice_revisions); a correction keeps it posted. */
  status: text('status', { enum: noticeStatuses }).notNull().default('posted'),
  /** The number of its latest revision (1 = as posted). */
  revision: integer('revision').notNull().default(1),
  postedBy: uuid('posted_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('publicity_notices_days_min', sql`${t.days} >= 5`),
]);

/**
 * The items a notice lists: each names its subject (a recognition application, an evaluation entry)
 * and keeps the public wording of the row as posted (the platform's name, what is proposed), so the
 * notice reads as it was published even after the subject changes.
 */
export const publicityNoticeItems = pgTable('publicity_notice_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  noticeId: uuid('notice_id').notNull().references(() => publicityNotices.id, { onDelete: 'cascade' }),
  subjectType: text('subject_type', { enum: publicitySubjectTypes }).notNull(),
  subjectId: uuid('subject_id').notNull(),
  position: integer('position').notNull(),
  /** The row's public title, e.g. the platform's name. */
  title: text('title').notNull(),
  /** What the notice proposes for it, e.g. 拟认定为市级人力资源服务产业园. */
  detail: text('detail'),
  /**
   * An evaluation result whose objection was upheld: the bureau's decision on the grade (confirmed or
   * changed, with the reason) before the results may be published.
   */
  decidedGrade: text('decided_grade', { enum: finalGrades }),
  decisionReason: text('decision_reason'),
  decidedBy: uuid('decided_by').references(() => users.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
}, (t) => [
  unique('publicity_notice_items_subject_uq').on(t.noticeId, t.subjectType, t.subjectId),
  index('publicity_notice_items_subject_idx').on(t.subjectType, t.subjectId),
]);

/**
 * A notice's history: its posting and each correction or withdrawal (with the reason, required for
 * both), each keeping a snapshot of the title, body, items and period as they were after it.
 */
export const publicityNoticeRevisions = pgTable('publicity_notice_revisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  noticeId: uuid('notice_id').notNull().references(() => publicityNotices.id, { onDelete: 'cascade' }),
  revision: integer('revision').notNull(),
  kind: text('kind', { enum: noticeRevisionKinds }).notNull(),
  reason: text('reason'),
  snapshot: jsonb('snapshot').notNull(),
  userId: uuid('user_id').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  unique('publicity_notice_revisions_uq').on(t.noticeId, t.revision),
  check('publicity_notice_revisions_reason', sql`${t.kind} = 'post' or length(trim(coalesce(${t.reason}, ''))) > 0`),
]);

/**
 * Objections to a listed item, filed on the public page (source 'public', with a receipt number) or
 * recorded by the bureau from a letter, call or visit (source 'bureau'). The workflow is
 * src/domain/publicity/objection.ts: received → assigned → decided (outcome, reasons in `resolution`)
 * → replied. The objector's name and contact are personal data, sealed. Never public.
 */
export const publicityObjections = pgTable('publicity_objections', {
  id: uuid('id').primaryKey().defaultRandom(),
  noticeId: uuid('notice_id').notNull().references(() => publicityNotices.id, { onDelete: 'cascade' }),
  /** The listed item the objection is about. */
  itemId: uuid('item_id').notNull().references(() => publicityNoticeItems.id, { onDelete: 'cascade' }),
  source: text('source', { enum: objectionSources }).notNull().default('bureau'),
  /** What the objector keeps to look the objection up (XXXX-XXXX-XXXX, the last character a check). */
  receiptNo: text('receipt_no').unique(),
  objectorName: sealedText('objector_name'),
  objectorPhone: sealedText('objector_phone'),
  objectorEmail: sealedText('objector_email'),
  receivedOn: date('received_on').notNull(),
  /** The grounds, as the objector gave them. */
  summary: text('summary').notNull(),
  status: text('status', { enum: objectionStatuses }).notNull().default('received'),
  assignedTo: uuid('assigned_to').references(() => users.id),
  assignedAt: timestamp('assigned_at', { withTimezone: true }),
  outcome: text('outcome', { enum: objectionOutcomes }),
  /** The reasons of the decision. */
  resolution: text('resolution'),
  resolvedOn: date('resolved_on'),
  replyText: text('reply_text'),
  repliedOn: date('replied_on'),
  replyMethod: text('reply_method', { enum: replyMethods }),
  repliedBy: uuid('replied_by').references(() => users.id),
  recordedBy: uuid('recorded_by').references(() => users.id),
  resolvedBy: uuid('resolved_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('publicity_objections_notice_idx').on(t.noticeId), index('publicity_objections_item_idx').on(t.itemId), index('publicity_objections_assignee_idx').on(t.assignedTo),
]);

/** The investigation of an objection, entry by entry (append-only: never edited or removed). */
export const publicityObjectionNotes = pgTable('publicity_objection_notes', {
  id: uuid('id').primaryKey().defaultRandom(),
  objectionId: uuid('objection_id').notNull().references(() => publicityObjections.id, { onDelete: 'cascade' }),
  body: text('body').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('publicity_objection_notes_objection_idx').on(t.objectionId)]);

/** Challenge tokens already used to file an objection (each answers once); rows past their expiry may be deleted. */
export const publicityChallengeUses = pgTable('publicity_challenge_uses', {
  id: text('id').primaryKey(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }).notNull().defaultNow(),
});
