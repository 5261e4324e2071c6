import { and, desc, eq, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import { organizations, sessions, users } from '../../db/schema/index.js';
import { insertLogin } from '../audit/repository.js';
import type { Db, Executor } from '../../db/client.js';
import { notifyChange, onChange, onReset } from '../cluster/changes.js';
import { fastPrepared } from '../fast-prepared.js';
import { tokenHash } from './passwords.js';
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
  passwordChangedAt: users.passwordChangedAt,
  totpEnabled: sql<boolean>`${users.totpSecret} is not null`,
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
  const query = db
    .select({ session: { id: sessions.id, userId: sessions.userId, csrfToken: sessions.csrfToken, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt }, principal: principalColumns })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .innerJoin(organizations, eq(users.organizationId, organizations.id))
    .where(eq(sessions.tokenHash, sql.placeholder('hash')))
    .prepare('hrsp_session_with_principal');
  return fastPrepared(query);
}
const prepared = new WeakMap<Db, ReturnType<typeof sessionWithPrincipalQuery>>();

/** The session and its user when this process has them cached (see below); undefined otherwise. */
export function cachedSessionWithPrincipal(token: string) {
  return sessionCache.get(token, Date.now());
}

/**
 * The session and its user in one round trip, as a named prepared statement: this runs on
 * every API request, so PostgreSQL plans it once per connection, not once per request.
 */
export async function findSessionWithPrincipal(db: Db, token: string) {
  const now = Date.now();
  const cached = sessionCache.get(token, now);
  if (cached) return cached;
  const generation = sessionCache.generation();
  let query = prepared.get(db);
  if (!query) {
    query = sessionWithPrincipalQuery(db);
    prepared.set(db, query);
  }
  const rows = await query.execute({ hash: tokenHash(token) });
  const found = rows[0] ?? null;
  if (found) sessionCache.set(token, found, { sessionId: found.session.id, userId: found.principal.userId }, now, generation);
  return found;
}

type SessionWithPrincipal = NonNullable<Awaited<ReturnType<ReturnType<typeof sessionWithPrincipalQuery>['execute']>>[number]>;
/**
 * Every delete below goes through this file, so no path can leave a revoked session in the cache.
 * Keyed by the cookie's token itself, not its hash: the table stores hashes so that a copy of it
 * gives no session away; an entry here lives two seconds in the memory the token passes through
 * anyway, and a request that finds it skips hashing (a SHA-256 on every API request).
 */
const sessionCache = new SessionCache<SessionWithPrincipal>();
// Other processes' deletions (and this one's, echoed back) drop the cached sessions here too.
onChange('session', (id) => sessionCache.dropSession(id));
onChange('user-sessions', (key) => {
  const [userId = '', except = ''] = key.split('/');
  sessionCache.dropUser(userId, except === '' ? undefined : except);
});
onReset(() => sessionCache.clear());

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
  if (deleted.length > 0) await notifyChange(db, 'session', id);
  return deleted.length;
}

export async function deleteUserSessions(db: Executor, userId: string, exceptSessionId?: string): Promise<void> {
  const cond = exceptSessionId === undefined ? eq(sessions.userId, userId) : and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId));
  sessionCache.dropUser(userId, exceptSessionId);
  const deleted = await db.delete(sessions).where(cond).returning({ id: sessions.id });
  if (deleted.length > 0) await notifyChange(db, 'user-sessions', `${userId}/${exceptSessionId ?? ''}`);
}

export interface LoginState {
  failedLogins: number;
  lockedUntil: Date | null;
}

/**
 * Records a failed login: reads the counter under a row lock (FOR UPDATE), so that concurrent
 * failures queue on the row and each one counts, and writes what `next` makes of it.
 * Call inside a transaction.
 */
export async function countFailedLogin<T extends LoginState>(tx: Executor, userId: string, next: (current: LoginState) => T): Promise<T | null> {
  const rows = await tx
    .select({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil })
    .from(users)
    .where(eq(users.id, userId))
    .for('update');
  const current = rows[0];
  if (!current) return null;
  const after = next(current);
  await tx.update(users).set({ failedLogins: after.failedLogins, lockedUntil: after.lockedUntil }).where(eq(users.id, userId));
  return after;
}

/**
 * Resets the counter after a successful login unless the account is locked now (a concurrent
 * failure may have locked it since it was read); false when locked.
 */
export async function recordSuccessfulLogin(tx: Executor, userId: string, at: Date, mustChangePassword: boolean): Promise<boolean> {
  const rows = await tx
    .update(users)
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: at, mustChangePassword })
    .where(and(eq(users.id, userId), or(isNull(users.lockedUntil), lte(users.lockedUntil, sql`now()`))))
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function findTotp(db: Executor, userId: string) {
  const rows = await db
    .select({ secret: users.totpSecret, pendingSecret: users.totpPendingSecret, lastStep: users.totpLastStep })
    .from(users)
    .where(eq(users.id, userId));
  return rows[0] ?? null;
}

export async function setPendingTotp(db: Executor, userId: string, secret: string): Promise<void> {
  await db.update(users).set({ totpPendingSecret: secret }).where(eq(users.id, userId));
}

/** Confirmed enrolment: the pending secret becomes the secret, and the confirming code's step is spent. */
export async function enableTotp(db: Executor, userId: string, secret: string, step: number): Promise<void> {
  await db.update(users).set({ totpSecret: secret, totpPendingSecret: null, totpLastStep: step }).where(eq(users.id, userId));
}

/** Spends a TOTP time step: false when this or a later step was used already (a replayed code). */
export async function spendTotpStep(db: Executor, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return rows.length > 0;
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
