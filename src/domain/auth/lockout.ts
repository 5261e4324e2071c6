/** Account lockout after repeated failed logins (settings: threshold and duration). */
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

/** The state after one more failure: the counter grows, and reaching the threshold locks and restarts it. */
export function afterFailedLogin(state: LoginState, settings: LockoutSettings, now: Date): LoginState {
  // A lock that has run out starts a fresh count.
  const base = state.lockedUntil !== null && !isLocked(state, now) ? 0 : state.failedLogins;
  const failedLogins = base + 1;
  if (failedLogins >= settings.lockoutThreshold) {
    return { failedLogins: 0, lockedUntil: new Date(now.getTime() + settings.lockoutMinutes * 60_000) };
  }
  return { failedLogins, lockedUntil: state.lockedUntil !== null && isLocked(state, now) ? state.lockedUntil : null };
}

export function sessionExpired(lastSeenAt: Date, idleTimeoutMinutes: number, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() > idleTimeoutMinutes * 60_000;
}
