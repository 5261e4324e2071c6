/** Test helpers: score a sheet or fail loudly, and read one row. */
import { expect } from 'vitest';
import type { DecimalInput } from '../../shared/decimal.js';
import type { SheetFacts } from '../facts.js';
import { cq2025 } from '../schemes/cq-2025.js';
import type { PlatformType, ScoreScheme, SchemeSettings } from '../scheme-types.js';
import { scoreSheet, type RowResult, type ScoreSheet } from '../score-sheet.js';

export function sheet(type: PlatformType, facts: SheetFacts, factor: DecimalInput = 1, scheme: ScoreScheme = cq2025): ScoreSheet {
  const r = scoreSheet(scheme, type, factor, facts);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

export function row(s: ScoreSheet, code: string): RowResult {
  const found = s.rows.find((r) => r.code === code);
  if (found === undefined) throw new Error(`no row ${code}`);
  return found;
}

/** The capped score of one row. */
export const rowScore = (type: PlatformType, code: string, facts: SheetFacts, factor: DecimalInput = 1, scheme: ScoreScheme = cq2025): string =>
  row(sheet(type, facts, factor, scheme), code).score;

export function withSettings(patch: Partial<SchemeSettings>): ScoreScheme {
  return { ...cq2025, id: 'cq-2025-test', settings: { ...cq2025.settings, ...patch } };
}

export function errorsOf(type: PlatformType, facts: unknown, factor: DecimalInput = 1, scheme: ScoreScheme = cq2025): string[] {
  // Facts from untyped sources reach the engine too; it must answer with coded errors.
  const r = scoreSheet(scheme, type, factor, facts as SheetFacts);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.errors.map((e) => e.code);
}
