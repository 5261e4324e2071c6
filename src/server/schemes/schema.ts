import { z } from 'zod';
import type { ScoreScheme } from '../../domain/index.js';
import { schemeStatuses } from '../../domain/evaluation/codes.js';
import { platformTypes } from '../../domain/platforms/codes.js';
import { SETTING_VALUES as values } from '../../domain/rules/settings-shown.js';
import { nameText, year } from '../fields.js';

/** Scheme ids are short slugs (cq-2026): they appear in URLs, exports and audit rows. */
export const schemeId = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, { error: '须为 2–40 位小写字母、数字或连字符，如 cq-2026' });

export const schemeParams = z.object({ id: schemeId });

export const schemeRow = z.object({
  id: z.string(),
  year: z.number().int(),
  title: z.string(),
  basedOn: z.string().nullable(),
  status: z.enum(schemeStatuses),
  createdAt: z.string(),
  adoptedAt: z.string().nullable(),
});
export type SchemeRow = z.infer<typeof schemeRow>;

export const schemeDetail = schemeRow.extend({ document: z.record(z.string(), z.unknown()) });
export type SchemeDetail = z.infer<typeof schemeDetail>;

export const cloneSchemeBody = z.object({ id: schemeId, year, title: nameText(200) });
export type CloneSchemeInput = z.infer<typeof cloneSchemeBody>;

/** PUT carries the full document; its deep rules are checked by the domain's validateScheme. */
export const schemeDocumentBody = z.record(z.string(), z.unknown());

const fieldChange = z.object({ path: z.string(), before: z.string(), after: z.string() });
export const schemeDiff = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(z.object({
    type: z.enum(platformTypes), annex: z.string(), code: z.string(), name: z.string(),
    change: z.enum(['added', 'removed', 'changed']), fields: z.array(fieldChange).readonly(), text: z.string(),
  })).readonly(),
  other: z.array(fieldChange).readonly(),
  identical: z.boolean(),
});

/**
 * The document's outline, checked before validateScheme reads it: the engine trusts the
 * shape of the type and would fail on a missing table instead of naming it. The rules
 * themselves stay loose here; validateScheme names every bad value with its path.
 */
const dec = z.string({ error: '须为十进制数字字符串' });
const row = z.looseObject({
  code: z.string(), group: z.string(), name: z.string(), cap: dec.nullable(), criteria: z.string(),
  rule: z.looseObject({ kind: z.enum(['per_unit', 'categories', 'above_base', 'events_attendance', 'events_leader', 'judged', 'tier', 'deduction', 'sum']) }),
});
const table = z.looseObject({
  annex: z.string(), title: z.string(), total: dec, rows: z.array(row),
  pairs: z.array(z.looseObject({ id: z.string(), rows: z.tuple([z.string(), z.string()]), byOrientation: z.object({ industry: z.string(), service_line: z.string() }) })),
});
export const schemeOutline = z.looseObject({
  id: z.string(),
  year: z.number().int(),
  title: z.string(),
  source: z.string(),
  settings: z.looseObject({
    aboveScale: z.enum(values.aboveScale), titledStaff: z.enum(values.titledStaff), residents: z.enum(values.residents),
    educationCategories: z.enum(values.educationCategories), pairChoice: z.enum(values.pairChoice),
    scaling: z.enum(values.scaling), judged: z.enum(values.judged), trimFrom: z.number(),
    publicity: z.enum(values.publicity), passThroughInParkRevenue: z.boolean(), branchUsesDistrictQuota: z.boolean(),
    conditionResidents: z.enum(values.conditionResidents).optional(),
  }),
  factors: z.object({ municipal: dec, national: dec, district: dec }),
  tables: z.object({ comprehensive_park: table, specialized_park: table, specialized_market: table }),
  recognition: z.looseObject({}),
  grading: z.object({ excellentMin: dec, passMin: dec, excellentShare: dec, pool: z.enum(['all', 'per_type']) }),
});

/** Narrows a stored or submitted document to the engine's type once its outline is right. */
export function isScoreScheme(doc: unknown): doc is ScoreScheme {
  return schemeOutline.safeParse(doc).success;
}
