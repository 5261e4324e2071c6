/**
 * A compiled table specialised for one scale factor: effective units, term modes and every
 * constant piece of the explanations and gap hints, built once per scheme, type and factor.
 * Scoring a sheet then only reads facts, does integer arithmetic and splices numbers into
 * these pieces (docs/rules.md, Performance, has the figures).
 */
import { formatGrouped, formatHundredths as score, formatPoints as pts, type Ratio } from '../shared/decimal.js';
import type { CLeaf, CompiledScheme, CRow, CRule, CTable } from './compile.js';
import { QUANTITY_SCALE } from './read-facts.js';
import type { PlatformType, SchemeSettings } from './scheme-types.js';

/** An effective unit num/den in the quantity's own units (the scheme's X times the factor). */
export interface Eff { readonly num: number; readonly den: number }

export type TermMode = 'plain' | 'floor' | 'proportional';

export interface TermPlan {
  readonly key: string;
  readonly unit: string;
  readonly scale: number;
  readonly mode: TermMode;
  readonly eff: Eff;
  readonly pointsH: number;
  /** Proportional score: n × propMul ÷ propDiv, i.e. n × p ÷ factor, rounded once per row. */
  readonly propMul: number;
  readonly propDiv: number;
  /** Explanation: `${lead}${quantity}${after}`, and for floor terms `${n}${times}`. */
  readonly lead: string;
  readonly after: string | null;
  readonly times: string;
  /** Plain and proportional `after`, and `times`, followed by " = ": a row of one term. */
  readonly afterEq: string;
  readonly timesEq: string;
  /** Gap hints: `${hint}${quantity}${hintTail}${gain}` and the "to the cap" variant. */
  readonly hint: string;
  readonly hintTail: string;
  /** hintTail with the usual gain, a full unit's points, already appended. */
  readonly hintTailFull: string;
  readonly hintCapTail: string;
  /** The richest term of its leaf, which alone offers a "to the cap" hint. */
  readonly toCap: boolean;
}

export interface TermsLeafPlan {
  readonly kind: 'terms';
  readonly source: Extract<CLeaf, { kind: 'per_unit' | 'categories' }>;
  readonly terms: readonly TermPlan[];
  readonly multi: boolean;
  /** `${label} `, or '' for a leaf outside a sum. */
  readonly prefix: string;
  readonly zeroText: string;
  readonly premiumNote: string;
}

export interface AboveLeafPlan {
  readonly kind: 'above';
  readonly source: Extract<CLeaf, { kind: 'above_base' }>;
  readonly scale: number;
  readonly base: Eff;
  readonly step: Eff;
  readonly pointsH: number;
  readonly lead: string;
  readonly unit: string;
  /** After the quantity; null when not formattable, see piece(). */
  readonly belowTail: string | null;
  readonly overMid: string | null;
  readonly overTail: string | null;
  readonly times: string;
  readonly hint: string;
  readonly hintTail: string;
}

export type LeafPlan = TermsLeafPlan | AboveLeafPlan;

/** A hint whose gain is fixed, limited by the row's headroom when shown. */
export interface FixedHint { readonly text: string; readonly gainH: number }

type Rule<K extends CRule['kind']> = Extract<CRule, { kind: K }>;

export type RowPlan =
  | {
    readonly kind: 'volume'; readonly row: CRow; readonly leaves: readonly { readonly label: string; readonly leaf: LeafPlan }[]; readonly sum: boolean;
    /** Some term is scored proportionally, so the explanation may need its rounding note. */
    readonly proportional: boolean;
    /** The denominator of the row's proportional terms (the factor's numerator); 1 without any. */
    readonly propDiv: number;
    readonly emptyHints: readonly FixedHint[];
  }
  | { readonly kind: 'events_attendance'; readonly row: CRow; readonly rule: Rule<'events_attendance'>; readonly terms: readonly (readonly [string, string])[]; readonly restTail: string; readonly hints: readonly FixedHint[] }
  | { readonly kind: 'events_leader'; readonly row: CRow; readonly rule: Rule<'events_leader'>; readonly terms: readonly (readonly [string, string])[]; readonly baseTail: string; readonly belowTail: string; readonly assumedTail: string; readonly hints: readonly FixedHint[] }
  | { readonly kind: 'judged'; readonly row: CRow; readonly rule: Rule<'judged'>; readonly hint: string }
  | { readonly kind: 'tier'; readonly row: CRow; readonly rule: Rule<'tier'>; readonly texts: readonly string[]; readonly hint: FixedHint | null }
  | { readonly kind: 'deduction'; readonly row: CRow; readonly rule: Rule<'deduction'>; readonly mid: string };

