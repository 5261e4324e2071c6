import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../domain/auth/actor.js';
import { maySecondFactor } from '../../domain/auth/second-factor.js';
import { afterFailedLogin, isLocked, passwordExpired, sessionExpired, sessionTooOld, type LockoutSettings } from '../../domain/auth/lockout.js';
import { audit, auditLockout } from '../audit/audit.js';
import type { RequestContext } from '../context.js';
import { errors } from '../errors.js';
import type { SecuritySettings } from '../settings/schema.js';
import { cachedSecuritySettings, getSecuritySettings, isDemoDatabase } from '../settings/service.js';
import { checkNewPassword } from './common-passwords.js';
import { dummyPasswordHash, hashPassword, newToken, tokenHash, verifyPassword } from './passwords.js';
import * as repo from './repository.js';
import { checkTotp, newTotpSecret, pendingLoginToken, readPendingLoginToken } from './totp.js';

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

/**
 * A wrong password or code: counted under a row lock, so that concurrent failures each count
 * and the threshold locks the account however they interleave; the log keeps the true reason.
 * Returns whether this failure locked the account.
 */
async function countFailure(db: Db, p: repo.Principal, meta: ClientMeta, what: string, settings: LockoutSettings, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const after = await repo.countFailedLogin(tx, p.userId, (current) => ({ ...afterFailedLogin(current, settings, now), wasLocked: isLocked(current, now) }));
    const reason = after?.wasLocked ? `账号锁定中，${what}` : after?.justLocked ? `${what}，账号已锁定` : what;
    await repo.insertLoginLog(tx, { username: p.username, userId: p.userId, ...meta, success: false, reason });
    if (after?.justLocked && after.lockedUntil) await auditLockout(tx, p, meta.ip, after.lockedUntil);
    return after?.justLocked ?? false;
  });
}

/** Why a user whose password (and code) matched may still not log in, for the login log; null when they may. */
function refusal(p: repo.Principal, now: Date): string | null {
  if (isLocked(p, now)) return '账号锁定中（密码正确）';
  if (p.disabled || p.organizationDisabled) return '账号或机构已停用';
  return null;
}

export type LoginOutcome =
  | { kind: 'session'; opened: NewSession }
  | { kind: 'second_factor'; pendingToken: string; expiresAt: Date };

/**
 * The password step. Every refusal (unknown user, wrong password, locked, disabled) answers the
 * same LOGIN_FAILED after the same argon2 work, so the answer does not tell which usernames
 * exist; the login log records the true reason. An account with TOTP gets a pending token instead
 * of a session.
 */
export async function login(db: Db, username: string, password: string, meta: ClientMeta): Promise<LoginOutcome> {
  const now = new Date();
  const settings = await getSecuritySettings(db);
  const p = await repo.findPrincipalByUsername(db, username);
  const passwordOk = await verifyPassword(p?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!p) {
    await recordFailure(db, username, null, meta, '用户不存在');
    throw errors.badLogin(settings);
  }
  if (!passwordOk) {
    await countFailure(db, p, meta, '密码错误', settings, now);
    throw errors.badLogin(settings);
  }
  const refused = refusal(p, now);
  if (refused) {
    await recordFailure(db, username, p.userId, meta, refused);
    throw errors.badLogin(settings);
  }
  if (p.totpEnabled) {
    const pending = pendingLoginToken(p.userId, p.passwordChangedAt, now);
    return { kind: 'second_factor', pendingToken: pending.token, expiresAt: pending.expiresAt };
  }
  return { kind: 'session', opened: await finishLogin(db, p, meta, settings, now) };
}

/** The code step of a login with TOTP: a wrong or replayed code counts towards lockout like a wrong password. */
export async function loginSecondFactor(db: Db, pendingToken: string, code: string, meta: ClientMeta): Promise<NewSession> {
  const now = new Date();
  const claim = readPendingLoginToken(pendingToken, now);
  const p = claim ? await repo.findPrincipalById(db, claim.userId) : null;
  if (!claim || !p || p.passwordChangedAt.getTime() !== claim.passwordChangedAt) throw errors.secondFactorExpired();
  const settings = await getSecuritySettings(db);
  const refused = refusal(p, now);
  if (refused) {
    await recordFailure(db, p.username, p.userId, meta, refused);
    throw errors.badLogin(settings);
  }
  const totp = await repo.findTotp(db, p.userId);
  if (!totp?.secret) throw errors.secondFactorExpired(); // reset by the administrator meanwhile
  const step = await checkTotp(totp.secret, code, totp.lastStep);
  if (step === null || !(await repo.spendTotpStep(db, p.userId, step))) {
    await countFailure(db, p, meta, '动态口令错误', settings, now);
    throw errors.secondFactorInvalid();
  }
  return finishLogin(db, p, meta, settings, now);
}

/**
 * Opens the session of a user who passed every step. A password older than the set age must be
 * changed first (demo databases exempt: their shared password is the point of the demo).
 */
