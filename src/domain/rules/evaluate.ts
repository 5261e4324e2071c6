/**
 * Scores one row from its plan and the facts. Produces numbers (integer hundredths) and a
 * trace in the same object; the explanation and the gap analysis are read off the trace and
 * the plan's texts. Traces are kept small: every sheet allocates one per row.
 * Fact paths for error messages are composed only when there is an error to report.
 */
import { floorDiv, mulDivFloor, mulDivRound, pow10, toScaled } from '../shared/decimal.js';
import type { AboveLeafPlan, LeafPlan, RowPlan, TermPlan, TermsLeafPlan } from './plan.js';
import type { FactReader, FactRecord } from './read-facts.js';
import type { QuantityKind, SchemeSettings } from './scheme-types.js';
import { evaluateEvents } from './evaluate-events.js';

export interface EvalContext {
  readonly settings: SchemeSettings;
  readonly reader: FactReader;
}

/**
 * A volume leaf. `scoreH` holds the integer hundredths of its floor and plain terms;
 * `propNum` the exact sum of its proportional terms as a numerator over the row's `propDiv`
 * (n × p × factor.den): RULES.md §4 adds a row's proportional terms exactly and rounds the
 * row once, so no term is rounded on its own. A per-unit leaf is its own single term (one object, no array). A category
 * leaf keeps only its values, aligned with `leaf.terms`: a term's units and score are two
 * integer operations away (termN, termScoreH), cheaper to redo than an object per term.
 */
export type LeafTrace =
  | { readonly kind: 'term'; readonly leaf: TermsLeafPlan; readonly plan: TermPlan; valueS: number; n: number; scoreH: number; propNum: number }
  | { readonly kind: 'terms'; readonly leaf: TermsLeafPlan; readonly values: number[]; scoreH: number; propNum: number }
  | { readonly kind: 'above'; readonly leaf: AboveLeafPlan; valueS: number; below: boolean; n: number; scoreH: number; propNum: number };

type Plan<K extends RowPlan['kind']> = Extract<RowPlan, { kind: K }>;

/**
 * What each kind of row keeps for its explanation and gap hints. Lists are buffers reused
 * from sheet to sheet, read up to their count (`partCount`, `scoreCount`), never by length.
 */
export type RowTrace =
  | {
    readonly kind: 'volume'; readonly plan: Plan<'volume'>; readonly parts: LeafTrace[]; partCount: number; readonly leaves: readonly LeafTrace[];
    /** The row's proportional terms, exactly: a numerator over plan.propDiv (see LeafTrace). */
    propNum: number;
  }
  | { readonly kind: 'events_attendance'; readonly plan: Plan<'events_attendance'>; readonly counts: number[]; rest: number; total: number }
  | { readonly kind: 'events_leader'; readonly plan: Plan<'events_leader'>; readonly counts: number[]; base: number; below: number; assumed: number; total: number }
  | {
    readonly kind: 'judged'; readonly plan: Plan<'judged'>; method: SchemeSettings['judged']; readonly scoresH: number[]; scoreCount: number;
    /** The highest and lowest score dropped, when the mean is trimmed. */
    trimmed: boolean; hi: number; lo: number; panelH: number | null; proposedH: number | null;
  }
  | { readonly kind: 'tier'; readonly plan: Plan<'tier'>; index: number }
  | { readonly kind: 'deduction'; readonly plan: Plan<'deduction'>; count: number };

/**
 * A row's score, with its trace in a separate object: every row's RowEval then has one shape,
 * so the fields read on the hot path (rawH, pending, missing) are monomorphic loads.
 *
 * Each row of a plan owns one RowEval and its trace, made once (createRowEval) and
 * overwritten by every sheet scored on that plan: scoring is synchronous and a sheet's
 * traces are read (explanations, gap hints) before the next sheet is evaluated, so a sheet
 * allocates no trace objects at all. Nothing of a trace is ever put into a result.
 */
export interface RowEval {
  rawH: number;
  missing: boolean;
  /** A judged row without its experts' scores yet. */
  pending: boolean;
  readonly trace: RowTrace;
}

/**
 * Traces of every kind are made with every field of every kind, in one order: one hidden
 * class, so that the evaluator, explainer and gap analysis, which read traces of all kinds
 * at the same sites, make monomorphic loads (as plan.ts does for row plans). They are made
 * once per plan row, so their size costs nothing per sheet. Numbers start as doubles where
 * a value may leave the small-integer range (money, the lowest score's infinity), so that
 * no store changes a field's representation later.
 */
function anyLeafTrace(kind: LeafTrace['kind'], leaf: LeafPlan, plan: TermPlan | null, values: number[]): LeafTrace {
  const t = { kind, leaf, plan, valueS: 0.5, n: 0, scoreH: 0, propNum: 0.5, values, below: false };
  return t as unknown as LeafTrace;
}

