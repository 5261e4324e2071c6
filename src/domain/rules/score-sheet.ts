/** scoreSheet: a platform's year in one table, with explanations and a gap analysis. */
import { formatHundredths, parseRatio, type DecimalInput, type Ratio } from '../shared/decimal.js';
import type { DomainError, Result } from '../shared/result.js';
import { err, fail, ok } from '../shared/result.js';
import { compileScheme, type CompiledScheme, type CRow, type CTable } from './compile.js';
import { evaluateRow, type EvalContext, type RowEval } from './evaluate.js';
import { explainRow } from './explain.js';
import type { SheetFacts } from './facts.js';
import { gradeGaps, rowHints, type GapAnalysis, type RowGap } from './gaps.js';
import { FactReader, isRecord, type FactRecord } from './read-facts.js';
import { sheetSettings, type SettingInForce } from './settings-shown.js';
import type { Orientation, PlatformType, RuleKind, ScoreScheme } from './scheme-types.js';
import { PLATFORM_TYPE_LABELS } from './scheme-types.js';

export interface PairSelection {
  readonly pair: string;
  readonly selected: boolean;
  /** orientation: by the park's recorded orientation; declared: the platform's choice; proposed: the higher score, to be confirmed. */
  readonly by: 'orientation' | 'declared' | 'proposed';
}

export interface RowResult {
  readonly code: string;
  readonly group: string;
  readonly name: string;
  readonly cap: string | null;
  readonly kind: RuleKind;
  /** Before the cap. */
  readonly raw: string;
  /** After the cap; negative for deductions. */
  readonly score: string;
  readonly capped: boolean;
  /** False for the row of a 选其一 pair that is not scored. */
  readonly counted: boolean;
  readonly missing: boolean;
  /** A judged row without its experts' scores yet. */
  readonly pending: boolean;
  readonly explanation: string;
  readonly selection?: PairSelection;
}

export interface ScoreSheet {
  readonly scheme: { readonly id: string; readonly year: number; readonly title: string };
  readonly type: PlatformType;
  readonly typeLabel: string;
  readonly annex: string;
  readonly title: string;
  readonly factor: string;
  readonly rows: RowResult[];
  /** Sum of the counted rows' capped scores, before deductions. */
  readonly subtotal: string;
  /** Sum of deductions, ≤ 0. */
  readonly deductions: string;
  /** subtotal + deductions, never below 0. */
  readonly total: string;
  readonly totalExplanation: string;
  readonly gaps: GapAnalysis;
  readonly settings: SettingInForce[];
  readonly notes: string[];
}

const ORIENTATIONS: readonly Orientation[] = ['industry', 'service_line'];
const ORIENTATION_LABEL: Readonly<Record<Orientation, string>> = { industry: '特定行业', service_line: '特定业态' };

