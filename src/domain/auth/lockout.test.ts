import { describe, expect, it } from 'vitest';
import { afterFailedLogin, passwordExpired, sessionTooOld } from './lockout.js';

const settings = { lockoutThreshold: 3, lockoutMinutes: 15 };
const now = new Date('2026-12-01T08:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

describe('afterFailedLogin', () => {
  it('counts up to the threshold, then locks for the set minutes', () => {
    expect(afterFailedLogin({ failedLogins: 0, lockedUntil: null }, settings, now)).toEqual({ failedLogins: 1, lockedUntil: null, justLocked: false });
    expect(afterFailedLogin({ failedLogins: 2, lockedUntil: null }, settings, now)).toEqual({ failedLogins: 3, lockedUntil: minutes(15), justLocked: true });
  });

  it('keeps counting during a lock without extending it', () => {
    expect(afterFailedLogin({ failedLogins: 3, lockedUntil: minutes(5) }, settings, now)).toEqual({ failedLogins: 4, lockedUntil: minutes(5), justLocked: false });
  });

  it('starts afresh once a lock has run out', () => {
    expect(afterFailedLogin({ failedLogins: 9, lockedUntil: minutes(-1) }, settings, now)).toEqual({ failedLogins: 1, lockedUntil: null, justLocked: false });
  });
});

describe('lifetimes', () => {
  it('ends a session past its absolute lifetime', () => {
    expect(sessionTooOld(minutes(-12 * 60), 12, now)).toBe(false);
    expect(sessionTooOld(minutes(-12 * 60 - 1), 12, now)).toBe(true);
  });

  it('ages a password out after the set days, never with 0', () => {
    expect(passwordExpired(minutes(-91 * 1440), 90, now)).toBe(true);
    expect(passwordExpired(minutes(-89 * 1440), 90, now)).toBe(false);
    expect(passwordExpired(minutes(-9999 * 1440), 0, now)).toBe(false);
  });
});
