/**
 * The score sheet (附表2/3/4 with the 得分 column filled) and the self-evaluation report as .xlsx,
 * and a campaign's results: the list and one 附表 sheet per platform (Art 30 (二) 1–2, Art 31).
 * Scores come from the rule engine as exact decimal strings and are written as numbers with two places.
 */
import type ExcelJS from 'exceljs';
import { z } from 'zod';
import type { Db } from '../../../db/client.js';
import { platformScope } from '../../../domain/auth/scope.js';
import { findDistrict, GRADE_LABELS, RECOMMENDATION_TEXT, type ScoreScheme, type ScoreSheet } from '../../../domain/index.js';
import { PLATFORM_LEVEL_LABELS, PLATFORM_TYPE_LABELS, type ScoreTable } from '../../../domain/rules/scheme-types.js';
import type { RequestContext } from '../../context.js';
import { errors } from '../../errors.js';
import { loadScheme } from '../../schemes/service.js';
import { dateStamp, workbookBuffer } from '../../xlsx.js';
import { liveSheet, loadEntry, textRecord } from '../entries/access.js';
import * as repo from '../campaign/repository.js';
import { exportEntries, type ExportEntryRecord } from './repository.js';

export interface XlsxFile { filename: string; body: Buffer }

/** The parts of a reviewed sheet (jsonb, written by the experts' review) an export shows. */
const reviewedSheetShape = z.object({
  rows: z.array(z.object({ code: z.string(), score: z.string(), explanation: z.string().optional() })),
  total: z.string(),
});
type ReviewedSheet = z.infer<typeof reviewedSheetShape>;

function readReviewed(v: unknown): ReviewedSheet | null {
  const r = reviewedSheetShape.safeParse(v);
  return r.success ? r.data : null;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** "12.30" → 12.3, exactly the double Excel stores for the text; anything else stays text. */
export function decimalCell(s: string | null | undefined): number | string | null {
  if (s === null || s === undefined) return null;
  return DECIMAL.test(s) ? Number(s) : s;
}

const SCORE_FMT = '0.00';
/** The ideographic space that spaces a printed form's fields. */
const SP = '\u3000';
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const box: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const FONT = '宋体';

/** Rough display width of a text in Excel character units: CJK counts double. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1;
  return w;
}

/** Excel does not grow rows for wrapped text it did not lay out itself: estimate the lines. */
function fitHeight(row: ExcelJS.Row, cells: { text: string; width: number }[], min = 20): void {
  let lines = 1;
  for (const c of cells) {
    const perLine = Math.max(1, c.width - 1);
    const n = c.text.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(textWidth(part) / perLine)), 0);
    lines = Math.max(lines, n);
  }
  row.height = Math.max(min, lines * 14.5 + 4);
}

function setupPrint(ws: ExcelJS.Worksheet, headerRow: number): void {
  // PaperSize is a const enum exceljs does not export at run time: A4 is 9.
  Object.assign(ws.pageSetup, {
    paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: `${headerRow}:${headerRow}`,
  });
  ws.headerFooter = { oddFooter: '第 &P 页，共 &N 页' };
}

function titleRows(ws: ExcelJS.Worksheet, lastCol: number, title: string, subtitle: string): void {
  const t = ws.addRow([title]);
  ws.mergeCells(t.number, 1, t.number, lastCol);
  t.height = 30;
  t.getCell(1).font = { name: FONT, size: 16, bold: true };
  t.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  const s = ws.addRow([subtitle]);
  ws.mergeCells(s.number, 1, s.number, lastCol);
  s.height = 22;
  s.getCell(1).font = { name: FONT, size: 11 };
  s.getCell(1).alignment = { horizontal: 'left', vertical: 'middle' };
}

function headerRow(ws: ExcelJS.Worksheet, headers: string[]): number {
  const h = ws.addRow(headers);
  h.height = 24;
  h.eachCell((cell) => {
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = box;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  });
  return h.number;
}

function styleBody(row: ExcelJS.Row, lastCol: number, centered: readonly number[]): void {
  for (let c = 1; c <= lastCol; c++) {
    const cell = row.getCell(c);
    cell.border = box;
    cell.font = { name: FONT, size: 10.5 };
    cell.alignment = { vertical: 'middle', wrapText: true, horizontal: centered.includes(c) ? 'center' : 'left' };
  }
}

