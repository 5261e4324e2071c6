/** Checks each row of the enterprise directory; every problem is reported as 第 N 行「列」：message. */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parseIndustry } from '../../domain/enterprises/industry.js';
import { keptOverrideReason, normalizeUscc, usccProblem } from '../../domain/enterprises/uscc-input.js';
import { isIsoDate } from '../../domain/dates/iso-date.js';
import { nameProblem, textProblem } from '../../domain/shared/text.js';
import { checkDatesInYear } from '../enterprises/residences.js';
import { MAX_YUAN } from '../fields.js';
import { MODE_BY_LABEL, EXAMPLE_MARK, columnName, type ColumnKey } from './columns.js';
import type { Cell, RawRow } from './parse.js';

export interface ImportRow {
  row: number;
  uscc: string;
  name: string;
  industry: string;
  isHrService: boolean;
  aboveScale: boolean;
  mode: 'offline' | 'online' | 'agreement';
  entryDate: string | null;
  exitDate: string | null;
  revenueYuan: bigint;
  passThroughYuan: bigint;
  taxYuan: bigint;
  usccOverrideReason: string | null;
}

export interface RowError {
  row: number;
  column: string;
  message: string;
}

type Read<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = <T>(message: string): Read<T> => ({ ok: false, message });

const text = (c: Cell): string | null => (c === null ? null : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim() || null);

function yesNo(c: Cell): Read<boolean> {
  if (c === null) return bad('不能为空，请填写「是」或「否」');
  if (typeof c === 'boolean') return ok(c);
  const t = text(c);
  return t === '是' ? ok(true) : t === '否' ? ok(false) : bad(`应为「是」或「否」，实际为「${t ?? ''}」`);
}

/** Excel stores dates as days since 1899-12-30; typed text is also read as 2024-03-01, 2024/3/1 or 2024年3月1日. */
function dateCell(c: Cell): Read<string | null> {
  if (c === null) return ok(null);
  let d: Date | null = null;
  if (c instanceof Date) d = c;
  else if (typeof c === 'number' && c > 0 && c < 100_000) d = new Date(Math.round((c - 25569) * 86_400_000));
  if (d !== null) return ok(d.toISOString().slice(0, 10));
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text(c) ?? '');
  const iso = m ? `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}` : '';
  return isIsoDate(iso) ? ok(iso) : bad(`应为日期，如 2025-03-01，实际为「${text(c) ?? ''}」`);
}

/** Whole yuan: numbers or digit strings (thousands separators allowed); no decimals, no negatives. */
function yuanCell(c: Cell, required: boolean): Read<bigint> {
  if (c === null) return required ? bad('不能为空（没有请填 0）') : ok(0n);
  const t = typeof c === 'number' ? String(c) : (text(c) ?? '').replace(/[,，\s]/g, '');
  if (/^-/.test(t)) return bad('不能为负数');
  if (!/^\d+$/.test(t)) return /^\d*\.\d+$/.test(t) ? bad('须为整数（元），不能有小数') : bad(`须为整数金额（元），实际为「${text(c) ?? ''}」`);
  const v = BigInt(t);
  return v > BigInt(MAX_YUAN) ? bad('金额过大') : ok(v);
}

function required(c: Cell, max: number, problem: (s: string) => string | null = textProblem): Read<string> {
  const t = text(c);
  if (t === null) return bad('不能为空');
  if (t.length > max) return bad(`不能超过 ${max} 个字符`);
  // The same text rules as the API's (a control character would otherwise reach PostgreSQL).
  const refused = problem(t);
  return refused === null ? ok(t) : bad(refused);
}

/** One row: the parsed values, or every error found in it. */
export function validateRow(raw: RawRow, year: number): { row: ImportRow | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const cell = (k: ColumnKey): Cell => raw.cells.get(k) ?? null;
  const take = <T>(k: ColumnKey, r: Read<T>, fallback: T): T => {
    if (r.ok) return r.value;
    errors.push({ row: raw.row, column: columnName(k), message: `第 ${raw.row} 行「${columnName(k)}」：${r.message}` });
    return fallback;
  };
  const reason = text(cell('overrideReason'));
  const usccText = take('uscc', required(cell('uscc'), 30), '');
  const uscc = normalizeUscc(usccText);
  const usccError = usccText === '' ? null : usccProblem(uscc, reason);
  if (usccError) take('uscc', bad(usccError), '');
  const industryText = take('industry', required(cell('industry'), 40), '');
  const industry = industryText === '' ? undefined : parseIndustry(industryText);
  if (industryText !== '' && !industry) take('industry', bad(`「${industryText}」不是国民经济行业门类，请从下拉列表选择`), '');
  const modeText = take('mode', required(cell('mode'), 10), '');
  const mode = MODE_BY_LABEL[modeText];
  if (modeText !== '' && !mode) take('mode', bad(`应为「线下」「线上」或「协议」，实际为「${modeText}」`), '');
  const row: ImportRow = {
    row: raw.row, uscc, industry: industry?.code ?? '', mode: mode ?? 'offline',
    name: take('name', required(cell('name'), 200, nameProblem), ''),
    isHrService: take('isHrService', yesNo(cell('isHrService')), false),
    aboveScale: take('aboveScale', yesNo(cell('aboveScale')), false),
    entryDate: take('entryDate', dateCell(cell('entryDate')), null),
    exitDate: take('exitDate', dateCell(cell('exitDate')), null),
    revenueYuan: take('revenue', yuanCell(cell('revenue'), true), 0n),
    passThroughYuan: take('passThrough', yuanCell(cell('passThrough'), false), 0n),
    taxYuan: take('tax', yuanCell(cell('tax'), true), 0n),
    usccOverrideReason: keptOverrideReason(uscc, take('overrideReason', reason === null ? ok(null) : required(reason, 500), null)),
  };
  if (row.passThroughYuan > row.revenueYuan) take('passThrough', bad('不能大于营业收入'), 0n);
  const dates = checkDatesInYear(year, row.entryDate, row.exitDate);
  if (dates) take(dates.field === 'entryDate' ? 'entryDate' : 'exitDate', bad(dates.message.replace(/^[^：]*：/, '')), null);
  return { row: errors.length === 0 ? row : null, errors };
}

export const isExampleRow = (raw: RawRow): boolean => EXAMPLE_MARK.test(text(raw.cells.get('name') ?? null) ?? '');

/**
 * All rows, or all errors: a code twice in one file is an error on the second row. Yields to
 * the event loop every few hundred rows, as the reader does, so a large file never stalls it.
 */
export async function validateRows(raws: RawRow[], year: number): Promise<{ rows: ImportRow[]; errors: RowError[] }> {
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  const firstRowOf = new Map<string, number>();
  for (const [i, raw] of raws.entries()) {
    if (i % 500 === 499) await nextTurn();
    if (isExampleRow(raw)) continue;
    const res = validateRow(raw, year);
    errors.push(...res.errors);
    if (!res.row) continue;
    const first = firstRowOf.get(res.row.uscc);
    if (first !== undefined) {
      errors.push({ row: raw.row, column: columnName('uscc'), message: `第 ${raw.row} 行「${columnName('uscc')}」：与第 ${first} 行重复` });
      continue;
    }
    firstRowOf.set(res.row.uscc, raw.row);
    rows.push(res.row);
  }
  return { rows, errors };
}

