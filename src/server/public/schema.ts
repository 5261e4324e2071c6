/** The public portal's answers: only what anyone may see (no person, no phone, no score). */
import { z } from 'zod';
import { finalGrades } from '../../domain/evaluation/codes.js';
import { carriers, platformLevels, platformServices, platformStatuses, platformTypes } from '../../domain/platforms/codes.js';
import { uuidParam } from '../fields.js';

export const publicDistrict = z.object({ code: z.string(), name: z.string(), kind: z.enum(['district', 'county', 'autonomous-county', 'functional-zone']), region: z.string() });

export const publicPlatformParams = z.object({ id: uuidParam });

export const publicGrade = z.object({
  year: z.number().int(), grade: z.enum(finalGrades), gradeLabel: z.string(), publishedAt: z.string(),
});

export const publicPlatformDetail = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(platformTypes),
  level: z.enum(platformLevels),
  districtCode: z.string(),
  districtName: z.string(),
  status: z.enum(platformStatuses),
  operatorName: z.string().nullable(),
  address: z.string().nullable(),
  carrier: z.enum(carriers),
  recognizedAt: z.string().nullable().describe('认定（备案）日期 YYYY-MM-DD'),
  recognitionDocNo: z.string().nullable(),
  services: z.array(z.enum(platformServices)),
  parentPlatformName: z.string().nullable(),
  grades: z.array(publicGrade).describe('已公布的年度评估等次，新的在前'),
});
export type PublicPlatformDetail = z.infer<typeof publicPlatformDetail>;

const dictionaryRow = z.object({ column: z.string(), meaning: z.string(), format: z.string() });

export const openDataCatalog = z.object({
  publisher: z.string(),
  licence: z.object({ title: z.string(), text: z.array(z.string()) }),
  directory: z.object({ title: z.string(), rows: z.number().int(), dictionary: z.array(dictionaryRow) }),
  results: z.object({
    title: z.string(),
    dictionary: z.array(dictionaryRow),
    years: z.array(z.object({ year: z.number().int(), publishedAt: z.string(), rows: z.number().int() })),
  }),
});
export type OpenDataCatalog = z.infer<typeof openDataCatalog>;
