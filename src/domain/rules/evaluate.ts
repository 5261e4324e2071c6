/**
 * Scores one row from its compiled rule and the facts. Produces numbers (integer
 * hundredths) and a trace; the explanation and the gap analysis are read off the trace.
 */
import { mulDivFloor, mulDivRound, pow10 } from '../shared/decimal.js';
import type { CLeaf, CRow, CRule } from './compile.js';
import { ONE, term, termOnly, type EvalContext, type Eff, type TermTrace } from './terms.js';
import { QUANTITY_SCALE, type FactReader, type FactRecord } from './read-facts.js';
import type { QuantityKind, SchemeSettings } from './scheme-types.js';

export type { EvalContext, Eff, TermTrace } from './terms.js';

export type LeafTrace =
  | { readonly kind: 'terms'; readonly leaf: CLeaf; readonly label: string; readonly terms: readonly TermTrace[]; readonly scoreH: number }
  | { readonly kind: 'above'; readonly leaf: CLeaf; readonly label: string; readonly valueS: number; readonly scale: number; readonly base: Eff; readonly step: Eff; readonly below: boolean; readonly n: number; readonly pointsH: number; readonly scoreH: number };

export type RowTrace =
  | { readonly kind: 'volume'; readonly parts: readonly LeafTrace[] }
  | { readonly kind: 'events_attendance'; readonly counts: readonly number[]; readonly rest: number; readonly total: number }
  | { readonly kind: 'events_leader'; readonly counts: readonly number[]; readonly base: number; readonly below: number; readonly assumed: number; readonly total: number }
  | { readonly kind: 'judged'; readonly method: SchemeSettings['judged']; readonly scoresH: readonly number[]; readonly dropped: readonly [number, number] | null; readonly panelH: number | null; readonly proposedH: number | null }
  | { readonly kind: 'tier'; readonly index: number }
  | { readonly kind: 'deduction'; readonly count: number; readonly pointsH: number };

export interface RowEval {
  readonly rawH: number;
  readonly missing: boolean;
  readonly pending: boolean;
  readonly trace: RowTrace;
}



const NO_TERMS: readonly TermTrace[] = [];

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

/** Evaluates a volume leaf; returns null when its fact is absent. */
function leaf(l: CLeaf, label: string, facts: FactRecord, ctx: EvalContext): LeafTrace | null {
  switch (l.kind) {
    case 'per_unit': {
      const v = readQuantity(ctx, facts, l.fact, l.quantity, l.acceptsList);
      if (v === undefined) return null;
      if (!ctx.trace) return { kind: 'terms', leaf: l, label, terms: NO_TERMS, scoreH: termOnly(l.term, v, QUANTITY_SCALE[l.quantity], l.scales, ctx) };
      const t = term(l.term, v, QUANTITY_SCALE[l.quantity], l.scales, ctx);
      return { kind: 'terms', leaf: l, label, terms: [t], scoreH: t.scoreH };
    }
    case 'categories': {
      const obj = ctx.reader.record(facts[l.fact], l.fact);
      if (obj === undefined || obj === null) return null;
      const k = l.terms.length;
      const values: number[] = new Array<number>(k);
      for (let i = 0; i < k; i++) {
        const t = l.terms[i];
        const raw = t === undefined ? undefined : obj[t.key];
        values[i] = raw === undefined ? 0 : (ctx.reader.quantity(raw, 'count', l.fact, t?.key) ?? 0);
      }
      const p = l.premium;
      if (p !== null && p.additional) values[p.base] = (values[p.base] ?? 0) + (values[p.premium] ?? 0);
      let scoreH = 0;
      if (!ctx.trace) {
        for (let i = 0; i < k; i++) {
          const t = l.terms[i];
          if (t !== undefined) scoreH += termOnly(t, values[i] ?? 0, 0, l.scales, ctx);
        }
        return { kind: 'terms', leaf: l, label, terms: NO_TERMS, scoreH };
      }
      const terms: TermTrace[] = new Array<TermTrace>(k);
      for (let i = 0; i < k; i++) {
        const t = l.terms[i];
        if (t === undefined) continue;
        const tt = term(t, values[i] ?? 0, 0, l.scales, ctx);
        terms[i] = tt;
        scoreH += tt.scoreH;
      }
      return { kind: 'terms', leaf: l, label, terms, scoreH };
    }
    case 'above_base': {
      const v = readQuantity(ctx, facts, l.fact, l.quantity, false);
      if (v === undefined) return null;
      const f = l.scales ? ctx.factor : ONE;
      const scale = QUANTITY_SCALE[l.quantity];
      const base = { num: l.base.num * f.num, den: l.base.den * f.den };
      const step = { num: l.step.num * f.num, den: l.step.den * f.den };
      // v ≥ base ⇔ v_s·base.den ≥ base.num·10^s; then n = floor((v − base) ÷ step).
      const p10 = pow10(scale);
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
      return { kind: 'above', leaf: l, label, valueS: v, scale, base, step, below, n, pointsH: l.pointsH, scoreH: n * l.pointsH };
    }
  }
}

