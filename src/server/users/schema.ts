import { z } from 'zod';
import { roles } from '../../domain/auth/roles.js';
import { nameText, patchBody } from '../fields.js';
import { pageOf, pageQuery } from '../pagination.js';

const phone = z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, '应为 5–20 位电话号码');

export const userRow = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  organizationId: z.string(),
  organizationName: z.string(),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  /** A TOTP second factor is enrolled. */
  totpEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  /** An expert's affiliation: never assigned to review that organization's platforms (conflict of interest). */
  affiliationOrgId: z.string().nullable(),
  affiliationOrgName: z.string().nullable(),
});
export type UserRow = z.infer<typeof userRow>;

export const userListQuery = z.object({
  q: z.string().trim().max(64).optional(),
  role: z.enum(roles).optional(),
  organizationId: z.uuid().optional(),
  disabled: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...pageQuery,
});
export type UserListQuery = z.infer<typeof userListQuery>;

export const createUserBody = z.object({
  username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,32}$/, '应为 3–32 位字母、数字或 _ . -'),
  displayName: nameText(50),
  role: z.enum(roles),
  organizationId: z.uuid(),
  phone: phone.optional(),
});
export type CreateUserInput = z.infer<typeof createUserBody>;

export const updateUserBody = patchBody({
  displayName: nameText(50).optional(),
  role: z.enum(roles).optional(),
  organizationId: z.uuid().optional(),
  phone: phone.nullable().optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserBody>;

export const idParams = z.object({ id: z.uuid() });
export const userPage = pageOf(userRow);
export const userWithPassword = z.object({ user: userRow, initialPassword: z.string() });

export const affiliationBody = z.strictObject({
  affiliationOrgId: z.uuid({ error: '须为机构编号' }).nullable(),
});
export type AffiliationInput = z.infer<typeof affiliationBody>;
