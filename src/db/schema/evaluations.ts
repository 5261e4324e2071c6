import { boolean, date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { assignmentStatuses, evaluationStatuses, finalGrades, gradeSources, proposalKinds, proposalStatuses, reviewDecisions, schemeStatuses } from '../../domain/evaluation/codes.js';
import { users } from './identity.js';
import { platformLevels, platformTypes, platforms } from './platforms.js';

/** Versioned score schemes (附表2/3/4 as data, src/domain/rules/scheme-types.ts); one per year, cloned and edited. */
export const scoreSchemes = pgTable('score_schemes', {
  id: text('id').primaryKey(),
  year: integer('year').notNull(),
  title: text('title').notNull(),
  basedOn: text('based_on'),
  document: jsonb('document').notNull(),
  status: text('status', { enum: schemeStatuses }).notNull().default('draft'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  adoptedAt: timestamp('adopted_at', { withTimezone: true }),
});

/** A year's evaluation campaign (Art 28–31). */
export const evaluations = pgTable('evaluations', {
  id: uuid('id').primaryKey().defaultRandom(),
  year: integer('year').notNull().unique(),
  schemeId: text('scheme_id').notNull().references(() => scoreSchemes.id),
  excellentCutoff: numeric('excellent_cutoff', { precision: 5, scale: 2 }).notNull().default('85'),
  passCutoff: numeric('pass_cutoff', { precision: 5, scale: 2 }).notNull().default('60'),
  poolPerType: boolean('pool_per_type').notNull().default(false),
  selfEvaluationEnd: date('self_evaluation_end').notNull(),
  districtReviewEnd: date('district_review_end').notNull(),
  municipalReviewEnd: date('municipal_review_end').notNull(),
  status: text('status', { enum: evaluationStatuses }).notNull().default('draft'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  /** The grading run as published (pools, caps, held ties and their decisions), frozen with the scheme version. */
  results: jsonb('results'),
  /** HMAC-SM3 of the public results document (src/server/evaluations/results-code.ts) and the key version it used. */
  resultsCode: text('results_code'),
  resultsKeyVersion: integer('results_key_version'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const entryStatusValues = ['draft', 'submitted', 'returned', 'forwarded', 'under_review', 'reviewed', 'graded', 'published'] as const;

/** One platform's part in a year's evaluation: its self-evaluation, reviews, score and grade. */
export const evaluationEntries = pgTable('evaluation_entries', {
  id: uuid('id').primaryKey().defaultRandom(),
  evaluationId: uuid('evaluation_id').notNull().references(() => evaluations.id, { onDelete: 'cascade' }),
  platformId: uuid('platform_id').notNull().references(() => platforms.id),
  level: text('level', { enum: platformLevels }).notNull(),
  type: text('type', { enum: platformTypes }).notNull(),
  factor: numeric('factor', { precision: 6, scale: 2 }).notNull(),
  /** District-level platforms take part by their district's application (Art 33). */
  voluntary: boolean('voluntary').notNull().default(false),
  status: text('status', { enum: entryStatusValues }).notNull().default('draft'),
  facts: jsonb('facts').notNull().default({}),
  /**
   * The registry's figures the self-evaluation was pre-filled from, kept as they were when the
   * entry was made (the anomaly rule compares the operator's figures with these, not with today's
   * registry). Null for entries made before this was kept.
   */
  prefilledFacts: jsonb('prefilled_facts'),
  rowTexts: jsonb('row_texts').notNull().default({}),
  selfTotal: numeric('self_total', { precision: 6, scale: 2 }),
  reviewedTotal: numeric('reviewed_total', { precision: 6, scale: 2 }),
  /** The facts after the experts' corrections, and the engine's sheet on them (frozen at finish_review). */
  reviewedFacts: jsonb('reviewed_facts'),
  reviewedSheet: jsonb('reviewed_sheet'),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  /** Rank within its pool and the policy recommendation (Art 32), set by grading and frozen at publication. */
  rank: integer('rank'),
  recommendation: text('recommendation'),
  gradedAt: timestamp('graded_at', { withTimezone: true }),
  conditionsLost: boolean('conditions_lost'),
  conditionsNote: text('conditions_note'),
  grade: text('grade', { enum: finalGrades }),
  gradeSource: text('grade_source', { enum: gradeSources }),
  gradeReason: text('grade_reason'),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  forwardedAt: timestamp('forwarded_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('evaluation_entries_eval_platform').on(t.evaluationId, t.platformId), index('evaluation_entries_platform_idx').on(t.platformId)]);

/** The district's row-by-row preliminary review. */
export const entryRowReviews = pgTable('entry_row_reviews', {
  id: uuid('id').primaryKey().defaultRandom(),
  entryId: uuid('entry_id').notNull().references(() => evaluationEntries.id, { onDelete: 'cascade' }),
  rowCode: text('row_code').notNull(),
  decision: text('decision', { enum: reviewDecisions }).notNull(),
  comment: text('comment'),
  reviewerId: uuid('reviewer_id').references(() => users.id),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('entry_row_reviews_entry_idx').on(t.entryId)]);

/** An expert's assignment to one entry: fact checks, judged scores, site inspection, private notes. */
export const expertAssignments = pgTable('expert_assignments', {
  id: uuid('id').primaryKey().defaultRandom(),
  entryId: uuid('entry_id').notNull().references(() => evaluationEntries.id, { onDelete: 'cascade' }),
  expertUserId: uuid('expert_user_id').notNull().references(() => users.id),
  status: text('status', { enum: assignmentStatuses }).notNull().default('assigned'),
  declineReason: text('decline_reason'),
  corrections: jsonb('corrections').notNull().default([]),
  judgedScores: jsonb('judged_scores').notNull().default({}),
  siteVisit: jsonb('site_visit'),
  privateNotes: text('private_notes'),
  assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
}, (t) => [uniqueIndex('expert_assignments_entry_expert').on(t.entryId, t.expertUserId), index('expert_assignments_expert_idx').on(t.expertUserId)]);

/** What the results propose (Art 32 removal, Art 33 promotion), confirmed or rejected by the bureau. */
export const evaluationProposals = pgTable('evaluation_proposals', {
  id: uuid('id').primaryKey().defaultRandom(),
  evaluationId: uuid('evaluation_id').notNull().references(() => evaluations.id, { onDelete: 'cascade' }),
  platformId: uuid('platform_id').notNull().references(() => platforms.id),
  kind: text('kind', { enum: proposalKinds }).notNull(),
  status: text('status', { enum: proposalStatuses }).notNull().default('proposed'),
  reason: text('reason').notNull(),
  decidedBy: uuid('decided_by').references(() => users.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  decisionNote: text('decision_note'),
}, (t) => [index('evaluation_proposals_eval_idx').on(t.evaluationId)]);
