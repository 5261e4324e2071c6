/** One term of a volume row: floor(v ÷ (X·factor)) × p, or v × p ÷ factor for proportional rows. */
import { floorDiv, mulDivFloor, mulDivRound, pow10, type Ratio } from '../shared/decimal.js';
import type { CUnitTerm } from './compile.js';
import type { FactReader } from './read-facts.js';
import type { SchemeSettings } from './scheme-types.js';

/** An effective unit num/den in the quantity's own units (the scheme's X times the factor). */
export interface Eff { readonly num: number; readonly den: number }

export interface TermTrace {
  readonly key: string;
  readonly label: string;
  readonly valueS: number;
  readonly scale: number;
  readonly eff: Eff;
  readonly mode: 'plain' | 'floor' | 'proportional';
  readonly n: number;
  readonly pointsH: number;
  readonly scoreH: number;
  /** The leaf scales with the factor (gaps and texts then show the scaled unit). */
  readonly scaled: boolean;
}

export interface EvalContext {
  /** Keep the per-term trace that explanations and gap hints are read from. */
  readonly trace: boolean;
  readonly factor: Ratio;
  readonly factorIsOne: boolean;
  readonly settings: SchemeSettings;
  readonly reader: FactReader;
}

export const ONE: Ratio = { num: 1, den: 1, text: '1' };

type TermMode = TermTrace['mode'];

function termMode(t: CUnitTerm, scale: number, scales: boolean, ctx: EvalContext): TermMode {
  const f = scales ? ctx.factor : ONE;
  if (scales && !ctx.factorIsOne && t.unit.num === t.unit.den && scale === 0 && ctx.settings.scaling === 'proportional') return 'proportional';
  return t.unit.num * f.num === t.unit.den * f.den ? 'plain' : 'floor';
}

/** Units counted: floor(v ÷ (X·factor)); for proportional rows the count itself. */
function termN(t: CUnitTerm, valueS: number, scale: number, scales: boolean, ctx: EvalContext, mode: TermMode): number {
  if (mode === 'proportional') return valueS;
  if (mode === 'plain') return scale === 0 ? valueS : floorDiv(valueS, pow10(scale));
  const f = scales ? ctx.factor : ONE;
  return mulDivFloor(valueS, t.unit.den * f.den, t.unit.num * f.num * pow10(scale));
}

function termScoreH(t: CUnitTerm, n: number, scales: boolean, ctx: EvalContext, mode: TermMode): number {
  if (mode !== 'proportional') return n * t.pointsH;
  const f = scales ? ctx.factor : ONE;
  return mulDivRound(n, t.pointsH * f.den, f.num);
}

/** Score of one term without a trace (scoreTotals' path). */
export function termOnly(t: CUnitTerm, valueS: number, scale: number, scales: boolean, ctx: EvalContext): number {
  const mode = termMode(t, scale, scales, ctx);
  return termScoreH(t, termN(t, valueS, scale, scales, ctx, mode), scales, ctx, mode);
}

export function term(t: CUnitTerm, valueS: number, scale: number, scales: boolean, ctx: EvalContext): TermTrace {
  const f = scales ? ctx.factor : ONE;
  const mode = termMode(t, scale, scales, ctx);
  const n = termN(t, valueS, scale, scales, ctx, mode);
  return {
    key: t.key, label: t.label, valueS, scale, eff: { num: t.unit.num * f.num, den: t.unit.den * f.den }, mode, n,
    pointsH: t.pointsH, scoreH: termScoreH(t, n, scales, ctx, mode), scaled: scales && !ctx.factorIsOne,
  };
}

