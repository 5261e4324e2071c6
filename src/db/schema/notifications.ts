import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity.js';

/**
 * In-app notifications (submissions, returns, forwards, assignments, deadlines, results).
 * `dedupeKey` keeps a reminder job from telling the same user the same thing twice.
 */
export const notifications = pgTable('notifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull().default(''),
  /** A path inside the web app, e.g. /app/evaluations/<id>/entries/<entryId>. */
  link: text('link'),
  data: jsonb('data').notNull().default({}),
  dedupeKey: text('dedupe_key'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  readAt: timestamp('read_at', { withTimezone: true }),
}, (t) => [
  index('notifications_user_idx').on(t.userId, t.createdAt),
  uniqueIndex('notifications_user_dedupe').on(t.userId, t.dedupeKey),
]);