function leafTraceFor(l: LeafPlan): LeafTrace {
  if (l.kind === 'above') return anyLeafTrace('above', l, null, []);
  const first = l.terms[0];
  if (l.source.kind === 'per_unit' && first !== undefined) return anyLeafTrace('term', l, first, []);
  return anyLeafTrace('terms', l, null, new Array<number>(l.terms.length).fill(0));
}

function anyTrace(kind: RowTrace['kind'], plan: RowPlan, leaves: LeafTrace[], counts: number[]): RowTrace {
  const t = {
    kind, plan, parts: leaves.slice(), partCount: 0, leaves, propNum: 0.5, counts, rest: 0, total: 0, base: 0, below: 0, assumed: 0,
    method: 'mean', scoresH: [], scoreCount: 0, trimmed: false, hi: 0, lo: Number.POSITIVE_INFINITY, panelH: null, proposedH: null, index: -1, count: 0,
  };
  return t as unknown as RowTrace;
}

function traceFor(plan: RowPlan): RowTrace {
  switch (plan.kind) {
    case 'volume':
      return anyTrace('volume', plan, plan.leaves.map((p) => leafTraceFor(p.leaf)), []);
    case 'events_attendance':
    case 'events_leader':
      return anyTrace(plan.kind, plan, [], new Array<number>(plan.rule.tiers.length).fill(0));
    case 'judged':
    case 'tier':
    case 'deduction':
      return anyTrace(plan.kind, plan, [], []);
  }
}

/** The buffer a plan row is evaluated into, sheet after sheet. */
export const createRowEval = (plan: RowPlan): RowEval => ({ rawH: 0, missing: false, pending: false, trace: traceFor(plan) });

function readQuantity(ctx: EvalContext, facts: FactRecord, fact: string, kind: QuantityKind, acceptsList: boolean): number | undefined {
  const raw = facts[fact];
  if (acceptsList && Array.isArray(raw)) {
    const names = new Set<string>();
    for (const [i, x] of raw.entries()) {
      if (typeof x !== 'string' || x.trim() === '') ctx.reader.invalid(`facts.${fact}[${i}]`, '须为非空的名称');
      else if (names.has(x.trim())) ctx.reader.invalid(`facts.${fact}[${i}]`, `“${x}”重复`);
      else names.add(x.trim());
    }
    return names.size;
  }
  return ctx.reader.quantity(raw, kind, fact) ?? undefined;
}

/** Units counted: floor(v ÷ (X·factor)); for proportional rows the count itself. */
export function termN(t: TermPlan, v: number): number {
  if (t.mode === 'proportional') return v;
  if (t.mode === 'plain') return t.scale === 0 ? v : floorDiv(v, pow10(t.scale));
  return mulDivFloor(v, t.eff.den, t.eff.num * pow10(t.scale));
}

/** A floor or plain term's hundredths; a proportional term has none of its own (see termPropNum). */
export const termScoreH = (t: TermPlan, n: number): number => (t.mode === 'proportional' ? 0 : n * t.pointsH);

/** A proportional term's exact score as a numerator over propDiv; 0 for other terms. */
export const termPropNum = (t: TermPlan, n: number): number => (t.mode === 'proportional' ? n * t.propMul : 0);

/** Writes a category's values; under the premium's "additional" reading the base includes the premium. */
function categoryValues(l: TermsLeafPlan, obj: FactRecord, ctx: EvalContext, values: number[]): void {
  const terms = l.terms;
  for (let i = 0; i < terms.length; i++) {
    const key = terms[i]?.key ?? '';
    const raw = obj[key];
    values[i] = raw === undefined ? 0 : (ctx.reader.quantity(raw, 'count', l.source.fact, key) ?? 0);
  }
  const p = l.source.kind === 'categories' ? l.source.premium : null;
  if (p !== null && p.additional) values[p.base] = (values[p.base] ?? 0) + (values[p.premium] ?? 0);
}

/** Reads a leaf into its trace; false when the leaf's fact is not reported (or unreadable). */
function termsLeaf(l: TermsLeafPlan, t: LeafTrace, facts: FactRecord, ctx: EvalContext): boolean {
  const s = l.source;
  const terms = l.terms;
  if (t.kind === 'term' && s.kind === 'per_unit') {
    const v = readQuantity(ctx, facts, s.fact, s.quantity, s.acceptsList);
    if (v === undefined) return false;
    const n = termN(t.plan, v);
    t.valueS = v;
    t.n = n;
    t.scoreH = termScoreH(t.plan, n);
    t.propNum = termPropNum(t.plan, n);
    return true;
  }
  if (t.kind !== 'terms') return false;
  const obj = ctx.reader.record(facts[s.fact], s.fact);
  if (obj === undefined || obj === null) return false;
  const values = t.values;
  categoryValues(l, obj, ctx, values);
  let scoreH = 0;
  let propNum = 0;
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i];
    if (term === undefined) continue;
    const n = termN(term, values[i] ?? 0);
    scoreH += termScoreH(term, n);
    propNum += termPropNum(term, n);
  }
  t.scoreH = scoreH;
  t.propNum = propNum;
  return true;
}

