/**
 * Gap analysis for the operator: what more of which row would raise the total, and how far
 * the total is from the grade cut-offs. Read off the evaluation trace and the plan's
 * texts, no re-scoring; each row's hints go into one array of their exact size.
 */
import { formatGrouped, formatHundredths as score, mulDivCeil, pow10 } from '../shared/decimal.js';
import { exactPropNum, termN, type LeafTrace, type RowEval } from './evaluate.js';
import type { FixedHint, GradePlan, TermPlan } from './plan.js';

export interface GapHint {
  readonly text: string;
  /** Points gained, already limited by the row's cap. */
  readonly gain: string;
}

export interface RowGap {
  readonly code: string;
  readonly name: string;
  readonly score: string;
  readonly cap: string;
  readonly headroom: string;
  readonly hints: GapHint[];
}

export interface GradeGap {
  readonly grade: 'excellent' | 'pass';
  readonly label: string;
  readonly cutoff: string;
  readonly met: boolean;
  readonly shortfall: string;
  /** The counted rows' remaining headroom covers the shortfall. */
  readonly reachable: boolean;
  readonly text: string;
}

export interface GapAnalysis {
  readonly rows: RowGap[];
  readonly headroom: string;
  readonly grades: GradeGap[];
}

/** Smallest scaled amount to add to `valueS` so that floor(v ÷ eff) grows from `n` by `steps`. */
function addForSteps(p: TermPlan, valueS: number, n: number, steps: number): number {
  // smallest v' with v'·den ≥ target·num·10^s
  const need = mulDivCeil(n + steps, p.eff.num * pow10(p.scale), p.eff.den);
  return Math.max(need - valueS, 1);
}

const gapHint = (text: string, gain: string): GapHint => ({ text, gain });

// Hint lists are allocated at their exact size, counted first (termHintCount): an array
// grown by push reserves 16 slots, and a sheet has a hint list per row below its cap.

/** How many hints a term gives: its next unit, and for its leaf's richest term the way to the cap. */
function termHintCount(p: TermPlan, headroomH: number): number {
  if (p.pointsH <= 0) return 0;
  if (p.mode === 'proportional') return 1;
  return p.toCap && Math.ceil(headroomH / p.pointsH) > 1 ? 2 : 1;
}

/**
 * Writes a term's hints (termHintCount of them) into `out` from index `at`; returns the next
 * index. `n` and `scoreH` are the term's units and score at `valueS`.
 */
function termHints(out: GapHint[], at: number, p: TermPlan, valueS: number, n: number, propNum: bigint, headroomH: number): number {
  if (p.pointsH <= 0) return at;
  if (p.mode === 'proportional') {
    // The row's proportional part is round(N ÷ d) for its exact numerator N (RULES.md §4).
    // round((N + a·m) ÷ d) > R ⇔ 2(N + a·m) + d ≥ 2(R + 1)·d ⇔ a ≥ ((2R + 1)·d − 2N) ÷ 2m.
    const d = BigInt(p.propDiv);
    const m = BigInt(p.propMul);
    const r = (2n * propNum + d) / (2n * d);
    const need = (2n * r + 1n) * d - 2n * propNum;
    const a = need <= 0n ? 1n : (need + 2n * m - 1n) / (2n * m);
    const gainH = Number((2n * (propNum + a * m) + d) / (2n * d) - r);
    const gain = score(Math.min(headroomH, gainH));
    out[at] = gapHint(p.hint + formatGrouped(Math.max(1, Number(a)), 0) + p.hintTail + gain, gain);
    return at + 1;
  }
  const full = headroomH >= p.pointsH;
  const gain = score(full ? p.pointsH : headroomH);
  const head = p.hint + formatGrouped(addForSteps(p, valueS, n, 1), p.scale);
  out[at] = gapHint(full ? head + p.hintTailFull : head + p.hintTail + gain, gain);
  const steps = Math.ceil(headroomH / p.pointsH);
  if (!p.toCap || steps <= 1) return at + 1;
  const all = score(headroomH);
  out[at + 1] = gapHint(p.hint + formatGrouped(addForSteps(p, valueS, n, steps), p.scale) + p.hintCapTail + all, all);
  return at + 2;
}

