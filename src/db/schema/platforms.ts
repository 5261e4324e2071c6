import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { sealedText } from '../../server/crypto/sealed-column.js';
import { districts } from './reference.js';
import { organizations, users } from './identity.js';
import { carriers, operationModes, orientations, platformLevels, platformOrigins, platformServices, platformStatuses, platformTypes, residenceModes, staffTeams } from '../../domain/platforms/codes.js';

export { carriers, operationModes, orientations, platformLevels, platformOrigins, platformServices, platformStatuses, platformTypes, residenceModes, staffTeams };

/** The registry's platforms: everything the conditions (Art 10–13) and the sheets need that is not yearly. */
export const platforms = pgTable('platforms', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  level: text('level', { enum: platformLevels }).notNull(),
  type: text('type', { enum: platformTypes }).notNull(),
  districtCode: text('district_code').notNull().references(() => districts.code),
  address: text('address'),
  carrier: text('carrier', { enum: carriers }).notNull().default('offline'),
  /** The specific industry or talent category served (专业性行业性). */
  servedField: text('served_field'),
  /** 附表3 选其一: decided at recognition (Art 12 (三)). */
  orientation: text('orientation', { enum: orientations }),
  managementOrgName: text('management_org_name'),
  operationMode: text('operation_mode', { enum: operationModes }).notNull().default('self'),
  operatorOrgId: uuid('operator_org_id').references(() => organizations.id),
  /** The contact person and phone, SM4-sealed (personal data at rest): `v<key version>:<base64>`. */
  contactName: sealedText('contact_name'),
  contactPhone: sealedText('contact_phone'),
  services: text('services', { enum: platformServices }).array().notNull().default([]),
  recognizedAt: date('recognized_at'),
  recognitionDocNo: text('recognition_doc_no'),
  recognitionBasis: text('recognition_basis'),
  /**
   * The terms it was recognized under (RULES.md §5): Art 17 lowered thresholds and deadlines, soft
   * shortfalls the bureau accepted. The Art 31 re-check applies them (ConditionAdjustments).
   */
  recognitionTerms: jsonb('recognition_terms'),
  parentPlatformId: uuid('parent_platform_id').references((): AnyPgColumn => platforms.id),
  status: text('status', { enum: platformStatuses }).notNull(),
  /** `legacy`: 存量平台登记, recognized before HRSP on the document in recognitionDocNo / recognizedAt. */
  origin: text('origin', { enum: platformOrigins }).notNull().default('registered'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  // The list's default order within a district (and the bureau's), a page read off the index; also the district filter.
  index('platforms_district_name_idx').on(t.districtCode, t.name, t.id),
  index('platforms_name_idx').on(t.name, t.id),
  index('platforms_operator_idx').on(t.operatorOrgId),
  // Branches of a platform (the detail page) and the parent join.
  index('platforms_parent_idx').on(t.parentPlatformId),
]);

