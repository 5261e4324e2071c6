/** scoreSheet: a platform's year in one table, with explanations and a gap analysis. */
import { formatHundredths as score, type DecimalInput } from '../shared/decimal.js';
import type { Result } from '../shared/result.js';
import { ok } from '../shared/result.js';
import type { CRow } from './compile.js';
import { evaluateSheet, type PairSelection } from './evaluate-sheet.js';
import type { RowEval } from './evaluate.js';
import { explainRow } from './explain.js';
import type { SheetFacts } from './facts.js';
import { gradeGaps, rowHints, type GapAnalysis, type RowGap } from './gaps.js';
import { sheetSettings, type SettingInForce } from './settings-shown.js';
import type { PlatformType, RuleKind, ScoreScheme } from './scheme-types.js';
import { PLATFORM_TYPE_LABELS } from './scheme-types.js';

export { scoreTotals, type PairSelection, type SheetTotals } from './evaluate-sheet.js';

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

const NOT_SELECTED = '（选其一未选用，不计入总分）';

/**
 * Scores `facts` on the scheme's table for `type`, with volume units multiplied by `factor`
 * (1 municipal, ≥ 3 national, 0.5–1 district; see factorFor).
 */
export function scoreSheet(scheme: ScoreScheme, type: PlatformType, factor: DecimalInput, facts: SheetFacts): Result<ScoreSheet> {
  const e = evaluateSheet(scheme, type, factor, facts);
  if (!e.ok) return e;
  const { compiled: c, plan, evals, scoresH, selections, subtotalH, deductionsH, headroomH, notes } = e.value;
  // Rows are read from the table (CRow, one object shape) rather than through the plan's
  // six kinds of RowPlan: megamorphic property loads on every row were measurable.
  const tableRows = plan.table.rows;
  const rows = new Array<RowResult>(tableRows.length);
  const gapRows: RowGap[] = [];
  let pending = '';
  for (let i = 0; i < tableRows.length; i++) {
    const row = tableRows[i];
    const ev = evals[i];
    if (row === undefined || ev === undefined) continue;
    const scoreH = scoresH[i] ?? 0;
    const selection = selections === null ? undefined : selections[i];
    const counted = selection === undefined || selection.selected;
    if (counted && ev.pending) pending = pending === '' ? row.code : `${pending}、${row.code}`;
    const scoreText = score(scoreH);
    rows[i] = resultRow(row, ev, scoreText, counted, selection);
    if (counted && row.capH !== null && scoreH < row.capH) {
      gapRows.push({
        code: row.code, name: row.name, score: scoreText, cap: row.capText ?? score(row.capH),
        headroom: score(row.capH - scoreH), hints: rowHints(ev, scoreH, row.capH),
      });
    }
  }
  const netH = subtotalH + deductionsH;
  const totalH = netH < 0 ? 0 : netH;
  if (plan.factorNote !== null) notes.push(plan.factorNote);
  if (pending !== '') notes.push(`${pending} 尚待专家评分，暂计 0 分`);
  const subtotal = score(subtotalH);
  const table = plan.table;
  return ok({
    scheme: { id: scheme.id, year: scheme.year, title: scheme.title },
    type, typeLabel: PLATFORM_TYPE_LABELS[type], annex: table.annex, title: table.title, factor: plan.ratio.text,
    rows,
    subtotal,
    deductions: score(deductionsH),
    total: score(totalH),
    totalExplanation: totalText(subtotal, deductionsH, netH),
    gaps: { rows: gapRows, headroom: score(headroomH), grades: gradeGaps(totalH, headroomH, plan.grades) },
    settings: sheetSettings(c.settings, type),
    notes,
  });
}

function totalText(subtotal: string, deductionsH: number, netH: number): string {
  const sum = '各项得分合计 ' + subtotal;
  const net = (deductionsH < 0 ? sum + ' − 扣分 ' + score(-deductionsH) : sum) + ' = ' + score(netH);
  return netH < 0 ? net + '，不低于 0 → 0.00' : net;
}

function resultRow(row: CRow, ev: RowEval, scoreText: string, counted: boolean, selection: PairSelection | undefined): RowResult {
  const capH = row.capH;
  const raw = score(ev.rawH);
  const capped = capH !== null && ev.rawH > capH;
  const explanation = counted ? explainRow(ev) : NOT_SELECTED + explainRow(ev);
  // Two literals rather than a spread: same keys in the same order, one allocation.
  return selection === undefined
    ? { code: row.code, group: row.group, name: row.name, cap: row.capText, kind: row.kind, raw, score: scoreText, capped, counted, missing: ev.missing, pending: ev.pending, explanation }
    : { code: row.code, group: row.group, name: row.name, cap: row.capText, kind: row.kind, raw, score: scoreText, capped, counted, missing: ev.missing, pending: ev.pending, explanation, selection };
}