function aboveHint(p: Extract<LeafTrace, { kind: 'above' }>, headroomH: number): GapHint {
  const l = p.leaf;
  // target = base + (n + 1)·step, in scaled units, rounded up
  const s = pow10(l.scale);
  const targetNum = l.base.num * l.step.den + (p.n + 1) * l.step.num * l.base.den;
  const need = mulDivCeil(targetNum, s, l.base.den * l.step.den);
  const gain = score(Math.min(headroomH, l.pointsH));
  return gapHint(l.hint + formatGrouped(Math.max(need - p.valueS, 1), l.scale) + l.hintTail + gain, gain);
}

function leafHintCount(p: LeafTrace, headroomH: number): number {
  if (p.kind === 'above') return 1;
  if (p.kind === 'term') return termHintCount(p.plan, headroomH);
  let count = 0;
  for (const t of p.leaf.terms) count += termHintCount(t, headroomH);
  return count;
}

function volumeHints(parts: readonly LeafTrace[], partCount: number, propNum: number, headroomH: number): GapHint[] {
  // Exact in BigInt: hints are read only for rows below their cap, and only proportional terms use it.
  const propExact = propNum === 0 ? 0n : Number.isSafeInteger(propNum) ? BigInt(propNum) : exactPropNum(parts, partCount);
  let count = 0;
  for (let j = 0; j < partCount; j++) {
    const p = parts[j];
    if (p !== undefined) count += leafHintCount(p, headroomH);
  }
  const out = new Array<GapHint>(count);
  let at = 0;
  for (let j = 0; j < partCount; j++) {
    const p = parts[j];
    if (p === undefined) continue;
    if (p.kind === 'above') out[at++] = aboveHint(p, headroomH);
    else if (p.kind === 'term') at = termHints(out, at, p.plan, p.valueS, p.n, propExact, headroomH);
    else {
      const terms = p.leaf.terms;
      for (let i = 0; i < terms.length; i++) {
        const t = terms[i];
        if (t === undefined) continue;
        const v = p.values[i] ?? 0;
        const n = termN(t, v);
        at = termHints(out, at, t, v, n, propExact, headroomH);
      }
    }
  }
  return out;
}

function fixedHints(list: readonly FixedHint[], headroomH: number): GapHint[] {
  const out = new Array<GapHint>(list.length);
  for (let i = 0; i < list.length; i++) {
    const h = list[i];
    if (h !== undefined) out[i] = fixedHint(h, h.gainH, headroomH);
  }
  return out;
}

function fixedHint(h: FixedHint, gainH: number, headroomH: number): GapHint {
  const g = score(Math.min(gainH, headroomH));
  return gapHint(h.text + g, g);
}

/** Hints for one counted row below its cap `capH` (passed in: read from the table's rows). */
export function rowHints(ev: RowEval, scoreH: number, capH: number): GapHint[] {
  const headroomH = capH - scoreH;
  if (headroomH <= 0) return [];
  const t = ev.trace;
  switch (t.kind) {
    case 'volume':
      // Nothing reported yet: the first unit of each part is the hint.
      return t.partCount > 0 ? volumeHints(t.parts, t.partCount, t.propNum, headroomH) : fixedHints(t.plan.emptyHints, headroomH);
    case 'events_attendance':
    case 'events_leader':
      return fixedHints(t.plan.hints, headroomH);
    case 'judged': {
      const gain = score(headroomH);
      return [gapHint(t.plan.hint + gain, gain)];
    }
    case 'tier': {
      const best = t.plan.hint;
      return best === null ? [] : [fixedHint(best, best.gainH - scoreH, headroomH)];
    }
    case 'deduction':
      return [];
  }
}

function gradeGap(g: GradePlan, totalH: number, headroomH: number): GradeGap {
  const shortH = Math.max(0, g.cutH - totalH);
  const met = shortH === 0;
  const reachable = headroomH >= shortH;
  const shortfall = score(shortH);
  const text = met ? g.metText : g.shortHead + shortfall + ' 分；各项尚余可提升空间 ' + score(headroomH) + (reachable ? ' 分' : ' 分，不足以达到');
  return { grade: g.grade, label: g.label, cutoff: score(g.cutH), met, shortfall, reachable, text };
}

export function gradeGaps(totalH: number, headroomH: number, grades: readonly GradePlan[]): GradeGap[] {
  const out = new Array<GradeGap>(grades.length);
  for (let i = 0; i < grades.length; i++) {
    const g = grades[i];
    if (g !== undefined) out[i] = gradeGap(g, totalH, headroomH);
  }
  return out;
}
