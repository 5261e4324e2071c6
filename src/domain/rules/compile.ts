/**
 * Turns a scheme's decimal strings into integers once, so that scoring a sheet touches no
 * string parsing of the scheme. Factor-dependent work is done once more per factor, in plan.ts.
 */
import { formatHundredths, formatPoints, parseRatio, toHundredths, type Ratio } from '../shared/decimal.js';
import type { Result } from '../shared/result.js';
import { fail, ok } from '../shared/result.js';
import type {
  ChoicePair, LeafRule, LeaderLevel, PlatformType, QuantityKind, Rule, RuleKind, ScoreRow, ScoreScheme, SchemeSettings,
} from './scheme-types.js';
import { validateScheme } from './validate-scheme.js';

export interface CUnitTerm {
  readonly key: string;
  readonly label: string;
  readonly unit: Ratio;
  readonly pointsH: number;
}

export type CLeaf =
  | { readonly kind: 'per_unit'; readonly fact: string; readonly quantity: QuantityKind; readonly term: CUnitTerm; readonly unitLabel: string; readonly scales: boolean; readonly acceptsList: boolean; readonly verb: string }
  | { readonly kind: 'categories'; readonly fact: string; readonly terms: readonly CUnitTerm[]; readonly unitLabel: string; readonly scales: boolean; readonly verb: string; readonly premium: { readonly premium: number; readonly base: number; readonly additional: boolean } | null }
  | { readonly kind: 'above_base'; readonly fact: string; readonly quantity: QuantityKind; readonly base: Ratio; readonly step: Ratio; readonly pointsH: number; readonly unitLabel: string; readonly scales: boolean; readonly verb: string };

export type CRule =
  | CLeaf
  | { readonly kind: 'sum'; readonly parts: readonly { readonly label: string; readonly leaf: CLeaf }[] }
  | { readonly kind: 'events_attendance'; readonly fact: string; readonly tiers: readonly { readonly over: number; readonly pointsH: number }[] }
  | { readonly kind: 'events_leader'; readonly fact: string; readonly minAttendance: number; readonly tiers: readonly { readonly level: LeaderLevel; readonly label: string; readonly pointsH: number }[]; readonly baseH: number }
  | { readonly kind: 'judged'; readonly fact: string; readonly stepH: number }
  | { readonly kind: 'tier'; readonly fact: string; readonly tiers: readonly { readonly key: string; readonly label: string; readonly pointsH: number }[] }
  | { readonly kind: 'deduction'; readonly fact: string; readonly pointsH: number; readonly unitLabel: string };

export interface CRow {
  readonly source: ScoreRow;
  readonly code: string;
  /** null for deductions. */
  readonly capH: number | null;
  readonly rule: CRule;
  /** The pair this row belongs to, if any. */
  readonly pair: ChoicePair | null;
  /** The rule's kind, group and name, copied here so that per-sheet reads see one shape. */
  readonly kind: RuleKind;
  readonly group: string;
  readonly name: string;
  /** "1.3 产业园纳税情况": names the row in fact errors. */
  readonly context: string;
  readonly capText: string | null;
  /** "，上限 10 → 10.00": ends the explanation of a row over its cap. */
  readonly capSuffix: string;
}

export interface CTable {
  readonly type: PlatformType;
  readonly annex: string;
  readonly title: string;
  readonly rows: readonly CRow[];
  readonly codes: readonly string[];
  readonly pairs: readonly ChoicePair[];
}

export interface CompiledScheme {
  readonly scheme: ScoreScheme;
  readonly settings: SchemeSettings;
  readonly tables: Readonly<Record<PlatformType, CTable>>;
  readonly excellentMinH: number;
  readonly passMinH: number;
}

// Validation guarantees every number below parses; the fallbacks only satisfy the types.
const h = (d: string): number => toHundredths(d) ?? 0;
const r = (d: string): Ratio => parseRatio(d) ?? { num: 1, den: 1, text: '1' };