function judgedScore(r: FactReader, x: unknown, p: string, capH: number, stepH: number, stepped: boolean): number | null {
  const v = r.hundredths(x, p, '');
  if (v === null || v > capH || (stepped && v % stepH !== 0)) {
    r.errors.pop();
    r.invalid(p, `须在 0 至 ${capH / 100} 之间，且为 ${stepH / 100} 的整数倍`);
    return null;
  }
  return v;
}

function judged(rule: Extract<CRule, { kind: 'judged' }>, capH: number, facts: FactRecord, ctx: EvalContext): RowEval {
  const r = ctx.reader;
  const obj = r.record(facts[rule.fact], rule.fact);
  const path = `facts.${rule.fact}`;
  const method = ctx.settings.judged;
  if (obj === undefined || obj === null) {
    return { rawH: 0, missing: obj === undefined, pending: true, trace: { kind: 'judged', method, scoresH: [], dropped: null, panelH: null, proposedH: null } };
  }
  const proposedRaw = obj.proposed;
  const proposedH = proposedRaw === undefined ? null : judgedScore(r, proposedRaw, `${path}.proposed`, capH, rule.stepH, false);
  const panelRaw = obj.panel;
  const panelH = panelRaw === undefined ? null : judgedScore(r, panelRaw, `${path}.panel`, capH, rule.stepH, true);
  const list = r.list(obj.experts, `${rule.fact}.experts`) ?? [];
  const scoresH: number[] = [];
  let sum = 0;
  let hi = -1;
  let lo = Number.POSITIVE_INFINITY;
  for (let i = 0; i < list.length; i++) {
    const v = judgedScore(r, list[i], `${path}.experts[${i}]`, capH, rule.stepH, true);
    if (v === null) continue;
    scoresH.push(v);
    sum += v;
    if (v > hi) hi = v;
    if (v < lo) lo = v;
  }
  if (method === 'panel') {
    return { rawH: panelH ?? 0, missing: false, pending: panelH === null, trace: { kind: 'judged', method, scoresH, dropped: null, panelH, proposedH } };
  }
  if (scoresH.length === 0) return { rawH: 0, missing: false, pending: true, trace: { kind: 'judged', method, scoresH, dropped: null, panelH, proposedH } };
  const trim = method === 'trimmed_mean' && scoresH.length >= ctx.settings.trimFrom;
  const count = trim ? scoresH.length - 2 : scoresH.length;
  const meanH = mulDivRound(trim ? sum - hi - lo : sum, 1, count);
  return { rawH: meanH, missing: false, pending: false, trace: { kind: 'judged', method, scoresH, dropped: trim ? [hi, lo] : null, panelH, proposedH } };
}

function eventsList(fact: string, facts: FactRecord, ctx: EvalContext): readonly unknown[] | undefined {
  return ctx.reader.list(facts[fact], fact) ?? undefined;
}

function attendanceTier(tiers: readonly { readonly over: number }[], a: number): number {
  for (let k = 0; k < tiers.length; k++) if (a > (tiers[k]?.over ?? 0)) return k;
  return -1;
}

