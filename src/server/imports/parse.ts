/**
 * Reads the enterprise directory with exceljs's streaming reader, so that a 20,000-row file
 * never becomes a whole workbook in memory, and yields to the event loop every few hundred
 * rows so that other requests are served while a file is read.
 *
 * The streaming reader fails on some valid files: when the shared strings come before the
 * sheets and xl/workbook.xml after them, it reads a sheet before it knows the workbook
 * (exceljs#3064). A file the streaming read fails on, for that or any other reason, is read
 * again whole, through the zip's central directory, before it is called broken.
 */
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { COL, COLUMN_ORDER, MAX_IMPORT_ROWS, REQUIRED_COLUMNS, columnName, type ColumnKey } from './columns.js';

export type Cell = string | number | boolean | Date | null;
export interface RawRow {
  row: number;
  cells: Map<ColumnKey, Cell>;
}
export type ReadOutcome =
  | { ok: true; rows: RawRow[] }
  | { ok: false; code: 'FILE_INVALID' | 'TOO_MANY_ROWS' | 'COLUMNS_MISSING'; message: string };

const YIELD_EVERY = 250;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Headers compare without spaces and with half-width brackets: 「是否规模以上（是/否）」 matches too. */
const normalizeHeader = (s: string): string => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
const headerKeys = new Map<string, ColumnKey>(
  COLUMN_ORDER.flatMap((k) => [[normalizeHeader(COL[k]), k], [normalizeHeader(columnName(k)), k]] as const),
);

/** A cell as plain data: rich text and hyperlinks as their text, formulas as their result. */
export function plainCell(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return plainCell(v.richText.map((t) => t.text).join(''));
  if ('hyperlink' in v) return plainCell(v.text);
  if ('error' in v) return v.error;
  return plainCell(v.result);
}

function headerMap(row: ExcelJS.Row): Map<number, ColumnKey> | null {
  const map = new Map<number, ColumnKey>();
  row.eachCell((cell, col) => {
    const text = plainCell(cell.value);
    const key = typeof text === 'string' ? headerKeys.get(normalizeHeader(text)) : undefined;
    if (key !== undefined && ![...map.values()].includes(key)) map.set(col, key);
  });
  return [...map.values()].includes('uscc') ? map : null;
}

function rowCells(row: ExcelJS.Row, columns: Map<number, ColumnKey>): Map<ColumnKey, Cell> | null {
  const cells = new Map<ColumnKey, Cell>();
  for (const [col, key] of columns) {
    const v = plainCell(row.getCell(col).value);
    if (v !== null) cells.set(key, v);
  }
  return cells.size === 0 ? null : cells;
}

const invalid = (message: string): ReadOutcome => ({ ok: false, code: 'FILE_INVALID', message });

type Rows = AsyncIterable<ExcelJS.Row> | Iterable<ExcelJS.Row>;

interface Collected {
  columns: Map<number, ColumnKey> | null;
  rows: RawRow[];
}

/** The header and data rows of the first sheet that has the 统一社会信用代码 header. */
async function collect(sheets: AsyncIterable<Rows> | Iterable<Rows>): Promise<Collected> {
  const rows: RawRow[] = [];
  let columns: Map<number, ColumnKey> | null = null;
  let seen = 0;
  for await (const sheet of sheets) {
    for await (const row of sheet) {
      if (++seen % YIELD_EVERY === 0) await nextTurn();
      // Past the limit the answer is known: stop reading.
      if (rows.length > MAX_IMPORT_ROWS) break;
      if (columns === null) {
        columns = headerMap(row);
        continue;
      }
      const cells = rowCells(row, columns);
      if (cells !== null) rows.push({ row: row.number, cells });
    }
    if (columns !== null) break;
  }
  return { columns, rows };
}

function streamed(buffer: Buffer): Promise<Collected> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buffer), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  return collect(reader);
}

async function loadedWhole(buffer: Buffer): Promise<Collected> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  return collect(workbook.worksheets.map((sheet) => sheet.getRows(1, sheet.rowCount)?.filter((row) => row.hasValues) ?? []));
}

/** The data rows of the first sheet that has the 统一社会信用代码 header; other sheets (填写说明) are skipped. */
export async function readDirectory(buffer: Buffer): Promise<ReadOutcome> {
  if (buffer.length < 4 || !buffer.subarray(0, 4).equals(ZIP_MAGIC)) return invalid('文件不是 .xlsx 格式，请使用下载的模板填写后上传（不支持 .xls、.csv）');
  let read: Collected;
  try {
    read = await streamed(buffer);
  } catch {
    try {
      read = await loadedWhole(buffer);
    } catch {
      return invalid('无法读取该文件，文件可能已损坏；请使用下载的模板填写后上传');
    }
  }
  const { columns, rows } = read;
  if (columns === null) return { ok: false, code: 'COLUMNS_MISSING', message: `找不到表头「${COL.uscc}」，请使用下载的模板填写` };
  const present = new Set(columns.values());
  const missing = REQUIRED_COLUMNS.filter((k) => !present.has(k));
  if (missing.length > 0) return { ok: false, code: 'COLUMNS_MISSING', message: `缺少列：${missing.map((k) => `「${COL[k]}」`).join('、')}` };
  if (rows.length > MAX_IMPORT_ROWS) {
    return { ok: false, code: 'TOO_MANY_ROWS', message: `数据超过 ${MAX_IMPORT_ROWS.toLocaleString('en-US')} 行的上限，请分批导入` };
  }
  return { ok: true, rows };
}
