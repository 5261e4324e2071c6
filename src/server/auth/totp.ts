import crypto from 'node:crypto';
import { fieldKeys } from '../crypto/field-keys.js';
import { hmacSm3 } from '../crypto/gm.js';

/**
 * TOTP (RFC 6238: 6 digits, 30 s, HMAC-SHA1, the parameters every authenticator app reads)
 * and the short-lived token that carries a login from the password step to the code step.
 * Secrets are stored SM4-sealed by their column (sealedText, the versioned key ring).
 */
// Short and ASCII: apps show it beside the account name, and the URI stays readable.
const ISSUER = 'HRSP';
/** One step either side, for a phone clock a little off. */
const TOLERANCE_SECONDS = 30;
export const PENDING_LOGIN_SECONDS = 300;

/** otplib is loaded at the first enrolment or code, not at server start (most accounts have no second factor). */
const otp = () => import('otplib');

export async function newTotpSecret(username: string): Promise<{ secret: string; uri: string }> {
  const { generateSecret, generateURI } = await otp();
  const secret = generateSecret();
  return { secret, uri: generateURI({ issuer: ISSUER, label: username, secret }) };
}

/** The time step of a valid code, or null; `after` refuses that step and earlier ones (replays). */
export async function checkTotp(secret: string, code: string, after: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const { verify } = await otp();
  const result = await verify({ secret, token: code, epochTolerance: TOLERANCE_SECONDS, ...(after === null ? {} : { afterTimeStep: after }) });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

function pendingMac(payload: string): string {
  return hmacSm3(Buffer.from(hmacSm3(fieldKeys().current.key, 'hrsp-login-pending'), 'hex'), payload);
}

/**
 * A login that passed the password and waits for the code: user, expiry and the password's
 * change time under an HMAC-SM3, so it needs no server state (any server on the database can
 * finish it) and dies with a changed password. Guessing codes with it counts towards lockout.
 */
export function pendingLoginToken(userId: string, passwordChangedAt: Date, now: Date): { token: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + PENDING_LOGIN_SECONDS * 1000);
  const payload = `${userId}.${expiresAt.getTime()}.${passwordChangedAt.getTime()}`;
  return { token: `${payload}.${pendingMac(payload)}`, expiresAt };
}

export function readPendingLoginToken(token: string, now: Date): { userId: string; passwordChangedAt: number } | null {
  const parts = token.split('.');
  if (parts.length !== 4) return null;
  const [userId = '', expires = '', changed = '', mac = ''] = parts;
  const expected = pendingMac(`${userId}.${expires}.${changed}`);
  if (mac.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) return null;
  if (!(Number(expires) > now.getTime())) return null;
  return { userId, passwordChangedAt: Number(changed) };
}