export function evaluateRow(row: CRow, facts: FactRecord, ctx: EvalContext): RowEval {
  const rule = row.rule;
  ctx.reader.context = `${row.code} ${row.source.name}`;
  switch (rule.kind) {
    case 'per_unit':
    case 'categories':
    case 'above_base':
    case 'sum': {
      const parts: LeafTrace[] = [];
      const leaves = rule.kind === 'sum' ? rule.parts : [{ label: '', leaf: rule }];
      let rawH = 0;
      for (const p of leaves) {
        const t = leaf(p.leaf, p.label, facts, ctx);
        if (t === null) continue;
        parts.push(t);
        rawH += t.scoreH;
      }
      return { rawH, missing: parts.length === 0, pending: false, trace: { kind: 'volume', parts } };
    }
    case 'events_attendance': {
      const list = eventsList(rule.fact, facts, ctx);
      const counts = rule.tiers.map(() => 0);
      let rest = 0;
      let rawH = 0;
      (list ?? []).forEach((e, i) => {
        const at = `${rule.fact}[${i}]`;
        const obj = ctx.reader.record(e, at);
        if (obj === undefined || obj === null) return;
        const a = ctx.reader.quantity(obj.attendance, 'count', at, 'attendance');
        if (a === undefined) ctx.reader.invalid(`facts.${at}.attendance`, '须填写参会人数');
        if (a === undefined || a === null) return;
        const k = attendanceTier(rule.tiers, a);
        const tier = rule.tiers[k];
        if (tier === undefined) rest += 1;
        else {
          counts[k] = (counts[k] ?? 0) + 1;
          rawH += tier.pointsH;
        }
      });
      return { rawH, missing: list === undefined, pending: false, trace: { kind: 'events_attendance', counts, rest, total: list?.length ?? 0 } };
    }
    case 'events_leader': {
      const list = eventsList(rule.fact, facts, ctx);
      const counts = rule.tiers.map(() => 0);
      let base = 0;
      let below = 0;
      let assumed = 0;
      let rawH = 0;
      (list ?? []).forEach((e, i) => {
        const at = `${rule.fact}[${i}]`;
        const obj = ctx.reader.record(e, at);
        if (obj === undefined || obj === null) return;
        const a = ctx.reader.quantity(obj.attendance, 'count', at, 'attendance');
        const level = obj.leaderLevel ?? 'none';
        const known = level === 'ministerial' || level === 'bureau' || level === 'none' ? level : undefined;
        if (known === undefined) ctx.reader.invalid(`facts.${at}.leaderLevel`, '须为 ministerial（省部级及以上）、bureau（厅级）或 none（无）');
        if (a === null || known === undefined) return;
        if (a === undefined) assumed += 1;
        else if (a < rule.minAttendance) {
          below += 1;
          return;
        }
        const k = rule.tiers.findIndex((t) => t.level === known);
        const tier = rule.tiers[k];
        if (tier === undefined) {
          base += 1;
          rawH += rule.baseH;
        } else {
          counts[k] = (counts[k] ?? 0) + 1;
          rawH += tier.pointsH;
        }
      });
      return { rawH, missing: list === undefined, pending: false, trace: { kind: 'events_leader', counts, base, below, assumed, total: list?.length ?? 0 } };
    }
    case 'judged':
      return judged(rule, row.capH ?? 0, facts, ctx);
    case 'tier': {
      const v = facts[rule.fact];
      if (v === undefined || v === null) return { rawH: 0, missing: true, pending: false, trace: { kind: 'tier', index: -1 } };
      const index = rule.tiers.findIndex((t) => t.key === v);
      const tier = rule.tiers[index];
      if (tier === undefined) {
        ctx.reader.invalid(`facts.${rule.fact}`, `须为以下之一：${rule.tiers.map((t) => `${t.key}（${t.pointsH / 100} 分）`).join('、')}`);
        return { rawH: 0, missing: false, pending: false, trace: { kind: 'tier', index: -1 } };
      }
      return { rawH: tier.pointsH, missing: false, pending: false, trace: { kind: 'tier', index } };
    }
    case 'deduction': {
      const n = ctx.reader.quantity(facts[rule.fact], 'count', rule.fact);
      const count = n ?? 0;
      return { rawH: -count * rule.pointsH, missing: n === undefined, pending: false, trace: { kind: 'deduction', count, pointsH: rule.pointsH } };
    }
  }
}
