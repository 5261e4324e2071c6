import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recommendations } from '../../domain/recognition/expert-review.js';
import { sealedText } from '../../server/crypto/sealed-column.js';
import { applicationActions, applicationStates, opinionKinds } from '../../domain/recognition/workflow.js';
import { preparationNeedKinds, preparationTermStatuses } from '../../domain/recognition/preparation.js';
import { districts } from './reference.js';
import { users } from './identity.js';
import { files, platformTypes, platforms } from './platforms.js';

/**
 * Applications for recognition as a municipal platform (Art 14), made by the district government.
 * A new platform has no registry record until it is recognized (platform_id null); a district-level
 * platform moving up names its record. 附表1 is in `form` (src/domain/recognition/form.ts) except the
 * contact person and phone, which are personal data and sealed. Materials are `files` rows with
 * owner_type 'recognition_application' (owner_id the application, purpose the kind of material).
 */
export const recognitionApplications = pgTable('recognition_applications', {
  id: uuid('id').primaryKey().defaultRandom(),
  districtCode: text('district_code').notNull().references(() => districts.code),
  platformId: uuid('platform_id').references(() => platforms.id),
  name: text('name').notNull(),
  type: text('type', { enum: platformTypes }).notNull(),
  form: jsonb('form').notNull().default({}),
  contactName: sealedText('contact_name'),
  contactPhone: sealedText('contact_phone'),
  state: text('state', { enum: applicationStates }).notNull().default('draft'),
  /**
   * The bureau's decisions on this application (ApplicationTerms): Art 17 lowered thresholds and
   * deadlines (渝东北 / 渝东南 only), soft shortfalls accepted with a reason; carried into the
   * platform's recognition terms at recognition.
   */
  terms: jsonb('terms').notNull().default({}),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  /** The recognition decision (Art 14 (四)): its date and document number (渝人社〔YYYY〕N号). */
  decisionDate: date('decision_date'),
  decisionDocNo: text('decision_doc_no'),
  /**
   * The experts' round in force: 1 the assessment (Art 14 (二)), 2 the 筹建 acceptance (Art 15). Each
   * round has its own assignments; the earlier round's opinions stay as they were submitted.
   */
  expertRound: integer('expert_round').notNull().default(1),
}, (t) => [
  index('recognition_applications_district_idx').on(t.districtCode),
  // One open application per platform: a second is refused until the first is rejected, withdrawn or its 筹建 cancelled.
  uniqueIndex('recognition_applications_one_open_per_platform').on(t.platformId)
    .where(sql`${t.platformId} is not null and ${t.state} not in ('rejected', 'withdrawn', 'preparation_cancelled')`),
]);

/** The opinions of the district HRSS bureau and of the district government on 附表1; the newest of each kind is in force. */
export const recognitionOpinions = pgTable('recognition_opinions', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id').notNull().references(() => recognitionApplications.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: opinionKinds }).notNull(),
  text: text('text').notNull(),
  opinionDate: date('opinion_date').notNull(),
  signer: text('signer').notNull(),
  /** The scan of the seal (盖章), a file of the application. */
  sealFileId: uuid('seal_file_id').references(() => files.id, { onDelete: 'set null' }),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('recognition_opinions_application_idx').on(t.applicationId, t.kind)]);

/** The bureau's confirmations of the qualitative conditions (checklist ids of the recognition policy), with who and when. */
export const recognitionChecklist = pgTable('recognition_checklist', {
  applicationId: uuid('application_id').notNull().references(() => recognitionApplications.id, { onDelete: 'cascade' }),
  item: text('item').notNull(),
  note: text('note'),
  confirmedBy: uuid('confirmed_by').references(() => users.id),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('recognition_checklist_item').on(t.applicationId, t.item)]);