function compileLeaf(rule: LeafRule, settings: SchemeSettings): CLeaf {
  switch (rule.kind) {
    case 'per_unit':
      return {
        kind: 'per_unit', fact: rule.fact, quantity: rule.quantity, unitLabel: rule.unitLabel, scales: rule.scales,
        acceptsList: rule.acceptsList === true, verb: rule.verb,
        term: { key: rule.fact, label: '', unit: r(rule.unit), pointsH: h(rule.points) },
      };
    case 'categories': {
      const terms = rule.categories.map((c) => ({ key: c.key, label: c.label, unit: r(c.unit), pointsH: h(c.points) }));
      const p = rule.premium;
      return {
        kind: 'categories', fact: rule.fact, unitLabel: rule.unitLabel, scales: rule.scales, verb: rule.verb, terms,
        premium: p === undefined ? null : {
          premium: terms.findIndex((t) => t.key === p.premium),
          base: terms.findIndex((t) => t.key === p.base),
          additional: settings[p.setting] === 'additional',
        },
      };
    }
    case 'above_base':
      return {
        kind: 'above_base', fact: rule.fact, quantity: rule.quantity, base: r(rule.base), step: r(rule.step),
        pointsH: h(rule.points), unitLabel: rule.unitLabel, scales: rule.scales, verb: rule.verb,
      };
  }
}

function compileRule(rule: Rule, settings: SchemeSettings): CRule {
  switch (rule.kind) {
    case 'per_unit':
    case 'categories':
    case 'above_base':
      return compileLeaf(rule, settings);
    case 'sum':
      return { kind: 'sum', parts: rule.parts.map((p) => ({ label: p.label, leaf: compileLeaf(p.rule, settings) })) };
    case 'events_attendance':
      return { kind: 'events_attendance', fact: rule.fact, tiers: rule.tiers.map((t) => ({ over: t.over, pointsH: h(t.points) })) };
    case 'events_leader':
      return {
        kind: 'events_leader', fact: rule.fact, minAttendance: rule.minAttendance, baseH: h(rule.basePoints),
        tiers: rule.tiers.map((t) => ({ level: t.level, label: t.label, pointsH: h(t.points) })),
      };
    case 'judged':
      return { kind: 'judged', fact: rule.fact, stepH: h(rule.step) };
    case 'tier':
      return { kind: 'tier', fact: rule.fact, tiers: rule.tiers.map((t) => ({ key: t.key, label: t.label, pointsH: h(t.points) })) };
    case 'deduction':
      return { kind: 'deduction', fact: rule.fact, pointsH: h(rule.points), unitLabel: rule.unitLabel };
  }
}

const cache = new WeakMap<ScoreScheme, Result<CompiledScheme>>();

/** Validates and compiles a scheme; the result is cached per scheme object. */
export function compileScheme(scheme: ScoreScheme): Result<CompiledScheme> {
  const hit = cache.get(scheme);
  if (hit !== undefined) return hit;
  const errors = validateScheme(scheme);
  if (errors.length > 0) {
    const res = fail<CompiledScheme>(errors);
    cache.set(scheme, res);
    return res;
  }
  const build = (type: PlatformType): CTable => {
    const t = scheme.tables[type];
    return {
      type, annex: t.annex, title: t.title, pairs: t.pairs, codes: t.rows.map((r) => r.code),
      rows: t.rows.map((row) => {
        const capH = row.cap === null ? null : h(row.cap);
        return {
          source: row, code: row.code, capH, rule: compileRule(row.rule, scheme.settings), kind: row.rule.kind, group: row.group, name: row.name,
          pair: t.pairs.find((p) => p.rows.includes(row.code)) ?? null, context: `${row.code} ${row.name}`,
          capText: capH === null ? null : formatHundredths(capH), capSuffix: capH === null ? '' : `，上限 ${formatPoints(capH)} → ${formatHundredths(capH)}`,
        };
      }),
    };
  };
  const res = ok<CompiledScheme>({
    scheme, settings: scheme.settings,
    tables: { comprehensive_park: build('comprehensive_park'), specialized_park: build('specialized_park'), specialized_market: build('specialized_market') },
    excellentMinH: h(scheme.grading.excellentMin), passMinH: h(scheme.grading.passMin),
  });
  cache.set(scheme, res);
  return res;
}