function aboveLeaf(l: AboveLeafPlan, t: LeafTrace, facts: FactRecord, ctx: EvalContext): boolean {
  if (t.kind !== 'above') return false;
  const v = readQuantity(ctx, facts, l.source.fact, l.source.quantity, false);
  if (v === undefined) return false;
  const { base, step } = l;
  // v ≥ base ⇔ v_s·base.den ≥ base.num·10^s; then n = floor((v − base) ÷ step).
  const p10 = pow10(l.scale);
  const lhs = v * base.den;
  const rhs = base.num * p10;
  let below: boolean;
  let n: number;
  if (Number.isSafeInteger(lhs) && Number.isSafeInteger(rhs)) {
    below = lhs < rhs;
    n = below ? 0 : mulDivFloor(lhs - rhs, step.den, base.den * step.num * p10);
  } else {
    const bl = BigInt(v) * BigInt(base.den);
    const br = BigInt(base.num) * BigInt(p10);
    below = bl < br;
    n = below ? 0 : Number(((bl - br) * BigInt(step.den)) / (BigInt(base.den) * BigInt(step.num) * BigInt(p10)));
  }
  t.valueS = v;
  t.below = below;
  t.n = n;
  t.scoreH = n * l.pointsH;
  t.propNum = 0;
  return true;
}

const leaf = (l: LeafPlan, t: LeafTrace, facts: FactRecord, ctx: EvalContext): boolean =>
  l.kind === 'terms' ? termsLeaf(l, t, facts, ctx) : aboveLeaf(l, t, facts, ctx);

/** Where a judged score sits in the facts; composed into a path only for an error. */
type JudgedAt = 'proposed' | 'panel' | 'experts';

/** An expert, panel or proposed score in hundredths; null (and an error) when out of range. */
function judgedScore(r: FactReader, x: unknown, rule: Plan<'judged'>['rule'], capH: number, at: JudgedAt, i: number): number | null {
  const v = typeof x === 'number' || typeof x === 'string' ? toScaled(x, 2) : null;
  const stepH = rule.stepH;
  if (v === null || v > capH || (at !== 'proposed' && v % stepH !== 0)) {
    // Kept as it was (reading through FactReader.hundredths, then popping its message): a
    // readable but out-of-range score also takes back the error reported just before it.
    // Output must not change here; the quirk is reported for a fix of its own.
    if (v !== null) r.errors.pop();
    r.invalid(`facts.${rule.fact}.${at}${at === 'experts' ? `[${i}]` : ''}`, `须在 0 至 ${capH / 100} 之间，且为 ${stepH / 100} 的整数倍`);
    return null;
  }
  return v;
}

type JudgedTrace = Extract<RowTrace, { kind: 'judged' }>;

function judged(ev: RowEval, t: JudgedTrace, capH: number, facts: FactRecord, ctx: EvalContext): void {
  const r = ctx.reader;
  const rule = t.plan.rule;
  const obj = r.record(facts[rule.fact], rule.fact);
  const method = ctx.settings.judged;
  t.method = method;
  t.scoreCount = 0;
  t.trimmed = false;
  t.panelH = null;
  t.proposedH = null;
  ev.missing = false;
  if (obj === undefined || obj === null) {
    ev.rawH = 0;
    ev.missing = obj === undefined;
    ev.pending = true;
    return;
  }
  const proposedRaw = obj.proposed;
  t.proposedH = proposedRaw === undefined ? null : judgedScore(r, proposedRaw, rule, capH, 'proposed', 0);
  const panelRaw = obj.panel;
  const panelH = panelRaw === undefined ? null : judgedScore(r, panelRaw, rule, capH, 'panel', 0);
  t.panelH = panelH;
  const experts = obj.experts;
  const list: readonly unknown[] = Array.isArray(experts) ? experts : (r.list(experts, `${rule.fact}.experts`) ?? []);
  const scoresH = t.scoresH;
  let count = 0;
  let sum = 0;
  let hi = -1;
  let lo = Number.POSITIVE_INFINITY;
  for (let i = 0; i < list.length; i++) {
    const v = judgedScore(r, list[i], rule, capH, 'experts', i);
    if (v === null) continue;
    scoresH[count++] = v;
    sum += v;
    if (v > hi) hi = v;
    if (v < lo) lo = v;
  }
  t.scoreCount = count;
  const trim = method === 'trimmed_mean' && count > 0 && count >= ctx.settings.trimFrom;
  t.trimmed = trim;
  t.hi = hi;
  t.lo = lo;
  if (method === 'panel') {
    ev.rawH = panelH ?? 0;
    ev.pending = panelH === null;
  } else if (count === 0) {
    ev.rawH = 0;
    ev.pending = true;
  } else {
    ev.rawH = mulDivRound(trim ? sum - hi - lo : sum, 1, trim ? count - 2 : count);
    ev.pending = false;
  }
}

