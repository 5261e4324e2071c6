import { z } from 'zod';
import { roles } from '../../domain/auth/roles.js';

export const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});

export const changePasswordBody = z.object({
  oldPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});

export const sessionUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  organizationId: z.string(),
  organizationName: z.string(),
  districtCode: z.string().nullable(),
  mustChangePassword: z.boolean(),
});

export const sessionInfo = z.object({
  user: sessionUser,
  csrfToken: z.string(),
  demo: z.boolean(),
  idleTimeoutMinutes: z.number().int(),
});
export type SessionInfo = z.infer<typeof sessionInfo>;

export const errorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

/** The password step's answer for an account with TOTP: no session yet, a token for the code step. */
export const secondFactorRequired = z.object({
  secondFactorRequired: z.literal(true),
  pendingToken: z.string(),
  expiresAt: z.string(),
});

export const loginAnswer = z.union([sessionInfo, secondFactorRequired]);

export const totpLoginBody = z.object({
  pendingToken: z.string().min(1).max(200),
  code: z.string().trim().min(1).max(10),
});

export const totpCodeBody = z.object({ code: z.string().trim().min(1).max(10) });

export const totpStatus = z.object({ available: z.boolean(), enabled: z.boolean() });

export const totpEnrolment = z.object({
  /** The key as base32 text, for typing into an authenticator app. */
  secret: z.string(),
  /** otpauth://totp/… for apps that take a link (or a QR code made from it). */
  uri: z.string(),
});
