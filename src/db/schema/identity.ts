import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sealedText } from '../../server/crypto/sealed-column.js';
import { districts } from './reference.js';

export const orgKinds = ['bureau', 'district', 'district_gov', 'operator', 'expert_pool'] as const;
export const roles = ['admin', 'security_admin', 'auditor', 'bureau', 'district', 'district_gov', 'operator', 'expert'] as const;

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind', { enum: orgKinds }).notNull(),
  name: text('name').notNull(),
  code: text('code').notNull().unique(),
  districtCode: text('district_code').references(() => districts.code),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: createdAt(),
}, (t) => [index('organizations_district_idx').on(t.districtCode)]);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: roles }).notNull(),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id),
  /** SM4-sealed (personal data at rest): `v<key version>:<base64>`. */
  phone: sealedText('phone'),
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: boolean('must_change_password').notNull().default(true),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  disabled: boolean('disabled').notNull().default(false),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  /** An expert's employer (or other tie), so that an expert is never assigned to review that organization's platform. */
  affiliationOrgId: uuid('affiliation_org_id').references(() => organizations.id),
  /** The TOTP secret (base32), sealed with the master key (sm4Seal, base64); set once enrolment is confirmed. */
  totpSecret: sealedText('totp_secret'),
  /** A secret offered for enrolment and not yet confirmed with a code (sealed like totpSecret). */
  totpPendingSecret: sealedText('totp_pending_secret'),
  /** The last TOTP time step accepted, so that a code cannot be used twice. */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  createdAt: createdAt(),
}, (t) => [index('users_org_idx').on(t.organizationId)]);

/** Server-side sessions; only the SHA-256 of the cookie token is stored. */
export const sessions = pgTable('sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: text('token_hash').notNull().unique(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
  createdAt: createdAt(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

/**
 * The tamper-evident columns of audit_log and login_log: seq counts rows without gaps, hash is
 * sm3(prev_hash || the row's canonical form) (src/server/audit/chain.ts). A row written before
 * the chain existed gets its seq from the migration and its hash at the next start (hash null
 * until then).
 */
const chained = () => ({
  seq: bigint('seq', { mode: 'number' }).notNull().unique(),
  prevHash: text('prev_hash'),
  hash: text('hash'),
});

export const auditLog = pgTable('audit_log', {
  id: uuid('id').primaryKey().defaultRandom(),
  at: timestamp('at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  userId: uuid('user_id'),
  username: text('username'),
  role: text('role', { enum: roles }),
  organizationId: uuid('organization_id'),
  organizationName: text('organization_name'),
  ip: text('ip'),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id'),
  summary: jsonb('summary').notNull().default({}),
  ...chained(),
}, (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_entity_idx').on(t.entityType, t.entityId)]);

export const loginLog = pgTable('login_log', {
  id: uuid('id').primaryKey().defaultRandom(),
  at: timestamp('at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  username: text('username').notNull(),
  userId: uuid('user_id'),
  ip: text('ip'),
  userAgent: text('user_agent'),
  success: boolean('success').notNull(),
  reason: text('reason'),
  ...chained(),
}, (t) => [index('login_log_at_idx').on(t.at)]);

/**
 * The last link of each hash chain ('audit', 'login'). Appending locks its row FOR UPDATE, so
 * concurrent transactions take turns and the chain never forks; seq numbers have no gaps.
 */
export const chainHeads = pgTable('audit_chain_head', {
  chain: text('chain', { enum: ['audit', 'login'] }).primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

/** Key-value settings (security thresholds, demo marker); values are JSON. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
