import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../domain/auth/actor.js';
import { afterFailedLogin, isLocked, sessionExpired } from '../../domain/auth/lockout.js';
import { checkPasswordStrength } from '../../domain/auth/password.js';
import { audit, auditLockout } from '../audit/audit.js';
import type { RequestContext } from '../context.js';
import { errors } from '../errors.js';
import { getSecuritySettings } from '../settings/service.js';
import { dummyPasswordHash, hashPassword, newToken, tokenHash, verifyPassword } from './passwords.js';
import * as repo from './repository.js';

export interface ClientMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
  displayName: string;
  mustChangePassword: boolean;
}

export interface NewSession {
  token: string;
  session: ResolvedSession;
}

function actorOf(p: repo.Principal): Actor {
  return {
    userId: p.userId,
    username: p.username,
    role: p.role,
    organizationId: p.organizationId,
    organizationName: p.organizationName,
    districtCode: p.districtCode,
  };
}

async function openSession(db: Executor, p: repo.Principal, meta: ClientMeta): Promise<NewSession> {
  const token = newToken();
  const csrfToken = newToken();
  const sessionId = await repo.insertSession(db, { tokenHash: tokenHash(token), userId: p.userId, csrfToken, ...meta });
  return {
    token,
    session: { sessionId, csrfToken, actor: actorOf(p), displayName: p.displayName, mustChangePassword: p.mustChangePassword },
  };
}

async function recordFailure(db: Db, username: string, userId: string | null, meta: ClientMeta, reason: string): Promise<void> {
  await repo.insertLoginLog(db, { username, userId, ...meta, success: false, reason });
}

export async function login(db: Db, username: string, password: string, meta: ClientMeta): Promise<NewSession> {
  const now = new Date();
  const p = await repo.findPrincipalByUsername(db, username);
  if (!p) {
    await verifyPassword(await dummyPasswordHash(), password);
    await recordFailure(db, username, null, meta, '用户不存在');
    throw errors.badLogin();
  }
  if (p.lockedUntil && isLocked({ failedLogins: p.failedLogins, lockedUntil: p.lockedUntil }, now)) {
    await recordFailure(db, username, p.userId, meta, '账号锁定中');
    throw errors.locked(p.lockedUntil);
  }
  if (!(await verifyPassword(p.passwordHash, password))) {
    const settings = await getSecuritySettings(db);
    const next = afterFailedLogin({ failedLogins: p.failedLogins, lockedUntil: p.lockedUntil }, settings, now);
    await db.transaction(async (tx) => {
      await repo.updateLoginState(tx, p.userId, next);
      await repo.insertLoginLog(tx, { username, userId: p.userId, ...meta, success: false, reason: next.lockedUntil ? '密码错误，账号已锁定' : '密码错误' });
      if (next.lockedUntil) await auditLockout(tx, p, meta.ip, next.lockedUntil);
    });
    if (next.lockedUntil) throw errors.locked(next.lockedUntil);
    throw errors.badLogin();
  }
  if (p.disabled || p.organizationDisabled) {
    await recordFailure(db, username, p.userId, meta, '账号或机构已停用');
    throw errors.disabled();
  }
  return db.transaction(async (tx) => {
    await repo.updateLoginState(tx, p.userId, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
    await repo.insertLoginLog(tx, { username, userId: p.userId, ...meta, success: true, reason: null });
    return openSession(tx, p, meta);
  });
}

/** The session behind a cookie token, or null when it is unknown, idle too long, or its user is disabled. */
export async function resolveSession(db: Db, token: string): Promise<ResolvedSession | null> {
  const found = await repo.findSessionWithPrincipal(db, tokenHash(token));
  if (!found) return null;
  const { session: s, principal: p } = found;
  const now = new Date();
  const { idleTimeoutMinutes } = await getSecuritySettings(db);
  if (p.disabled || p.organizationDisabled || sessionExpired(s.lastSeenAt, idleTimeoutMinutes, now)) {
    await repo.deleteSession(db, s.id);
    return null;
  }
  // Touch at most every 15 s: the idle clock needs no finer grain than that.
  if (now.getTime() - s.lastSeenAt.getTime() > 15_000) await repo.touchSession(db, s.id, now);
  return { sessionId: s.id, csrfToken: s.csrfToken, actor: actorOf(p), displayName: p.displayName, mustChangePassword: p.mustChangePassword };
}

export async function logout(db: Db, sessionId: string, ctx: RequestContext): Promise<void> {
  await db.transaction(async (tx) => {
    await repo.deleteSession(tx, sessionId);
    await audit(tx, ctx, { action: 'auth.logout', entityType: 'session', entityId: sessionId });
  });
}

/** Changes the password, ends every session of the user and opens a fresh one for this client. */
export async function changePassword(db: Db, ctx: RequestContext, oldPassword: string, newPassword: string, meta: ClientMeta): Promise<NewSession> {
  const p = await repo.findPrincipalById(db, ctx.actor.userId);
  if (!p) throw errors.unauthenticated();
  if (!(await verifyPassword(p.passwordHash, oldPassword))) throw errors.invalid('oldPassword', '原密码：不正确');
  const strength = checkPasswordStrength(newPassword, p.username);
  if (!strength.ok) throw errors.invalid('newPassword', `新密码：${strength.reason}`);
  if (await verifyPassword(p.passwordHash, newPassword)) throw errors.invalid('newPassword', '新密码：不能与原密码相同');
  const hash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    await repo.updatePassword(tx, p.userId, hash, false);
    await repo.deleteUserSessions(tx, p.userId);
    await audit(tx, ctx, { action: 'user.change_password', entityType: 'user', entityId: p.userId, summary: {} });
    return openSession(tx, { ...p, mustChangePassword: false }, meta);
  });
}
