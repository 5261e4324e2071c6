/** The arithmetic of a sheet, shared by scoreSheet (full output) and scoreTotals (numbers only). */
import { formatHundredths, parseRatio, type DecimalInput, type Ratio } from '../shared/decimal.js';
import type { DomainError, Result } from '../shared/result.js';
import { err, fail, ok } from '../shared/result.js';
import { compileScheme, type CompiledScheme, type CTable } from './compile.js';
import { createRowEval, evaluateRow, type EvalContext, type RowEval } from './evaluate.js';
import type { SheetFacts } from './facts.js';
import { planFor, type SheetPlan } from './plan.js';
import { FactReader, isRecord, type FactRecord } from './read-facts.js';
import type { Orientation, PlatformType, ScoreScheme } from './scheme-types.js';

export interface PairSelection {
  readonly pair: string;
  readonly selected: boolean;
  /** orientation: by the park's recorded orientation; declared: the platform's choice; proposed: the higher score, to be confirmed. */
  readonly by: 'orientation' | 'declared' | 'proposed';
}

const ORIENTATION_LABEL: Readonly<Record<Orientation, string>> = { industry: '特定行业', service_line: '特定业态' };

function selectPairs(table: CTable, evals: readonly RowEval[], facts: FactRecord, free: boolean, errors: DomainError[], notes: string[]): (PairSelection | undefined)[] {
  const out: (PairSelection | undefined)[] = new Array<PairSelection | undefined>(table.rows.length);
  const orientationRaw = facts.orientation;
  const orientation = orientationRaw === 'industry' || orientationRaw === 'service_line' ? orientationRaw : undefined;
  if (orientationRaw !== undefined && orientation === undefined) {
    errors.push(err('FACT_INVALID', 'facts.orientation 须为 industry（特定行业）或 service_line（特定业态）', 'facts.orientation'));
  }
  const choicesRaw = facts.choices;
  const choices: FactRecord = isRecord(choicesRaw) ? choicesRaw : {};
  for (const pair of table.pairs) {
    const [a, b] = pair.rows;
    const declared = choices[pair.id];
    const valid = declared === a || declared === b;
    if (declared !== undefined && !valid) {
      errors.push(err('FACT_INVALID', `facts.choices.${pair.id} 须为 ${pair.rows.join(' 或 ')}`, `facts.choices.${pair.id}`));
    }
    let chosen: string;
    let by: PairSelection['by'];
    if (free && valid) {
      chosen = declared;
      by = 'declared';
    } else if (!free && orientation !== undefined) {
      chosen = pair.byOrientation[orientation];
      by = 'orientation';
      if (declared !== undefined && declared !== chosen) notes.push(`选其一 ${pair.id} 按定位（${ORIENTATION_LABEL[orientation]}）计 ${chosen}，声明的 ${JSON.stringify(declared)} 不适用`);
    } else {
      chosen = cappedOf(table, evals, b) > cappedOf(table, evals, a) ? b : a;
      by = 'proposed';
      notes.push(free
        ? `选其一 ${pair.id} 未声明，建议按得分较高的 ${chosen} 计分，须由平台申报时确认`
        : `未填写平台定位（orientation），选其一 ${pair.id} 暂按得分较高的 ${chosen} 计分，须按认定时登记的定位核对`);
    }
    for (let i = 0; i < table.rows.length; i++) {
      const code = table.rows[i]?.code;
      if (code === a || code === b) out[i] = { pair: pair.id, selected: code === chosen, by };
    }
  }
  return out;
}

function cappedOf(table: CTable, evals: readonly RowEval[], code: string): number {
  const i = table.rows.findIndex((r) => r.code === code);
  const row = table.rows[i];
  const ev = evals[i];
  if (row === undefined || ev === undefined) return 0;
  return row.capH === null ? ev.rawH : Math.min(ev.rawH, row.capH);
}

// parseRatio reads the factor's text with a regex; a sheet's factor is one of a few values.
const MAX_RATIOS = 256;
const ratios = new Map<DecimalInput, Ratio | null>();

function ratioOf(factor: DecimalInput): Ratio | null {
  const hit = ratios.get(factor);
  if (hit !== undefined) return hit;
  const r = parseRatio(factor);
  if (ratios.size >= MAX_RATIOS) ratios.clear();
  ratios.set(factor, r);
  return r;
}