async function finishLogin(db: Db, p: repo.Principal, meta: ClientMeta, settings: SecuritySettings, now: Date): Promise<NewSession> {
  const aged = passwordExpired(p.passwordChangedAt, settings.passwordMaxAgeDays, now) && !(await isDemoDatabase(db));
  const mustChangePassword = p.mustChangePassword || aged;
  const opened = await db.transaction(async (tx) => {
    if (!(await repo.recordSuccessfulLogin(tx, p.userId, now, mustChangePassword))) return null;
    await repo.insertLoginLog(tx, { username: p.username, userId: p.userId, ...meta, success: true, reason: aged && !p.mustChangePassword ? '密码已超过有效期，须修改' : null });
    return openSession(tx, { ...p, mustChangePassword }, meta);
  });
  if (opened) return opened;
  // A concurrent failure locked the account after it was read.
  await recordFailure(db, p.username, p.userId, meta, '账号锁定中（密码正确）');
  throw errors.badLogin(settings);
}

type FoundSession = NonNullable<Awaited<ReturnType<typeof repo.findSessionWithPrincipal>>>;

/** What a found session's clocks and user say now: end it, refresh its idle clock, or use it. */
function sessionVerdict(found: FoundSession, settings: SecuritySettings, now: Date): 'end' | 'touch' | 'use' {
  const { session: s, principal: p } = found;
  if (p.disabled || p.organizationDisabled || sessionExpired(s.lastSeenAt, settings.idleTimeoutMinutes, now) || sessionTooOld(s.createdAt, settings.sessionMaxHours, now)) return 'end';
  // Touch at most every 15 s: the idle clock needs no finer grain than that.
  return now.getTime() - s.lastSeenAt.getTime() > 15_000 ? 'touch' : 'use';
}

function resolvedOf(found: FoundSession): ResolvedSession {
  const { session: s, principal: p } = found;
  return { sessionId: s.id, csrfToken: s.csrfToken, actor: actorOf(p), displayName: p.displayName, mustChangePassword: p.mustChangePassword };
}

/**
 * The session behind a cookie token, or null when it is unknown, idle too long, older than the
 * absolute lifetime, or its user is disabled. Both clocks are judged here on every request, on
 * the cached row too (the cache keeps the session's times, not a verdict).
 */
export async function resolveSession(db: Db, token: string): Promise<ResolvedSession | null> {
  const found = await repo.findSessionWithPrincipal(db, token);
  if (!found) return null;
  const now = new Date();
  switch (sessionVerdict(found, await getSecuritySettings(db), now)) {
    case 'end':
      await repo.deleteSession(db, found.session.id);
      return null;
    case 'touch':
      await repo.touchSession(db, found.session.id, now);
      return resolvedOf(found);
    case 'use':
      return resolvedOf(found);
  }
}

/**
 * resolveSession without waiting, when everything it needs is in memory (the session cached, the
 * settings fresh) and nothing needs writing: the usual case of a page's requests. Undefined when
 * resolveSession must run; it is the same judgement (sessionVerdict) either way.
 */
export function resolveSessionNow(token: string): ResolvedSession | undefined {
  const found = repo.cachedSessionWithPrincipal(token);
  const settings = found ? cachedSecuritySettings() : null;
  if (!found || !settings) return undefined;
  return sessionVerdict(found, settings, new Date()) === 'use' ? resolvedOf(found) : undefined;
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
  const strength = await checkNewPassword(newPassword, p.username);
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

export interface TotpStatus {
  /** The user's role may enrol a second factor. */
  available: boolean;
  enabled: boolean;
}

async function principalOf(db: Db, ctx: RequestContext): Promise<repo.Principal> {
  const p = await repo.findPrincipalById(db, ctx.actor.userId);
  if (!p) throw errors.unauthenticated();
  return p;
}

export async function totpStatus(db: Db, ctx: RequestContext): Promise<TotpStatus> {
  const p = await principalOf(db, ctx);
  return { available: maySecondFactor(p.role), enabled: p.totpEnabled };
}

/** Offers a new secret (otpauth:// URI and the key as text); it takes effect once a code from it is confirmed. */
export async function startTotpEnrolment(db: Db, ctx: RequestContext): Promise<{ secret: string; uri: string }> {
  const p = await principalOf(db, ctx);
  if (!maySecondFactor(p.role)) throw errors.forbidden('启用动态口令');
  if (p.totpEnabled) throw errors.conflict('动态口令已启用；如需更换，请先由管理员重置');
  const offered = await newTotpSecret(p.username);
  await repo.setPendingTotp(db, p.userId, offered.secret);
  return offered;
}

export async function confirmTotpEnrolment(db: Db, ctx: RequestContext, code: string): Promise<TotpStatus> {
  const p = await principalOf(db, ctx);
  const totp = await repo.findTotp(db, p.userId);
  if (p.totpEnabled) throw errors.conflict('动态口令已启用');
  if (!totp?.pendingSecret) throw errors.invalid('code', '动态口令：请先生成密钥');
  const step = await checkTotp(totp.pendingSecret, code, null);
  if (step === null) throw errors.invalid('code', '动态口令：不正确，请输入验证器中当前显示的 6 位数字');
  await db.transaction(async (tx) => {
    await repo.enableTotp(tx, p.userId, totp.pendingSecret ?? '', step);
    await audit(tx, ctx, { action: 'user.totp_enable', entityType: 'user', entityId: p.userId });
  });
  return { available: true, enabled: true };
}

