/** Request and response schemas of the support register (Art 23–26, 32). */
import { z } from 'zod';
import { finalGrades } from '../../domain/evaluation/codes.js';
import { supportKinds, supportOutcomes, supportStandings } from '../../domain/support/eligibility.js';
import { platformLevels, platformTypes } from '../../domain/platforms/codes.js';
import { nameText, optionalText, uuidParam, year, yuan } from '../fields.js';

export const itemParams = z.object({ id: uuidParam });

export const eligibilityQuery = z.object({ platformId: uuidParam, year, kind: z.enum(supportKinds) });

export const createBody = z.strictObject({
  platformId: uuidParam,
  year,
  kind: z.enum(supportKinds),
  title: nameText(200),
  amountYuan: yuan.nullable().optional(),
  outcome: z.enum(supportOutcomes).optional(),
  /** Required when the grade does not qualify (checked in the service, which knows the grade). */
  reason: optionalText(1000),
  note: optionalText(2000),
});
export type CreateSupportInput = z.infer<typeof createBody>;

/** Every field but the platform may change; a year or kind whose grade does not qualify needs a reason as on creation. */
export const updateBody = z.strictObject({
  year: year.optional(),
  kind: z.enum(supportKinds).optional(),
  title: nameText(200).optional(),
  outcome: z.enum(supportOutcomes).optional(),
  amountYuan: yuan.nullable().optional(),
  reason: optionalText(1000),
  note: optionalText(2000),
});
export type UpdateSupportInput = z.infer<typeof updateBody>;

export const voidBody = z.strictObject({ reason: nameText(1000) });

export const listQuery = z.object({
  platformId: uuidParam.optional(),
  year: year.optional(),
  kind: z.enum(supportKinds).optional(),
  districtCode: z.string().max(20).optional(),
  platformType: z.enum(platformTypes).optional(),
  platformLevel: z.enum(platformLevels).optional(),
  outcome: z.enum(supportOutcomes).optional(),
});

export const totalsQuery = listQuery.extend({ by: z.enum(['platform', 'district', 'year']) });

export const eligibilityOut = z.object({
  platformId: z.string(),
  platformName: z.string(),
  year: z.number(),
  kind: z.enum(supportKinds),
  kindLabel: z.string(),
  grade: z.enum(finalGrades).nullable(),
  gradeLabel: z.string().nullable(),
  standing: z.enum(supportStandings),
  standingLabel: z.string(),
  qualifies: z.boolean(),
  basis: z.string(),
});

export const itemOut = z.object({
  id: z.string(),
  platformId: z.string(),
  platformName: z.string(),
  platformLevel: z.enum(platformLevels),
  platformLevelLabel: z.string(),
  platformType: z.enum(platformTypes),
  platformTypeLabel: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  year: z.number(),
  kind: z.enum(supportKinds),
  kindLabel: z.string(),
  title: z.string(),
  amountYuan: z.number().nullable(),
  outcome: z.enum(supportOutcomes),
  outcomeLabel: z.string(),
  grade: z.enum(finalGrades).nullable(),
  gradeLabel: z.string().nullable(),
  standing: z.enum(supportStandings),
  standingLabel: z.string(),
  basis: z.string(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  recordedAt: z.string(),
});

export const listOut = z.object({ items: z.array(itemOut) });

export const totalsOut = z.object({
  by: z.enum(['platform', 'district', 'year']),
  rows: z.array(z.object({ key: z.string(), name: z.string(), items: z.number(), granted: z.number(), grantedYuan: z.number(), recordedYuan: z.number() })),
});