function tier(ev: RowEval, t: Extract<RowTrace, { kind: 'tier' }>, facts: FactRecord, ctx: EvalContext): void {
  const rule = t.plan.rule;
  const v = facts[rule.fact];
  ev.pending = false;
  ev.rawH = 0;
  t.index = -1;
  if (v === undefined || v === null) {
    ev.missing = true;
    return;
  }
  ev.missing = false;
  const tiers = rule.tiers;
  for (let i = 0; i < tiers.length; i++) {
    const found = tiers[i];
    if (found !== undefined && found.key === v) {
      t.index = i;
      ev.rawH = found.pointsH;
      return;
    }
  }
  ctx.reader.invalid(`facts.${rule.fact}`, `须为以下之一：${tiers.map((x) => `${x.key}（${x.pointsH / 100} 分）`).join('、')}`);
}

function volume(ev: RowEval, t: Extract<RowTrace, { kind: 'volume' }>, facts: FactRecord, ctx: EvalContext): void {
  const leaves = t.plan.leaves;
  const traces = t.leaves;
  let count = 0;
  let rawH = 0;
  let propNum = 0;
  for (let j = 0; j < leaves.length; j++) {
    const l = leaves[j];
    const lt = traces[j];
    if (l === undefined || lt === undefined || !leaf(l.leaf, lt, facts, ctx)) continue;
    t.parts[count++] = lt;
    rawH += lt.scoreH;
    propNum += lt.propNum;
  }
  t.partCount = count;
  t.propNum = propNum;
  // The one rounding of RULES.md §4: round(A + N ÷ d) = A + round(N ÷ d) for whole hundredths A.
  ev.rawH = propNum === 0 ? rawH : rawH + proportionalH(t, propNum);
  ev.missing = count === 0;
  ev.pending = false;
}

/**
 * round-half-up(N ÷ d) of a row's proportional terms. All terms are non-negative, so when
 * 2N + d is a safe integer every product and partial sum was too; otherwise the numerator
 * is added again in BigInt from the counts.
 */
function proportionalH(t: Extract<RowTrace, { kind: 'volume' }>, propNum: number): number {
  const d = t.plan.propDiv;
  if (Number.isSafeInteger(2 * propNum + d)) return floorDiv(2 * propNum + d, 2 * d);
  const n = exactPropNum(t.parts, t.partCount);
  return Number((2n * n + BigInt(d)) / (2n * BigInt(d)));
}

/** The exact numerator of a row's proportional terms, in BigInt (for counts beyond 2^53 ÷ p). */
export function exactPropNum(parts: readonly LeafTrace[], count: number): bigint {
  let sum = 0n;
  for (let j = 0; j < count; j++) {
    const p = parts[j];
    if (p === undefined) continue;
    if (p.kind === 'term' && p.plan.mode === 'proportional') sum += BigInt(p.valueS) * BigInt(p.plan.propMul);
    if (p.kind !== 'terms') continue;
    const terms = p.leaf.terms;
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i];
      if (term !== undefined && term.mode === 'proportional') sum += BigInt(p.values[i] ?? 0) * BigInt(term.propMul);
    }
  }
  return sum;
}

/** Evaluates one row of a sheet into `ev`, the row's own buffer (see RowEval). */
export function evaluateRow(plan: RowPlan, ev: RowEval, facts: FactRecord, ctx: EvalContext): void {
  ctx.reader.context = plan.row.context;
  const t = ev.trace;
  switch (t.kind) {
    case 'volume':
      volume(ev, t, facts, ctx);
      return;
    case 'events_attendance':
    case 'events_leader':
      evaluateEvents(ev, t, facts, ctx);
      return;
    case 'judged':
      judged(ev, t, plan.row.capH ?? 0, facts, ctx);
      return;
    case 'tier':
      tier(ev, t, facts, ctx);
      return;
    case 'deduction': {
      const rule = t.plan.rule;
      const n = ctx.reader.quantity(facts[rule.fact], 'count', rule.fact);
      const count = n ?? 0;
      t.count = count;
      // 0 rather than -0 when nothing happened: same texts, and the field stays a small integer.
      ev.rawH = count === 0 ? 0 : -count * rule.pointsH;
      ev.missing = n === undefined;
      ev.pending = false;
      return;
    }
  }
}