/** What one platform's 附表 sheet shows. */
export interface SheetInput {
  table: ScoreTable;
  platformName: string;
  year: number;
  levelLabel: string;
  factor: string;
  self: ScoreSheet | null;
  selfTotal: string | null;
  problems: readonly string[];
  reviewed: ReviewedSheet | null;
  reviewedTotal: string | null;
}

export const sheetTitle = (table: ScoreTable): string => `${table.annex} ${table.title}`;

/**
 * 评分表 in the measures' layout: 一级指标 merged over its rows, then 序号, 评估内容, 评分标准, 分值,
 * 自评得分, 评审得分 (when reviewed) and 说明 (the rule engine's explanation), and the 合计 row.
 */
export function addScoreSheet(wb: ExcelJS.Workbook, name: string, input: SheetInput): ExcelJS.Worksheet {
  const reviewed = input.reviewed !== null;
  const headers = ['一级指标', '序号', '评估内容', '评分标准', '分值', '自评得分', ...(reviewed ? ['评审得分'] : []), '说明'];
  const widths = [14, 6, 24, 46, 7, 9, ...(reviewed ? [9] : []), 44];
  const last = headers.length;
  const col = { self: 6, reviewed: reviewed ? 7 : 0, note: last };
  const ws = wb.addWorksheet(name, { properties: { defaultRowHeight: 20 } });
  ws.columns = widths.map((width) => ({ width }));
  titleRows(ws, last, sheetTitle(input.table),
    [`平台名称：${input.platformName}`, `评估年度：${input.year} 年`, `级别：${input.levelLabel}`, `规模系数：${input.factor}`].join(SP.repeat(2)));
  const head = headerRow(ws, headers);

  const selfRows = new Map((input.self?.rows ?? []).map((r) => [r.code, r]));
  const reviewedRows = new Map((input.reviewed?.rows ?? []).map((r) => [r.code, r]));
  const groupStart = new Map<string, number>();
  const rowOf = new Map<string, number>();
  for (const r of input.table.rows) {
    const s = selfRows.get(r.code);
    const rv = reviewedRows.get(r.code);
    const note = [s?.explanation ?? '', rv?.explanation !== undefined && rv.explanation !== s?.explanation ? `评审：${rv.explanation}` : '']
      .filter((x) => x !== '').join('\n');
    const values: (string | number | null)[] = [r.group, r.code, r.name, r.criteria, r.cap === null ? '—' : decimalCell(r.cap), decimalCell(s?.score)];
    if (reviewed) values.push(decimalCell(rv?.score));
    values.push(note);
    const row = ws.addRow(values);
    styleBody(row, last, [1, 2, 5, col.self, col.reviewed]);
    row.getCell(col.self).numFmt = SCORE_FMT;
    if (reviewed) row.getCell(col.reviewed).numFmt = SCORE_FMT;
    fitHeight(row, [{ text: r.name, width: widths[2] ?? 24 }, { text: r.criteria, width: widths[3] ?? 46 }, { text: note, width: widths[last - 1] ?? 44 }]);
    if (!groupStart.has(r.group)) groupStart.set(r.group, row.number);
    rowOf.set(r.code, row.number);
  }
  // 一级指标 spans its rows, as in the printed measures.
  const starts = [...groupStart.values()];
  const end = head + input.table.rows.length;
  starts.forEach((start, i) => {
    const stop = (starts[i + 1] ?? end + 1) - 1;
    if (stop > start) ws.mergeCells(start, 1, stop, 1);
  });
  // A 选其一 pair shares one cap, as in 附表3.
  for (const p of input.table.pairs) {
    const a = rowOf.get(p.rows[0]);
    const b = rowOf.get(p.rows[1]);
    if (a !== undefined && b === a + 1) ws.mergeCells(a, 5, b, 5);
  }

  const totalValues: (string | number | null)[] = ['合计', '', '', '', decimalCell(input.table.total), decimalCell(input.selfTotal ?? input.self?.total)];
  if (reviewed) totalValues.push(decimalCell(input.reviewedTotal ?? input.reviewed?.total));
  totalValues.push(input.self?.totalExplanation ?? '');
  const total = ws.addRow(totalValues);
  ws.mergeCells(total.number, 1, total.number, 4);
  styleBody(total, last, [1, 5, col.self, col.reviewed]);
  total.font = { name: FONT, size: 11, bold: true };
  total.getCell(col.self).numFmt = SCORE_FMT;
  if (reviewed) total.getCell(col.reviewed).numFmt = SCORE_FMT;
  fitHeight(total, [{ text: input.self?.totalExplanation ?? '', width: widths[last - 1] ?? 44 }], 24);

  const notes = [...input.problems, ...(input.self?.notes ?? [])];
  if (notes.length > 0) {
    const n = ws.addRow([`备注：${notes.join('；')}`]);
    ws.mergeCells(n.number, 1, n.number, last);
    n.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    n.getCell(1).font = { name: FONT, size: 10 };
    fitHeight(n, [{ text: notes.join('；'), width: widths.reduce((a, b) => a + b, 0) }]);
  }
  const sign = ws.addRow([`填报单位（盖章）：${SP.repeat(20)}填报日期：${SP.repeat(4)}年${SP.repeat(2)}月${SP.repeat(2)}日`]);
  ws.mergeCells(sign.number, 1, sign.number, last);
  sign.height = 36;
  sign.getCell(1).alignment = { vertical: 'bottom' };
  sign.getCell(1).font = { name: FONT, size: 11 };
  setupPrint(ws, head);
  return ws;
}