export const platformSites = pgTable('platform_sites', {
  id: uuid('id').primaryKey().defaultRandom(),
  platformId: uuid('platform_id').notNull().references(() => platforms.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  address: text('address').notNull(),
  /** m², exact to 0.01. */
  buildingArea: numeric('building_area', { precision: 12, scale: 2 }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('platform_sites_platform_idx').on(t.platformId)]);

export const platformStaff = pgTable('platform_staff', {
  id: uuid('id').primaryKey().defaultRandom(),
  platformId: uuid('platform_id').notNull().references(() => platforms.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  team: text('team', { enum: staffTeams }).notNull(),
  position: text('position'),
  fullTime: boolean('full_time').notNull().default(true),
  /** 专业技术职称, if any. */
  professionalTitle: text('professional_title'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('platform_staff_platform_idx').on(t.platformId)]);

/**
 * Art 17 deadlines found passed with the condition still unmet by the daily check
 * (src/server/platforms/deadline-check.ts): one row per platform, condition and due date, so the
 * bureau is told once; resolvedAt is set when a later check finds it met or the term gone.
 */
export const platformDeadlineAlerts = pgTable('platform_deadline_alerts', {
  id: uuid('id').primaryKey().defaultRandom(),
  platformId: uuid('platform_id').notNull().references(() => platforms.id, { onDelete: 'cascade' }),
  condition: text('condition').notNull(),
  dueDate: date('due_date').notNull(),
  /** The data year the check read. */
  dataYear: integer('data_year').notNull(),
  raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
}, (t) => [uniqueIndex('platform_deadline_alerts_key').on(t.platformId, t.condition, t.dueDate)]);

/** Every lifecycle change, with its reason and effective date. */
export const platformStatusHistory = pgTable('platform_status_history', {
  id: uuid('id').primaryKey().defaultRandom(),
  platformId: uuid('platform_id').notNull().references(() => platforms.id, { onDelete: 'cascade' }),
  fromStatus: text('from_status', { enum: platformStatuses }),
  toStatus: text('to_status', { enum: platformStatuses }).notNull(),
  reason: text('reason').notNull(),
  effectiveDate: date('effective_date').notNull(),
  userId: uuid('user_id').references(() => users.id),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('platform_status_history_platform_idx').on(t.platformId)]);

/** Enterprises, kept once by 统一社会信用代码. */
export const enterprises = pgTable('enterprises', {
  id: uuid('id').primaryKey().defaultRandom(),
  uscc: text('uscc').notNull().unique(),
  name: text('name').notNull(),
  industry: text('industry'),
  isHrService: boolean('is_hr_service').notNull().default(false),
  /** Why a code failing the GB 32100 check should be accepted (null when it passes). */
  usccOverrideReason: text('uscc_override_reason'),
  /**
   * The reason a reviewer (district or bureau staff) accepted, with who and when (RULES.md §7).
   * A code with a reason no reviewer accepted (a new or changed reason) waits and is not counted.
   */
  usccAcceptedReason: text('uscc_accepted_reason'),
  usccAcceptedBy: text('uscc_accepted_by'),
  usccAcceptedAt: timestamp('uscc_accepted_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  // The few enterprises with an override reason: the statistics leave out those still waiting for a reviewer.
  index('enterprises_uscc_override_idx').on(t.id).where(sql`${t.usccOverrideReason} is not null`),
]);

/** 规模以上: a yearly status from the statistics bureau, recorded, never computed. */
export const enterpriseYears = pgTable('enterprise_years', {
  enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id, { onDelete: 'cascade' }),
  year: integer('year').notNull(),
  aboveScale: boolean('above_scale').notNull(),
}, (t) => [
  uniqueIndex('enterprise_years_pk').on(t.enterpriseId, t.year),
  // The statistics read one year's flags for all residents at once (src/server/statistics).
  index('enterprise_years_year_idx').on(t.year, t.enterpriseId, t.aboveScale),
]);

/** An enterprise's residence in a platform in a year, with that year's figures (whole yuan). */
export const residences = pgTable('residences', {
  id: uuid('id').primaryKey().defaultRandom(),
  platformId: uuid('platform_id').notNull().references(() => platforms.id, { onDelete: 'cascade' }),
  enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id),
  year: integer('year').notNull(),
  mode: text('mode', { enum: residenceModes }).notNull(),
  entryDate: date('entry_date'),
  exitDate: date('exit_date'),
  agreementFileId: uuid('agreement_file_id'),
  revenueYuan: bigint('revenue_yuan', { mode: 'bigint' }).notNull().default(sql`0`),
  passThroughYuan: bigint('pass_through_yuan', { mode: 'bigint' }).notNull().default(sql`0`),
  taxYuan: bigint('tax_yuan', { mode: 'bigint' }).notNull().default(sql`0`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('residences_platform_enterprise_year').on(t.platformId, t.enterpriseId, t.year),
  index('residences_enterprise_year_idx').on(t.enterpriseId, t.year),
  // The statistics sum a year (or a range of years) over every platform.
  index('residences_year_platform_idx').on(t.year, t.platformId),
  // The anomaly "an enterprise resident offline in two parks" groups a year's offline residents by enterprise.
  index('residences_offline_year_enterprise_idx').on(t.year, t.enterpriseId).where(sql`${t.mode} = 'offline'`),
]);

/**
 * A platform's yearly operating data: the score-sheet facts that are not derived from
 * residences, sites and staff (src/domain/rules/facts.ts), validated by the server's zod schema.
 */
export const platformYearData = pgTable('platform_year_data', {
  id: uuid('id').primaryKey().defaultRandom(),
  platformId: uuid('platform_id').notNull().references(() => platforms.id, { onDelete: 'cascade' }),
  year: integer('year').notNull(),
  data: jsonb('data').notNull().default({}),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('platform_year_data_platform_year').on(t.platformId, t.year)]);

/**
 * Attachments: the content is in file_blobs (so every server on the database sees it and a
 * backup holds it); visible with their platform. `storedName` is the disk name of a file
 * uploaded by a version that kept attachments on disk (moved into file_blobs at start);
 * `sm3` is null only for such a file not moved yet.
 */
export const files = pgTable('files', {
  id: uuid('id').primaryKey().defaultRandom(),
  platformId: uuid('platform_id').references(() => platforms.id, { onDelete: 'set null' }),
  /** What the file belongs to, e.g. platform, residence, year_data (with the field), site. */
  ownerType: text('owner_type').notNull(),
  ownerId: uuid('owner_id'),
  purpose: text('purpose'),
  year: integer('year'),
  originalName: text('original_name').notNull(),
  mimeType: text('mime_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  storedName: text('stored_name').unique(),
  sha256: text('sha256').notNull(),
  sm3: text('sm3'),
  uploadedBy: uuid('uploaded_by').references(() => users.id),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('files_owner_idx').on(t.ownerType, t.ownerId), index('files_platform_idx').on(t.platformId)]);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** An attachment's content in pieces of FILE_CHUNK_BYTES (seq 0, 1, …), so a download streams one piece at a time. */
export const fileBlobs = pgTable('file_blobs', {
  fileId: uuid('file_id').notNull().references(() => files.id, { onDelete: 'cascade' }),
  seq: integer('seq').notNull(),
  data: bytea('data').notNull(),
}, (t) => [primaryKey({ columns: [t.fileId, t.seq] })]);

/** 1 MiB: small enough to hold a few per request, large enough that a 20 MB file is 20 rows. */
export const FILE_CHUNK_BYTES = 1024 * 1024;