/** A grade cut-off and the constant parts of its gap text. */
export interface GradePlan {
  readonly grade: 'excellent' | 'pass';
  readonly label: string;
  readonly cutH: number;
  readonly metText: string;
  /** Followed by the shortfall and the headroom, see gradeGaps. */
  readonly shortHead: string;
}

export interface SheetPlan {
  readonly table: CTable;
  readonly ratio: Ratio;
  readonly rows: readonly RowPlan[];
  /** The note shown under a factor other than 1, or null. */
  readonly factorNote: string | null;
  readonly grades: readonly GradePlan[];
}

const ONE: Ratio = { num: 1, den: 1, text: '1' };

/** Decimal places of a power of ten (eff denominators are products of powers of ten). */
export function placesOf(den: number): number {
  let k = 0;
  let d = den;
  while (d > 1) {
    d /= 10;
    k += 1;
  }
  return k;
}

export const effText = (eff: Eff, unitLabel: string): string => `${formatGrouped(eff.num, placesOf(eff.den))} ${unitLabel}`;

/**
 * A text piece, or null when it cannot be formatted (a unit beyond 10⁻⁸ after the factor):
 * building the plan must not fail where only explaining that term would, so the explainer
 * formats such pieces itself and fails exactly where it used to.
 */
function piece(make: () => string): string | null {
  try {
    return make();
  } catch {
    return null;
  }
}

function termPlans(leaf: TermsLeafPlan['source'], ratio: Ratio, settings: SchemeSettings): TermPlan[] {
  const multi = leaf.kind === 'categories';
  const units = multi ? leaf.terms : [leaf.term];
  const scale = leaf.kind === 'per_unit' ? QUANTITY_SCALE[leaf.quantity] : 0;
  const f = leaf.scales ? ratio : ONE;
  const factorIsOne = ratio.num === ratio.den;
  let best = 0;
  for (let i = 1; i < units.length; i++) if ((units[i]?.pointsH ?? 0) > (units[best]?.pointsH ?? 0)) best = i;
  return units.map((t, i) => {
    const proportional = leaf.scales && !factorIsOne && t.unit.num === t.unit.den && scale === 0 && settings.scaling === 'proportional';
    const mode: TermMode = proportional ? 'proportional' : t.unit.num * f.num === t.unit.den * f.den ? 'plain' : 'floor';
    const eff = { num: t.unit.num * f.num, den: t.unit.den * f.den };
    const unit = leaf.unitLabel;
    const what = multi ? `（${t.label}）` : '';
    const after = mode === 'plain' ? ` ${unit} × ${pts(t.pointsH)}`
      : mode === 'floor' ? piece(() => ` ${unit} ÷ ${effText(eff, unit)} 取整 `) : ` ${unit} × ${pts(t.pointsH)} ÷ ${ratio.text}`;
    return {
      key: t.key, unit, scale, mode, eff, pointsH: t.pointsH, propMul: t.pointsH * f.den, propDiv: f.num,
      lead: multi ? `${t.label} ` : '', after, times: ` × ${pts(t.pointsH)}`, afterEq: `${after ?? ''} = `, timesEq: ` × ${pts(t.pointsH)} = `,
      hint: `再${leaf.verb} `, hintTail: ` ${unit}${what} → +`, hintTailFull: ` ${unit}${what} → +${score(t.pointsH)}`, hintCapTail: ` ${unit}${what}可达本项上限 → +`, toCap: i === best,
    };
  });
}

