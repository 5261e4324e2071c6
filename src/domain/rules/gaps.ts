/**
 * Gap analysis for the operator: what more of which row would raise the total, and how far
 * the total is from the grade cut-offs. Read off the evaluation trace, no re-scoring.
 */
import { mulDivCeil, mulDivRound, pow10 } from '../shared/decimal.js';
import type { CRow } from './compile.js';
import type { LeafTrace, RowEval, TermTrace } from './evaluate.js';
import { pts, qty, score } from './format.js';

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

/** Smallest scaled amount to add so that floor(v ÷ eff) grows by `steps`. */
function addForSteps(t: TermTrace, steps: number): number {
  const target = t.n + steps;
  // smallest v' with v'·den ≥ target·num·10^s
  const need = mulDivCeil(target, t.eff.num * pow10(t.scale), t.eff.den);
  return Math.max(need - t.valueS, 1);
}

function termHints(t: TermTrace, unitLabel: string, verb: string, label: string, headroomH: number, factorNum: number, factorDen: number, withToCap: boolean): GapHint[] {
  if (t.pointsH <= 0) return [];
  const what = label === '' ? '' : `（${label}）`;
  if (t.mode === 'proportional') {
    // round((v + a)·p·den ÷ num) > current ⇔ 2(v + a)·p·den + num ≥ 2(current + 1)·num
    const a = Math.max(1, mulDivCeil(2 * (t.scoreH + 1) - 1, factorNum, 2 * t.pointsH * factorDen) - t.valueS);
    const gain = Math.min(headroomH, mulDivRound(t.valueS + a, t.pointsH * factorDen, factorNum) - t.scoreH);
    return [{ text: `再${verb} ${qty(a, 0, unitLabel)}${what} → +${score(gain)}`, gain: score(gain) }];
  }
  const add = addForSteps(t, 1);
  const gain = Math.min(headroomH, t.pointsH);
  const hints: GapHint[] = [{ text: `再${verb} ${qty(add, t.scale, unitLabel)}${what} → +${score(gain)}`, gain: score(gain) }];
  const steps = Math.ceil(headroomH / t.pointsH);
  if (withToCap && steps > 1) {
    const toCap = addForSteps(t, steps);
    hints.push({ text: `再${verb} ${qty(toCap, t.scale, unitLabel)}${what}可达本项上限 → +${score(headroomH)}`, gain: score(headroomH) });
  }
  return hints;
}

function leafHints(p: LeafTrace, headroomH: number, factorNum: number, factorDen: number): GapHint[] {
  const l = p.leaf;
  if (p.kind === 'above') {
    if (l.kind !== 'above_base') return [];
    // target = base + (n + 1)·step, in scaled units, rounded up
    const s = pow10(p.scale);
    const targetNum = p.base.num * p.step.den + (p.n + 1) * p.step.num * p.base.den;
    const need = mulDivCeil(targetNum, s, p.base.den * p.step.den);
    const add = Math.max(need - p.valueS, 1);
    const gain = Math.min(headroomH, p.pointsH);
    return [{ text: `再${l.verb} ${qty(add, p.scale, l.unitLabel)} → +${score(gain)}`, gain: score(gain) }];
  }
  if (l.kind === 'above_base') return [];
  const multi = l.kind === 'categories';
  // One "to the cap" hint per row, through its richest category, keeps the list short.
  let best = 0;
  for (let i = 1; i < p.terms.length; i++) if ((p.terms[i]?.pointsH ?? 0) > (p.terms[best]?.pointsH ?? 0)) best = i;
  return p.terms.flatMap((t, i) => termHints(t, l.unitLabel, l.verb, multi ? t.label : '', headroomH, factorNum, factorDen, i === best));
}

function hint(text: string, gainH: number, headroomH: number): GapHint {
  const g = score(Math.min(gainH, headroomH));
  return { text: `${text} → +${g}`, gain: g };
}

/** Hints for one counted row below its cap. `ev` is its evaluation. */
export function rowHints(row: CRow, ev: RowEval, scoreH: number, factorNum: number, factorDen: number): GapHint[] {
  const capH = row.capH;
  if (capH === null) return [];
  const headroomH = capH - scoreH;
  if (headroomH <= 0) return [];
  const rule = row.rule;
  const t = ev.trace;
  switch (t.kind) {
    case 'volume': {
      if (t.parts.length > 0) return t.parts.flatMap((p) => leafHints(p, headroomH, factorNum, factorDen));
      // Nothing reported yet: the first unit of each part is the hint.
      const leaves = rule.kind === 'sum' ? rule.parts.map((p) => p.leaf) : rule.kind === 'per_unit' || rule.kind === 'categories' || rule.kind === 'above_base' ? [rule] : [];
      return leaves.map((l) => hint(`填报${l.kind === 'above_base' ? '面积' : '数据'}（${row.source.name}）`, l.kind === 'categories' ? (l.terms[0]?.pointsH ?? 0) : l.kind === 'per_unit' ? l.term.pointsH : l.pointsH, headroomH));
    }
    case 'events_attendance': {
      if (rule.kind !== 'events_attendance') return [];
      const top = rule.tiers[0];
      const low = rule.tiers[rule.tiers.length - 1];
      const out: GapHint[] = [];
      if (top !== undefined) out.push(hint(`再组织 1 场参会超过 ${top.over} 人的活动`, top.pointsH, headroomH));
      if (low !== undefined && low !== top) out.push(hint(`再组织 1 场参会超过 ${low.over} 人的活动`, low.pointsH, headroomH));
      return out;
    }
    case 'events_leader': {
      if (rule.kind !== 'events_leader') return [];
      const out = [hint(`再组织 1 场参会 ${rule.minAttendance} 人及以上的活动`, rule.baseH, headroomH)];
      const top = rule.tiers[0];
      if (top !== undefined) out.push(hint(`再组织 1 场${top.label}的活动（参会 ${rule.minAttendance} 人及以上）`, top.pointsH, headroomH));
      return out;
    }
    case 'judged':
      return [{ text: `综合评定，距本项上限 ${pts(capH)} 还差 ${score(headroomH)}`, gain: score(headroomH) }];
    case 'tier': {
      if (rule.kind !== 'tier') return [];
      const best = rule.tiers[0];
      if (best === undefined) return [];
      return [hint(`达到“${best.label}”`, best.pointsH - scoreH, headroomH)];
    }
    case 'deduction':
      return [];
  }
}

function gradeGap(grade: 'excellent' | 'pass', label: string, cutH: number, totalH: number, headroomH: number): GradeGap {
  const shortH = Math.max(0, cutH - totalH);
  const met = shortH === 0;
  const reachable = headroomH >= shortH;
  const text = met
    ? `已达到${label}分数线 ${pts(cutH)} 分${grade === 'excellent' ? '（优秀还须排在参评总数 30% 以内）' : ''}`
    : `距${label}分数线 ${pts(cutH)} 分还差 ${score(shortH)} 分；各项尚余可提升空间 ${score(headroomH)} 分${reachable ? '' : '，不足以达到'}`;
  return { grade, label, cutoff: score(cutH), met, shortfall: score(shortH), reachable, text };
}

export function gradeGaps(totalH: number, headroomH: number, excellentMinH: number, passMinH: number): GradeGap[] {
  return [gradeGap('excellent', '优秀', excellentMinH, totalH, headroomH), gradeGap('pass', '合格', passMinH, totalH, headroomH)];
}
