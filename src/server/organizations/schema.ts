import { z } from 'zod';
import { orgKinds } from '../../domain/auth/roles.js';
import { nameText, patchBody } from '../fields.js';
import { pageOf, pageQuery } from '../pagination.js';

export const organizationRow = z.object({
  id: z.string(),
  kind: z.enum(orgKinds),
  name: z.string(),
  code: z.string(),
  districtCode: z.string().nullable(),
  districtName: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type OrganizationRow = z.infer<typeof organizationRow>;

export const orgListQuery = z.object({
  kind: z.enum(orgKinds).optional(),
  q: z.string().trim().max(64).optional(),
  districtCode: z.string().regex(/^[0-9A-Z]{2,10}$/).optional(),
  ...pageQuery,
});
export type OrgListQuery = z.infer<typeof orgListQuery>;

export const createOrgBody = z.object({
  kind: z.enum(orgKinds),
  name: nameText(100, 2),
  code: z.string().trim().regex(/^[A-Za-z0-9_-]{2,40}$/, '应为 2–40 位字母、数字、_ 或 -'),
  districtCode: z.string().regex(/^[0-9A-Z]{2,10}$/, '应为区县代码').nullable().optional(),
});
export type CreateOrgInput = z.infer<typeof createOrgBody>;

export const updateOrgBody = patchBody({
  name: nameText(100, 2).optional(),
  districtCode: z.string().regex(/^[0-9A-Z]{2,10}$/, '应为区县代码').nullable().optional(),
  disabled: z.boolean().optional(),
});
export type UpdateOrgInput = z.infer<typeof updateOrgBody>;

export const orgPage = pageOf(organizationRow);
