import { sql } from 'drizzle-orm';
import { date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sealedText } from '../../server/crypto/sealed-column.js';
import { applicationActions, applicationStates, opinionKinds } from '../../domain/recognition/workflow.js';
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
}, (t) => [
  index('recognition_applications_district_idx').on(t.districtCode),
  // One open application per platform: a second is refused until the first is rejected or withdrawn.
  uniqueIndex('recognition_applications_one_open_per_platform').on(t.platformId)
    .where(sql`${t.platformId} is not null and ${t.state} not in ('rejected', 'withdrawn')`),
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
