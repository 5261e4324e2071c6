/** Account lockout after repeated failed logins, and the session and password lifetimes (security settings). */
export interface LockoutSettings {
  lockoutThreshold: number;
  lockoutMinutes: number;
}

export interface LoginState {
  failedLogins: number;
  lockedUntil: Date | null;
}

export function isLocked(state: LoginState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/**
 * The state after one more failure. The counter holds the failures since the last success,
 * unlock or lapsed lock, attempts during a lock included; reaching the threshold locks the
 * account, and failures during the lock do not extend it.
 */
export function afterFailedLogin(state: LoginState, settings: LockoutSettings, now: Date): LoginState & { justLocked: boolean } {
  if (isLocked(state, now)) return { failedLogins: state.failedLogins + 1, lockedUntil: state.lockedUntil, justLocked: false };
  // A lock that has run out starts a fresh count.
  const failedLogins = (state.lockedUntil !== null ? 0 : state.failedLogins) + 1;
  if (failedLogins >= settings.lockoutThreshold) {
    return { failedLogins, lockedUntil: new Date(now.getTime() + settings.lockoutMinutes * 60_000), justLocked: true };
  }
  return { failedLogins, lockedUntil: null, justLocked: false };
}

export function sessionExpired(lastSeenAt: Date, idleTimeoutMinutes: number, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() > idleTimeoutMinutes * 60_000;
}

/** A session older than the absolute lifetime ends however busy it is. */
export function sessionTooOld(createdAt: Date, maxHours: number, now: Date): boolean {
  return now.getTime() - createdAt.getTime() > maxHours * 3_600_000;
}

/** Whether a password set at `changedAt` has outlived the maximum age (0 days: no maximum). */
export function passwordExpired(changedAt: Date, maxAgeDays: number, now: Date): boolean {
  return maxAgeDays > 0 && now.getTime() - changedAt.getTime() > maxAgeDays * 86_400_000;
}
