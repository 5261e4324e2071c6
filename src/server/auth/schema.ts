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