/** 自评报告: each indicator's text under it, grouped by 一级指标. */
export function addReportSheet(wb: ExcelJS.Workbook, name: string, input: SheetInput, rowTexts: Readonly<Record<string, string>>): ExcelJS.Worksheet {
  const widths = [8, 30, 90];
  const ws = wb.addWorksheet(name);
  ws.columns = widths.map((width) => ({ width }));
  titleRows(ws, 3, `${input.table.title.replace(/评分表$/, '')}自评报告`, [`平台名称：${input.platformName}`, `评估年度：${input.year} 年`, `级别：${input.levelLabel}`].join(SP.repeat(2)));
  const head = headerRow(ws, ['序号', '评估内容', '自评情况说明']);
  let group = '';
  for (const r of input.table.rows) {
    if (r.group !== group) {
      group = r.group;
      const g = ws.addRow([group]);
      ws.mergeCells(g.number, 1, g.number, 3);
      styleBody(g, 3, []);
      g.getCell(1).font = { name: FONT, size: 11, bold: true };
      g.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF7F7F7' } };
    }
    const text = rowTexts[r.code] ?? '';
    const row = ws.addRow([r.code, r.name, text === '' ? '（未填写）' : text]);
    styleBody(row, 3, [1]);
    row.getCell(3).alignment = { vertical: 'top', wrapText: true };
    fitHeight(row, [{ text: r.name, width: 30 }, { text, width: 90 }], 24);
  }
  setupPrint(ws, head);
  return ws;
}

function sheetInput(scheme: ScoreScheme, year: number, e: ExportEntryRecord): SheetInput {
  const { sheet, problems } = liveSheet(scheme, e);
  return {
    table: scheme.tables[e.type], platformName: e.platformName, year, levelLabel: PLATFORM_LEVEL_LABELS[e.level], factor: e.factor,
    self: sheet, selfTotal: e.storedSelfTotal ?? sheet?.total ?? null, problems,
    reviewed: readReviewed(e.reviewedSheet), reviewedTotal: e.reviewedTotal,
  };
}

/** GET …/entries/:entryId/sheet.xlsx: the entry's 评分表 and 自评报告, in the same scope as the entry itself. */
export async function exportEntrySheet(db: Db, ctx: RequestContext, evaluationId: string, entryId: string): Promise<XlsxFile> {
  const l = await loadEntry(db, ctx, evaluationId, entryId);
  const [e] = await exportEntries(db, evaluationId, platformScope(ctx.actor), entryId);
  if (!e) throw errors.notFound('参评记录');
  const input = sheetInput(l.scheme, l.e.year, e);
  const body = await workbookBuffer((wb) => {
    addScoreSheet(wb, '评分表', input);
    addReportSheet(wb, '自评报告', input, textRecord(e.rowTexts));
  });
  return { filename: `${l.e.year}年度绩效评估评分表-${e.platformName}.xlsx`, body };
}