/** Every step of an application, with its reason (returns, rejections, withdrawals). */
export const recognitionHistory = pgTable('recognition_history', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id').notNull().references(() => recognitionApplications.id, { onDelete: 'cascade' }),
  action: text('action', { enum: ['create', ...applicationActions] }).notNull(),
  fromState: text('from_state', { enum: applicationStates }),
  toState: text('to_state', { enum: applicationStates }).notNull(),
  reason: text('reason'),
  userId: uuid('user_id').references(() => users.id),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('recognition_history_application_idx').on(t.applicationId)]);

/**
 * The experts the bureau assigns to an application (Art 14 (二)), the shape of the annual review's
 * expert_assignments: each verifies the five kinds of material, records the site visit (photos are
 * files owned by the assignment) and private notes (the expert's own, never shown to others), and
 * gives the opinion on necessity and feasibility with a recommendation; or declines with a reason.
 */
export const recognitionExpertAssignments = pgTable('recognition_expert_assignments', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id').notNull().references(() => recognitionApplications.id, { onDelete: 'cascade' }),
  expertUserId: uuid('expert_user_id').notNull().references(() => users.id),
  /** The application's expert round this assignment belongs to (recognition_applications.expert_round). */
  round: integer('round').notNull().default(1),
  status: text('status', { enum: ['assigned', 'declined', 'submitted'] }).notNull().default('assigned'),
  declineReason: text('decline_reason'),
  /** Material kind → { result: verified | problem, note }. */
  verifications: jsonb('verifications').notNull().default({}),
  /** { date, participants, findings }, as the annual review's site visit. */
  siteVisit: jsonb('site_visit'),
  privateNotes: text('private_notes'),
  necessity: text('necessity'),
  feasibility: text('feasibility'),
  recommendation: text('recommendation', { enum: recommendations }),
  assignedBy: uuid('assigned_by').references(() => users.id),
  assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('recognition_expert_assignments_application_expert').on(t.applicationId, t.expertUserId, t.round),
  index('recognition_expert_assignments_expert_idx').on(t.expertUserId),
]);

/**
 * 筹建 terms (Art 15, RULES.md §6): approved by the bureau for an urgent need of a major strategy,
 * plan or project, with its consent; one year from approval unless extended with a reason. The
 * application is null for a platform registered in preparation before HRSP kept applications. A
 * platform has at most one running term. `reminders_sent` holds the keys `end:days` of the reminders
 * sent (90, 30 and 7 days before the end), so each is sent once per end.
 */
export const preparationTerms = pgTable('preparation_terms', {
  id: uuid('id').primaryKey().defaultRandom(),
  platformId: uuid('platform_id').notNull().references(() => platforms.id),
  applicationId: uuid('application_id').references(() => recognitionApplications.id),
  needKind: text('need_kind', { enum: preparationNeedKinds }).notNull(),
  need: text('need').notNull(),
  consent: text('consent').notNull(),
  approvedOn: date('approved_on').notNull(),
  /** The end in force: one year from approval, or the latest extension's. */
  endOn: date('end_on').notNull(),
  status: text('status', { enum: preparationTermStatuses }).notNull().default('running'),
  remindersSent: text('reminders_sent').array().notNull().default(sql`'{}'::text[]`),
  /** The day the term closed: acceptance passed or failed, or the day after its end (expiry). */
  closedOn: date('closed_on'),
  closedReason: text('closed_reason'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('preparation_terms_one_running_per_platform').on(t.platformId).where(sql`${t.status} = 'running'`),
  index('preparation_terms_application_idx').on(t.applicationId),
]);

/** Each extension of a 筹建 term: the end before and after, the reason, who and when (each also audited). */
export const preparationExtensions = pgTable('preparation_extensions', {
  id: uuid('id').primaryKey().defaultRandom(),
  termId: uuid('term_id').notNull().references(() => preparationTerms.id, { onDelete: 'cascade' }),
  previousEnd: date('previous_end').notNull(),
  newEnd: date('new_end').notNull(),
  reason: text('reason').notNull(),
  decidedBy: uuid('decided_by').references(() => users.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('preparation_extensions_term_idx').on(t.termId, t.decidedAt)]);
