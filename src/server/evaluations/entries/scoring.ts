/** The rule engine applied to stored entries: self-evaluated totals and the impact of another scheme. */
import { z } from 'zod';
import {
  factorFor, grade, GRADE_LABELS, scoreTotals, type GradingSettings, type Participant, type PlatformLevel, type PlatformType, type ScoreScheme, type SheetFacts,
} from '../../../domain/index.js';
import { labelFor } from '../../../domain/labels/index.js';
import { errors, type FieldError } from '../../errors.js';
import { comprehensiveParkFactsSchema, specializedMarketFactsSchema, specializedParkFactsSchema } from '../../rules/schema.js';
import type { ImpactResponse } from '../campaign/schema.js';

interface StoredEntry {
  id: string;
  platformId: string;
  platformName: string;
  level: PlatformLevel;
  type: PlatformType;
  factor: string;
  facts: unknown;
}

/** Stored facts read back through the same schema POST /rules/score accepts, so the engine gets what it expects. */
export function readFacts(type: PlatformType, facts: unknown): SheetFacts | null {
  switch (type) {
    case 'comprehensive_park': {
      const r = comprehensiveParkFactsSchema.safeParse(facts);
      return r.success ? r.data : null;
    }
    case 'specialized_park': {
      const r = specializedParkFactsSchema.safeParse(facts);
      return r.success ? r.data : null;
    }
    case 'specialized_market': {
      const r = specializedMarketFactsSchema.safeParse(facts);
      return r.success ? r.data : null;
    }
  }
}

const anyRecord = z.record(z.string(), z.unknown());
export function factsRecord(facts: unknown): Record<string, unknown> {
  const r = anyRecord.safeParse(facts);
  return r.success ? r.data : {};
}

function total(scheme: ScoreScheme, type: PlatformType, factor: string, facts: unknown): { total: string | null; problems: string[] } {
  const read = readFacts(type, facts);
  if (read === null) return { total: null, problems: ['事实数据格式不正确'] };
  const r = scoreTotals(scheme, type, factor, read);
  return r.ok ? { total: r.value.total, problems: [] } : { total: null, problems: r.errors.map((e) => e.message) };
}

/** The entry's total on its own factor under the campaign's scheme; null when the facts cannot be scored yet. */
export function selfTotal(scheme: ScoreScheme, e: StoredEntry): string | null {
  return total(scheme, e.type, e.factor, e.facts).total;
}

export interface CampaignGrading {
  excellentCutoff: string;
  passCutoff: string;
  poolPerType: boolean;
}

function gradesUnder(scheme: ScoreScheme, scored: { e: StoredEntry; total: string | null }[], c: CampaignGrading) {
  const settings: GradingSettings = { excellentMin: c.excellentCutoff, passMin: c.passCutoff, excellentShare: scheme.grading.excellentShare, pool: c.poolPerType ? 'per_type' : 'all' };
  const participants: Participant[] = scored.flatMap(({ e, total: t }) => (t === null ? [] : [{ id: e.id, type: e.type, level: e.level, score: t }]));
  const r = grade(participants, settings);
  if (!r.ok) throw errors.refused('GRADING_FAILED', r.errors.map((x) => x.message).join('；'));
  return new Map(r.value.participants.map((p) => [p.id, p.grade]));
}

/**
 * Every participant under the campaign's scheme and under another one, side by side. Each
 * side uses its own scheme's factor for the level, since a scheme may change the factors.
 */
export function impactOf(current: ScoreScheme, other: ScoreScheme, entries: readonly StoredEntry[], c: CampaignGrading): ImpactResponse['items'] {
  const a = entries.map((e) => ({ e, ...total(current, e.type, factorFor(current, e.level), e.facts) }));
  const b = entries.map((e) => ({ e, ...total(other, e.type, factorFor(other, e.level), e.facts) }));
  const ga = gradesUnder(current, a, c);
  const gb = gradesUnder(other, b, c);
  const side = (t: string | null, g: ReturnType<typeof ga.get>) => ({ total: t, grade: g ?? null, gradeLabel: g === undefined ? null : GRADE_LABELS[g] });
  return entries.map((e, i) => ({
    entryId: e.id, platformId: e.platformId, platformName: e.platformName, level: e.level, type: e.type,
    current: side(a[i]?.total ?? null, ga.get(e.id)),
    other: side(b[i]?.total ?? null, gb.get(e.id)),
    problems: [...(a[i]?.problems ?? []), ...(b[i]?.problems ?? []).map((p) => `对比方案：${p}`)],
  }));
}

/** Facts as sent by the operator, checked by the rule engine's schema for the entry's type; zod issues become field errors. */
export function parseFacts(type: PlatformType, facts: unknown): { ok: true; value: SheetFacts } | { ok: false; errors: FieldError[] } {
  const r = type === 'comprehensive_park' ? comprehensiveParkFactsSchema.safeParse(facts)
    : type === 'specialized_park' ? specializedParkFactsSchema.safeParse(facts)
      : specializedMarketFactsSchema.safeParse(facts);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) => {
      const field = ['facts', ...i.path.map(String)].join('.');
      return { field, message: `${labelFor(['facts', ...i.path])}：${i.message}` };
    }),
  };
}

const withCutoffs = new WeakMap<ScoreScheme, Map<string, ScoreScheme>>();

/**
 * The scheme as the campaign scores with it: the year's own 优秀 and 合格 cut-offs (a campaign setting,
 * RULES.md §5) replace the scheme's defaults, so a sheet's gap to 优秀 is the gap that counts this year.
 * Memoised per scheme object and cut-offs, so the engine compiles each variant once.
 */
export function schemeWithCutoffs(scheme: ScoreScheme, excellentCutoff: string, passCutoff: string): ScoreScheme {
  // numeric(5,2) comes back as "85.00"; the scheme writes "85".
  const excellentMin = plainDecimal(excellentCutoff);
  const passMin = plainDecimal(passCutoff);
  if (scheme.grading.excellentMin === excellentMin && scheme.grading.passMin === passMin) return scheme;
  let variants = withCutoffs.get(scheme);
  if (!variants) withCutoffs.set(scheme, (variants = new Map<string, ScoreScheme>()));
  const key = `${excellentMin}|${passMin}`;
  let variant = variants.get(key);
  if (!variant) variants.set(key, (variant = { ...scheme, grading: { ...scheme.grading, excellentMin, passMin } }));
  return variant;
}

const plainDecimal = (s: string): string => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);
