import { and, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { notifications, organizations, platforms, users } from '../../db/schema/index.js';
import type { Role } from '../../domain/auth/roles.js';
import { pinnedNow } from '../clock.js';

/** Who is told: users by role, narrowed to a district, to the operator of a platform, or named one by one. */
export type Audience =
  | { kind: 'roles'; roles: readonly Role[] }
  | { kind: 'district'; districtCode: string; roles: readonly Role[] }
  | { kind: 'platform_operator'; platformId: string }
  | { kind: 'users'; userIds: readonly string[] };

function audienceCondition(a: Audience): SQL | undefined {
  switch (a.kind) {
    case 'roles':
      return inArray(users.role, [...a.roles]);
    case 'district':
      return and(inArray(users.role, [...a.roles]), eq(organizations.districtCode, a.districtCode));
    case 'platform_operator':
      return and(eq(users.role, 'operator'), sql`${users.organizationId} = (select ${platforms.operatorOrgId} from ${platforms} where ${platforms.id} = ${a.platformId})`);
    case 'users':
      return a.userIds.length === 0 ? sql`false` : inArray(users.id, [...a.userIds]);
  }
}

/** Active users of the audience (disabled accounts and organizations are not told). */
export async function audienceUserIds(db: Executor, a: Audience): Promise<string[]> {
  const rows = await db.select({ id: users.id }).from(users)
    .innerJoin(organizations, eq(users.organizationId, organizations.id))
    .where(and(audienceCondition(a), eq(users.disabled, false), eq(organizations.disabled, false)));
  return rows.map((r) => r.id);
}

export interface NewNotification {
  kind: string;
  title: string;
  body: string;
  link: string | null;
  data: Record<string, unknown>;
  dedupeKey: string | null;
}

/** Inserts one row per user; a row whose (user, dedupe key) exists already is skipped. Returns how many were new. */
export async function insertNotifications(db: Executor, userIds: readonly string[], n: NewNotification): Promise<number> {
  if (userIds.length === 0) return 0;
  const rows = await db.insert(notifications).values(userIds.map((userId) => ({ userId, createdAt: pinnedNow(), ...n })))
    .onConflictDoNothing().returning({ id: notifications.id });
  return rows.length;
}

export async function listForUser(db: Executor, userId: string, unreadOnly: boolean, limit: number, offset: number) {
  const where = and(eq(notifications.userId, userId), unreadOnly ? isNull(notifications.readAt) : undefined);
  const [items, total, unread] = await Promise.all([
    db.select().from(notifications).where(where).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(notifications).where(where),
    unreadCount(db, userId),
  ]);
  return { items, total: total[0]?.n ?? 0, unread };
}

export async function unreadCount(db: Executor, userId: string): Promise<number> {
  const r = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return r[0]?.n ?? 0;
}

/** Marks the user's own notifications read: the given ids, or all when none are given. */
export async function markRead(db: Executor, userId: string, ids: readonly string[] | null): Promise<number> {
  const rows = await db.update(notifications).set({ readAt: pinnedNow() ?? sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids === null ? undefined : inArray(notifications.id, [...ids])))
    .returning({ id: notifications.id });
  return rows.length;
}