function selectPairs(table: CTable, evals: readonly RowEval[], facts: FactRecord, free: boolean, errors: DomainError[], notes: string[]): (PairSelection | undefined)[] {
  const out: (PairSelection | undefined)[] = new Array<PairSelection | undefined>(table.rows.length);
  const orientationRaw = facts.orientation;
  const orientation = ORIENTATIONS.find((o) => o === orientationRaw);
  if (orientationRaw !== undefined && orientation === undefined) {
    errors.push(err('FACT_INVALID', 'facts.orientation 须为 industry（特定行业）或 service_line（特定业态）', 'facts.orientation'));
  }
  const choicesRaw = facts.choices;
  const choices: FactRecord = isRecord(choicesRaw) ? choicesRaw : {};
  for (const pair of table.pairs) {
    const declared = choices[pair.id];
    if (declared !== undefined && !pair.rows.some((r) => r === declared)) {
      errors.push(err('FACT_INVALID', `facts.choices.${pair.id} 须为 ${pair.rows.join(' 或 ')}`, `facts.choices.${pair.id}`));
    }
    let chosen: string;
    let by: PairSelection['by'];
    if (free && typeof declared === 'string' && pair.rows.includes(declared)) {
      chosen = declared;
      by = 'declared';
    } else if (!free && orientation !== undefined) {
      chosen = pair.byOrientation[orientation];
      by = 'orientation';
      if (declared !== undefined && declared !== chosen) notes.push(`选其一 ${pair.id} 按定位（${ORIENTATION_LABEL[orientation]}）计 ${chosen}，声明的 ${JSON.stringify(declared)} 不适用`);
    } else {
      const [a, b] = pair.rows;
      chosen = cappedOf(table, evals, b) > cappedOf(table, evals, a) ? b : a;
      by = 'proposed';
      notes.push(free
        ? `选其一 ${pair.id} 未声明，建议按得分较高的 ${chosen} 计分，须由平台申报时确认`
        : `未填写平台定位（orientation），选其一 ${pair.id} 暂按得分较高的 ${chosen} 计分，须按认定时登记的定位核对`);
    }
    table.rows.forEach((r, i) => {
      if (pair.rows.includes(r.code)) out[i] = { pair: pair.id, selected: r.code === chosen, by };
    });
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

/** The arithmetic of a sheet, shared by scoreSheet (full output) and scoreTotals (numbers only). */
export interface EvaluatedSheet {
  readonly compiled: CompiledScheme;
  readonly table: CTable;
  readonly ratio: Ratio;
  readonly evals: readonly RowEval[];
  readonly scoresH: readonly number[];
  readonly selections: readonly (PairSelection | undefined)[] | null;
  readonly subtotalH: number;
  readonly deductionsH: number;
  readonly headroomH: number;
  readonly notes: string[];
}

export function evaluateSheet(scheme: ScoreScheme, type: PlatformType, factor: DecimalInput, facts: SheetFacts, trace = true): Result<EvaluatedSheet> {
  const compiled = compileScheme(scheme);
  if (!compiled.ok) return compiled;
  const c = compiled.value;
  const ratio = parseRatio(factor);
  if (ratio === null) return fail([err('FACTOR_INVALID', `系数“${String(factor)}”须为正数，最多六位小数`, 'factor')]);
  const table = c.tables[type];
  const reader = new FactReader();
  const ctx: EvalContext = { trace, factor: ratio, factorIsOne: ratio.num === ratio.den, settings: c.settings, reader };
  const n = table.rows.length;
  const evals: RowEval[] = new Array<RowEval>(n);
  for (let i = 0; i < n; i++) {
    const row = table.rows[i];
    if (row !== undefined) evals[i] = evaluateRow(row, facts, ctx);
  }
  const errors: DomainError[] = reader.errors;
  const notes: string[] = [];
  const selections = table.pairs.length === 0 ? null : selectPairs(table, evals, facts, c.settings.pairChoice === 'free_choice', errors, notes);
  if (errors.length > 0) return fail(errors);
  let subtotalH = 0;
  let deductionsH = 0;
  let headroomH = 0;
  const scoresH: number[] = new Array<number>(n);
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
  return ok({ compiled: c, table, ratio, evals, scoresH, selections, subtotalH, deductionsH, headroomH, notes });
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
  const e = evaluateSheet(scheme, type, factor, facts, false);
  if (!e.ok) return e;
  const v = e.value;
  const n = v.scoresH.length;
  const scores: (string | null)[] = new Array<string | null>(n);
  for (let i = 0; i < n; i++) scores[i] = v.selections?.[i]?.selected === false ? null : formatHundredths(v.scoresH[i] ?? 0);
  const net = v.subtotalH + v.deductionsH;
  return ok({
    type, factor: v.ratio.text, total: formatHundredths(net < 0 ? 0 : net), subtotal: formatHundredths(v.subtotalH),
    deductions: formatHundredths(v.deductionsH), codes: v.table.codes, scores,
  });
}

/**
 * Scores `facts` on the scheme's table for `type`, with volume units multiplied by `factor`
 * (1 municipal, ≥ 3 national, 0.5–1 district; see factorFor).
 */
export function scoreSheet(scheme: ScoreScheme, type: PlatformType, factor: DecimalInput, facts: SheetFacts): Result<ScoreSheet> {
  const e = evaluateSheet(scheme, type, factor, facts);
  if (!e.ok) return e;
  const { compiled: c, table, ratio, evals, scoresH, selections, subtotalH, deductionsH, headroomH, notes } = e.value;
  const rows: RowResult[] = [];
  const gapRows: RowGap[] = [];
  const pending: string[] = [];
  for (let i = 0; i < table.rows.length; i++) {
    const row = table.rows[i];
    const ev = evals[i];
    if (row === undefined || ev === undefined) continue;
    const scoreH = scoresH[i] ?? 0;
    const selection = selections === null ? undefined : selections[i];
    const counted = selection === undefined || selection.selected;
    if (counted && ev.pending) pending.push(row.code);
    rows.push(resultRow(row, ev, scoreH, counted, selection, ratio.text));
    if (counted && row.capH !== null && scoreH < row.capH) {
      gapRows.push({
        code: row.code, name: row.source.name, score: formatHundredths(scoreH), cap: formatHundredths(row.capH),
        headroom: formatHundredths(row.capH - scoreH), hints: rowHints(row, ev, scoreH, ratio.num, ratio.den),
      });
    }
  }
  const netH = subtotalH + deductionsH;
  const totalH = netH < 0 ? 0 : netH;
  if (ratio.num !== ratio.den) notes.push(`系数 ${ratio.text}：数量类指标的计分单位、基数和步长乘以 ${ratio.text}，分值和上限不变`);
  if (pending.length > 0) notes.push(`${pending.join('、')} 尚待专家评分，暂计 0 分`);
  const subtotal = formatHundredths(subtotalH);
  return ok({
    scheme: { id: scheme.id, year: scheme.year, title: scheme.title },
    type, typeLabel: PLATFORM_TYPE_LABELS[type], annex: table.annex, title: table.title, factor: ratio.text,
    rows,
    subtotal,
    deductions: formatHundredths(deductionsH),
    total: formatHundredths(totalH),
    totalExplanation: `各项得分合计 ${subtotal}${deductionsH < 0 ? ` − 扣分 ${formatHundredths(-deductionsH)}` : ''} = ${formatHundredths(netH)}${netH < 0 ? '，不低于 0 → 0.00' : ''}`,
    gaps: { rows: gapRows, headroom: formatHundredths(headroomH), grades: gradeGaps(totalH, headroomH, c.excellentMinH, c.passMinH) },
    settings: sheetSettings(c.settings, type),
    notes,
  });
}

function resultRow(row: CRow, ev: RowEval, scoreH: number, counted: boolean, selection: PairSelection | undefined, factorText: string): RowResult {
  const capH = row.capH;
  const result: RowResult = {
    code: row.code, group: row.source.group, name: row.source.name, cap: capH === null ? null : formatHundredths(capH),
    kind: row.rule.kind, raw: formatHundredths(ev.rawH), score: formatHundredths(scoreH),
    capped: capH !== null && ev.rawH > capH, counted, missing: ev.missing, pending: ev.pending,
    explanation: (counted ? '' : '（选其一未选用，不计入总分）') + explainRow(row, ev, factorText),
  };
  return selection === undefined ? result : { ...result, selection };
}