function leafPlan(leaf: CLeaf, label: string, ratio: Ratio, settings: SchemeSettings): LeafPlan {
  if (leaf.kind !== 'above_base') {
    const prefix = label === '' ? '' : `${label} `;
    const p = leaf.kind === 'categories' ? leaf.premium : null;
    const premiumNote = leaf.kind === 'categories' && p !== null && p.additional
      ? `（${leaf.terms[p.base]?.label ?? ''}含${leaf.terms[p.premium]?.label ?? ''}）` : '';
    return {
      kind: 'terms', source: leaf, terms: termPlans(leaf, ratio, settings), multi: leaf.kind === 'categories', prefix,
      zeroText: `${prefix}0 ${leaf.unitLabel} → 0`, premiumNote,
    };
  }
  const f = leaf.scales ? ratio : ONE;
  const base = { num: leaf.base.num * f.num, den: leaf.base.den * f.den };
  const step = { num: leaf.step.num * f.num, den: leaf.step.den * f.den };
  const unit = leaf.unitLabel;
  return {
    kind: 'above', source: leaf, scale: QUANTITY_SCALE[leaf.quantity], base, step, pointsH: leaf.pointsH, lead: `${label} `, unit,
    belowTail: piece(() => ` ${unit}，未达 ${effText(base, unit)} → 0`), overMid: piece(() => ` ${unit}，超出 ${effText(base, unit)}的部分 `),
    overTail: piece(() => ` ${unit} ÷ ${effText(step, unit)} 取整 `),
    times: ` × ${pts(leaf.pointsH)}`, hint: `再${leaf.verb} `, hintTail: ` ${unit} → +`,
  };
}

const fixed = (text: string, gainH: number): FixedHint => ({ text: `${text} → +`, gainH });

/** The points of the first unit of a leaf: the hint for a row with nothing reported. */
const firstUnitH = (l: CLeaf): number => (l.kind === 'categories' ? (l.terms[0]?.pointsH ?? 0) : l.kind === 'per_unit' ? l.term.pointsH : l.pointsH);

/**
 * Every row plan gets every field, in one order, so that all kinds share one hidden class:
 * the evaluator, explainer and gap analysis read `kind`, `row` and the rest at sites that
 * see every kind, and loads from objects of six shapes are megamorphic (a hash probe each).
 */
type AnyRowPlan = Partial<UnionToFields<RowPlan>>;
type UnionToFields<U> = { [K in U extends unknown ? keyof U : never]: U extends { readonly [P in K]?: infer V } ? V : never };

function oneShape(p: AnyRowPlan): RowPlan {
  // One literal: one hidden class for every kind.
  const plan = {
    kind: p.kind, row: p.row, rule: p.rule ?? null, leaves: p.leaves ?? null, sum: p.sum ?? false, proportional: p.proportional ?? false, propDiv: p.propDiv ?? 1,
    emptyHints: p.emptyHints ?? null, terms: p.terms ?? null, restTail: p.restTail ?? '', baseTail: p.baseTail ?? '', belowTail: p.belowTail ?? '',
    assumedTail: p.assumedTail ?? '', hints: p.hints ?? null, hint: p.hint ?? null, texts: p.texts ?? null, mid: p.mid ?? '',
  };
  return plan as unknown as RowPlan;
}

function rowPlan(row: CRow, ratio: Ratio, settings: SchemeSettings): RowPlan {
  return oneShape(rowPlanOfKind(row, ratio, settings));
}