const FORBIDDEN_CHARS = /[[\]:*?/\\]/g;

/** Excel's sheet names: ≤ 31 characters, none of []:*?/\, unique regardless of case. */
export function sheetNames(names: readonly string[], reserved: readonly string[] = []): string[] {
  const taken = new Set(reserved.map((n) => n.toLowerCase()));
  return names.map((raw, i) => {
    const base = `${i + 1} ${raw.replace(FORBIDDEN_CHARS, '_').replace(/^'+|'+$/g, '')}`.trim();
    let name = base.slice(0, 31);
    for (let n = 2; taken.has(name.toLowerCase()); n++) {
      const suffix = `(${n})`;
      name = base.slice(0, 31 - suffix.length) + suffix;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

const gradeLabel = (g: ExportEntryRecord['grade']): string => (g === null ? '' : GRADE_LABELS[g]);
const recommendationLabel = (r: string | null): string => {
  if (r === null) return '';
  const known = Object.entries(RECOMMENDATION_TEXT).find(([k]) => k === r);
  return known === undefined ? r : known[1];
};

/**
 * GET /evaluations/:id/results.xlsx: the bureau at any time; once published, everyone in their own scope.
 */
export async function exportResults(db: Db, ctx: RequestContext, evaluationId: string): Promise<XlsxFile> {
  const e = await repo.findEvaluation(db, evaluationId);
  if (!e) throw errors.notFound('年度评估');
  const bureau = ctx.actor.role === 'admin' || ctx.actor.role === 'bureau';
  if (!bureau && e.status !== 'published') throw errors.forbidden('在评估结果公布前导出结果');
  const scheme = (await loadScheme(db, e.schemeId)).scheme;
  const entries = await exportEntries(db, evaluationId, platformScope(ctx.actor));
  const inputs = entries.map((x) => sheetInput(scheme, e.year, x));
  const names = sheetNames(entries.map((x) => x.platformName), ['结果']);
  const body = await workbookBuffer((wb) => {
    const ws = wb.addWorksheet('结果');
    const headers = ['序号', '平台名称', '类型', '级别', '区县', '自评得分', '评审得分', '排名', '等次', '运用建议'];
    const widths = [6, 36, 30, 8, 12, 10, 10, 6, 8, 40];
    ws.columns = widths.map((width) => ({ width }));
    titleRows(ws, headers.length, `${e.year} 年度人力资源服务平台绩效评估结果`, [`评分方案：${scheme.title}`, `状态：${e.status === 'published' ? '已公布' : '未公布'}`, `导出日期：${dateStamp()}`].join(SP.repeat(2)));
    const head = headerRow(ws, headers);
    entries.forEach((x, i) => {
      const input = inputs[i];
      const row = ws.addRow([
        i + 1, x.platformName, PLATFORM_TYPE_LABELS[x.type], PLATFORM_LEVEL_LABELS[x.level], findDistrict(x.districtCode)?.name ?? x.districtCode,
        decimalCell(input?.selfTotal), decimalCell(x.reviewedTotal), x.rank, gradeLabel(x.grade), recommendationLabel(x.recommendation),
      ]);
      styleBody(row, headers.length, [1, 4, 5, 6, 7, 8, 9]);
      row.getCell(6).numFmt = SCORE_FMT;
      row.getCell(7).numFmt = SCORE_FMT;
      fitHeight(row, [{ text: x.platformName, width: 36 }, { text: recommendationLabel(x.recommendation), width: 40 }]);
    });
    setupPrint(ws, head);
    ws.views = [{ state: 'frozen', ySplit: head }];
    inputs.forEach((input, i) => addScoreSheet(wb, names[i] ?? `平台${i + 1}`, input));
  });
  return { filename: `${e.year}年度绩效评估结果-${dateStamp()}.xlsx`, body };
}
