import { z } from 'zod';
import { staffTeams } from '../../domain/platforms/codes.js';
import { areaM2, nameText, optionalText, shortText, uuidParam } from '../fields.js';

export const siteRow = z.object({
  id: z.string(),
  platformId: z.string(),
  name: z.string(),
  address: z.string(),
  buildingAreaM2: z.number(),
  createdAt: z.string(),
});
export type SiteRow = z.infer<typeof siteRow>;

export const siteBody = z.strictObject({ name: nameText(100), address: shortText(200), buildingAreaM2: areaM2 });
export type SiteInput = z.infer<typeof siteBody>;
export const sitePatch = siteBody.partial();

export const staffRow = z.object({
  id: z.string(),
  platformId: z.string(),
  name: z.string(),
  team: z.enum(staffTeams),
  position: z.string().nullable(),
  fullTime: z.boolean(),
  professionalTitle: z.string().nullable(),
  createdAt: z.string(),
});
export type StaffRow = z.infer<typeof staffRow>;

export const staffBody = z.strictObject({
  name: nameText(50),
  team: z.enum(staffTeams),
  position: optionalText(50),
  fullTime: z.boolean().optional(),
  professionalTitle: optionalText(50),
});
export type StaffInput = z.infer<typeof staffBody>;
export const staffPatch = staffBody.partial();

export const siteParams = z.object({ id: uuidParam, siteId: uuidParam });
export const staffParams = z.object({ id: uuidParam, staffId: uuidParam });