function rowPlanOfKind(row: CRow, ratio: Ratio, settings: SchemeSettings): RowPlan {
  const rule = row.rule;
  switch (rule.kind) {
    case 'per_unit':
    case 'categories':
    case 'above_base':
    case 'sum': {
      const parts = rule.kind === 'sum' ? rule.parts : [{ label: '', leaf: rule }];
      const leaves = parts.map((p) => ({ label: p.label, leaf: leafPlan(p.leaf, p.label, ratio, settings) }));
      return {
        kind: 'volume', row, sum: rule.kind === 'sum', leaves,
        proportional: leaves.some(({ leaf }) => leaf.kind === 'terms' && leaf.terms.some((t) => t.mode === 'proportional')),
        // Every proportional term scales by the sheet's factor, so they share one denominator.
        propDiv: ratio.num,
        emptyHints: parts.map((p) => fixed(`填报${p.leaf.kind === 'above_base' ? '面积' : '数据'}（${row.source.name}）`, firstUnitH(p.leaf))),
      };
    }
    case 'events_attendance': {
      const top = rule.tiers[0];
      const low = rule.tiers[rule.tiers.length - 1];
      const hints: FixedHint[] = [];
      if (top !== undefined) hints.push(fixed(`再组织 1 场参会超过 ${top.over} 人的活动`, top.pointsH));
      if (low !== undefined && low !== top) hints.push(fixed(`再组织 1 场参会超过 ${low.over} 人的活动`, low.pointsH));
      return {
        kind: 'events_attendance', row, rule, hints, restTail: ` 场参会未超过 ${low?.over ?? 0} 人，不计分）`,
        terms: rule.tiers.map((t) => [`参会超过 ${t.over} 人 `, ` 场 × ${pts(t.pointsH)}`] as const),
      };
    }
    case 'events_leader': {
      const top = rule.tiers[0];
      const hints = [fixed(`再组织 1 场参会 ${rule.minAttendance} 人及以上的活动`, rule.baseH)];
      if (top !== undefined) hints.push(fixed(`再组织 1 场${top.label}的活动（参会 ${rule.minAttendance} 人及以上）`, top.pointsH));
      return {
        kind: 'events_leader', row, rule, hints, terms: rule.tiers.map((t) => [`${t.label} `, ` 场 × ${pts(t.pointsH)}`] as const),
        baseTail: ` 场 × ${pts(rule.baseH)}`, belowTail: ` 场参会不足 ${rule.minAttendance} 人，不计分`, assumedTail: ` 场未填参会人数，按已达 ${rule.minAttendance} 人计`,
      };
    }
    case 'judged':
      return { kind: 'judged', row, rule, hint: `综合评定，距本项上限 ${pts(row.capH ?? 0)} 还差 ` };
    case 'tier': {
      const best = rule.tiers[0];
      return { kind: 'tier', row, rule, texts: rule.tiers.map((t) => `${t.label} → ${score(t.pointsH)}`), hint: best === undefined ? null : fixed(`达到“${best.label}”`, best.pointsH) };
    }
    case 'deduction':
      return { kind: 'deduction', row, rule, mid: ` ${rule.unitLabel} × ${pts(rule.pointsH)} 分，扣 ` };
  }
}

function gradePlan(grade: GradePlan['grade'], label: string, cutH: number): GradePlan {
  const cut = pts(cutH);
  return {
    grade, label, cutH, metText: `已达到${label}分数线 ${cut} 分${grade === 'excellent' ? '（优秀还须排在参评总数 30% 以内）' : ''}`,
    shortHead: `距${label}分数线 ${cut} 分还差 `,
  };
}

// Factors are few in practice (1, the national and district ones); the bound only keeps a
// stream of odd factors from growing the cache without limit.
const MAX_PLANS_PER_TYPE = 64;
const plans = new WeakMap<CompiledScheme, Record<PlatformType, Map<string, SheetPlan>>>();

/** The plan of a compiled scheme's table for a factor; cached per scheme, type and factor. */
export function planFor(c: CompiledScheme, type: PlatformType, ratio: Ratio): SheetPlan {
  let byType = plans.get(c);
  if (byType === undefined) {
    byType = { comprehensive_park: new Map(), specialized_park: new Map(), specialized_market: new Map() };
    plans.set(c, byType);
  }
  const byFactor = byType[type];
  const hit = byFactor.get(ratio.text);
  if (hit !== undefined) return hit;
  if (byFactor.size >= MAX_PLANS_PER_TYPE) byFactor.clear();
  const table = c.tables[type];
  const plan: SheetPlan = {
    table, ratio, rows: table.rows.map((row) => rowPlan(row, ratio, c.settings)),
    factorNote: ratio.num === ratio.den ? null : `系数 ${ratio.text}：数量类指标的计分单位、基数和步长乘以 ${ratio.text}，分值和上限不变`,
    grades: [gradePlan('excellent', '优秀', c.excellentMinH), gradePlan('pass', '合格', c.passMinH)],
  };
  byFactor.set(ratio.text, plan);
  return plan;
}