/**
 * The buffers a plan's sheets are evaluated into: one RowEval per row and the row scores.
 * They are overwritten by the next sheet on the same plan, so an EvaluatedSheet is read at
 * once (scoreSheet, scoreTotals) and never kept or returned.
 */
interface SheetBuffers {
  readonly evals: readonly RowEval[];
  readonly scoresH: number[];
}

const buffers = new WeakMap<SheetPlan, SheetBuffers>();

function buffersOf(plan: SheetPlan): SheetBuffers {
  let b = buffers.get(plan);
  if (b === undefined) {
    b = { evals: plan.rows.map(createRowEval), scoresH: new Array<number>(plan.rows.length).fill(0) };
    buffers.set(plan, b);
  }
  return b;
}

export interface EvaluatedSheet {
  readonly compiled: CompiledScheme;
  readonly plan: SheetPlan;
  readonly evals: readonly RowEval[];
  readonly scoresH: readonly number[];
  readonly selections: readonly (PairSelection | undefined)[] | null;
  readonly subtotalH: number;
  readonly deductionsH: number;
  readonly headroomH: number;
  readonly notes: string[];
}

export function evaluateSheet(scheme: ScoreScheme, type: PlatformType, factor: DecimalInput, facts: SheetFacts): Result<EvaluatedSheet> {
  const compiled = compileScheme(scheme);
  if (!compiled.ok) return compiled;
  const c = compiled.value;
  const ratio = ratioOf(factor);
  if (ratio === null) return fail([err('FACTOR_INVALID', `系数“${String(factor)}”须为正数，最多六位小数`, 'factor')]);
  const plan = planFor(c, type, ratio);
  const reader = new FactReader();
  const ctx: EvalContext = { settings: c.settings, reader };
  const n = plan.rows.length;
  const { evals, scoresH } = buffersOf(plan);
  for (let i = 0; i < n; i++) {
    const row = plan.rows[i];
    const ev = evals[i];
    if (row !== undefined && ev !== undefined) evaluateRow(row, ev, facts, ctx);
  }
  const errors: DomainError[] = reader.errors;
  const notes: string[] = [];
  const table = plan.table;
  const selections = table.pairs.length === 0 ? null : selectPairs(table, evals, facts, c.settings.pairChoice === 'free_choice', errors, notes);
  if (errors.length > 0) return fail(errors);
  let subtotalH = 0;
  let deductionsH = 0;
  let headroomH = 0;
  for (let i = 0; i < n; i++) {
    const row = table.rows[i];
    const ev = evals[i];
    if (row === undefined || ev === undefined) continue;
    const capH = row.capH;
    const scoreH = capH === null ? ev.rawH : Math.min(ev.rawH, capH);
    scoresH[i] = scoreH;
    if (selections !== null && selections[i]?.selected === false) continue;
    if (capH === null) deductionsH += scoreH;
    else {
      subtotalH += scoreH;
      headroomH += capH - scoreH;
    }
  }
  return ok({ compiled: c, plan, evals, scoresH, selections, subtotalH, deductionsH, headroomH, notes });
}

export interface SheetTotals {
  readonly type: PlatformType;
  readonly factor: string;
  readonly total: string;
  readonly subtotal: string;
  readonly deductions: string;
  /** Row codes of the table, in order (shared, do not modify). */
  readonly codes: readonly string[];
  /** Capped row scores aligned with `codes`; null for the row of a 选其一 pair that is not scored. */
  readonly scores: readonly (string | null)[];
}

/** Totals only, for batch work (ranking a year's evaluation); same arithmetic as scoreSheet. */
export function scoreTotals(scheme: ScoreScheme, type: PlatformType, factor: DecimalInput, facts: SheetFacts): Result<SheetTotals> {
  const e = evaluateSheet(scheme, type, factor, facts);
  if (!e.ok) return e;
  const v = e.value;
  const n = v.scoresH.length;
  const scores: (string | null)[] = new Array<string | null>(n);
  for (let i = 0; i < n; i++) scores[i] = v.selections?.[i]?.selected === false ? null : formatHundredths(v.scoresH[i] ?? 0);
  const net = v.subtotalH + v.deductionsH;
  return ok({
    type, factor: v.plan.ratio.text, total: formatHundredths(net < 0 ? 0 : net), subtotal: formatHundredths(v.subtotalH),
    deductions: formatHundredths(v.deductionsH), codes: v.plan.table.codes, scores,
  });
}
