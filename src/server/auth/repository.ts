import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { organizations, sessions, users } from '../../db/schema/index.js';
import { insertLogin } from '../audit/repository.js';
import type { Db, Executor } from '../../db/client.js';
import { SessionCache } from './session-cache.js';

const principalColumns = {
  userId: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  disabled: users.disabled,
  mustChangePassword: users.mustChangePassword,
  passwordHash: users.passwordHash,
  failedLogins: users.failedLogins,
  lockedUntil: users.lockedUntil,
  organizationId: organizations.id,
  organizationName: organizations.name,
  organizationDisabled: organizations.disabled,
  districtCode: organizations.districtCode,
};

export async function findPrincipalByUsername(db: Executor, username: string) {
  const rows = await db
    .select(principalColumns)
    .from(users)
    .innerJoin(organizations, eq(users.organizationId, organizations.id))
    .where(eq(users.username, username));
  return rows[0] ?? null;
}

export async function findPrincipalById(db: Executor, userId: string) {
  const rows = await db
    .select(principalColumns)
    .from(users)
    .innerJoin(organizations, eq(users.organizationId, organizations.id))
    .where(eq(users.id, userId));
  return rows[0] ?? null;
}
export type Principal = NonNullable<Awaited<ReturnType<typeof findPrincipalById>>>;

function sessionWithPrincipalQuery(db: Db) {
  return db
    .select({ session: { id: sessions.id, userId: sessions.userId, csrfToken: sessions.csrfToken, lastSeenAt: sessions.lastSeenAt }, principal: principalColumns })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .innerJoin(organizations, eq(users.organizationId, organizations.id))
    .where(eq(sessions.tokenHash, sql.placeholder('hash')))
    .prepare('hrsp_session_with_principal');
}
const prepared = new WeakMap<Db, ReturnType<typeof sessionWithPrincipalQuery>>();

/**
 * The session and its user in one round trip, as a named prepared statement: this runs on
 * every API request, so PostgreSQL plans it once per connection, not once per request.
 */
export async function findSessionWithPrincipal(db: Db, hash: string) {
  const now = Date.now();
  const cached = sessionCache.get(hash, now);
  if (cached) return cached;
  let query = prepared.get(db);
  if (!query) {
    query = sessionWithPrincipalQuery(db);
    prepared.set(db, query);
  }
  const rows = await query.execute({ hash });
  const found = rows[0] ?? null;
  if (found) sessionCache.set(hash, found, { sessionId: found.session.id, userId: found.principal.userId }, now);
  return found;
}

type SessionWithPrincipal = NonNullable<Awaited<ReturnType<ReturnType<typeof sessionWithPrincipalQuery>['execute']>>[number]>;
/** Every delete below goes through this file, so no path can leave a revoked session in the cache. */
const sessionCache = new SessionCache<SessionWithPrincipal>();

export async function touchSession(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
  sessionCache.dropSession(id);
}

export async function insertSession(
  db: Executor,
  row: { tokenHash: string; userId: string; csrfToken: string; ip: string | null; userAgent: string | null },
): Promise<string> {
  const [created] = await db.insert(sessions).values(row).returning({ id: sessions.id });
  if (!created) throw new Error('session insert returned nothing');
  return created.id;
}

export async function deleteSession(db: Executor, id: string): Promise<number> {
  sessionCache.dropSession(id);
  const deleted = await db.delete(sessions).where(eq(sessions.id, id)).returning({ id: sessions.id });
  return deleted.length;
}

export async function deleteUserSessions(db: Executor, userId: string, exceptSessionId?: string): Promise<void> {
  const cond = exceptSessionId === undefined ? eq(sessions.userId, userId) : and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId));
  sessionCache.dropUser(userId, exceptSessionId);
  await db.delete(sessions).where(cond);
}

export async function updateLoginState(
  db: Executor,
  userId: string,
  state: { failedLogins: number; lockedUntil: Date | null; lastLoginAt?: Date },
): Promise<void> {
  await db.update(users).set(state).where(eq(users.id, userId));
}

export async function updatePassword(db: Executor, userId: string, passwordHash: string, mustChange: boolean): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash, mustChangePassword: mustChange, passwordChangedAt: new Date(), failedLogins: 0, lockedUntil: null })
    .where(eq(users.id, userId));
}

export async function insertLoginLog(
  db: Executor,
  row: { username: string; userId: string | null; ip: string | null; userAgent: string | null; success: boolean; reason: string | null },
): Promise<void> {
  // Linked into the login chain (tamper-evident like the audit log).
  await insertLogin(db, row);
}

export async function listSessions(db: Executor) {
  return db
    .select({
      id: sessions.id,
      userId: sessions.userId,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      organizationName: organizations.name,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .innerJoin(organizations, eq(users.organizationId, organizations.id))
    .orderBy(desc(sessions.lastSeenAt));
}
