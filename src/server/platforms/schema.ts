import { z } from 'zod';
import { platformLevels, platformStatuses, platformTypes } from '../../db/schema/platforms.js';
import { pageOf, pageQuery } from '../pagination.js';

export const platformRow = z.object({
  id: z.string(),
  name: z.string(),
  level: z.enum(platformLevels),
  type: z.enum(platformTypes),
  districtCode: z.string(),
  districtName: z.string(),
  operatorOrgId: z.string().nullable(),
  operatorName: z.string().nullable(),
  status: z.enum(platformStatuses),
  recognizedAt: z.string().nullable(),
});
export type PlatformRow = z.infer<typeof platformRow>;

export const platformListQuery = z.object({
  districtCode: z.string().regex(/^[0-9A-Z]{2,10}$/).optional(),
  level: z.enum(platformLevels).optional(),
  type: z.enum(platformTypes).optional(),
  status: z.enum(platformStatuses).optional(),
  q: z.string().trim().max(64).optional(),
  sort: z.enum(['name', 'districtCode', 'level', 'recognizedAt']).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
  ...pageQuery,
});
export type PlatformListQuery = z.infer<typeof platformListQuery>;

export const platformPage = pageOf(platformRow);

export const publicPlatformRow = platformRow.pick({ id: true, name: true, level: true, type: true, districtName: true, status: true });
export const publicPlatformPage = pageOf(publicPlatformRow);
