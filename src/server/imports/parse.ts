/**
 * Reads the enterprise directory with exceljs's streaming reader, so that a 20,000-row file
 * never becomes a whole workbook in memory, and yields to the event loop every few hundred
 * rows so that other requests are served while a file is read.
 *
 * Every file first passes checkXlsx (src/server/xlsx-upload.ts): its inflated size, rows and
 * cells are bounded before exceljs sees it, and exceljs reads the zip that check rebuilt, with
 * the workbook parts before the sheets. The streaming reader failed on valid files whose parts
 * came in another order (shared strings before the sheets, xl/workbook.xml after them:
 * exceljs#3064); the rebuilt order avoids that. A file the streaming read still fails on is read
 * again whole before it is called broken — only when it is small enough to hold whole.
 */
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type ExcelJS from 'exceljs';
import { checkXlsx, type XlsxRefusal } from '../xlsx-upload.js';
import { COL, COLUMN_ORDER, MAX_IMPORT_ROWS, REQUIRED_COLUMNS, columnName, type ColumnKey } from './columns.js';

export type Cell = string | number | boolean | Date | null;
export interface RawRow {
  row: number;
  cells: Map<ColumnKey, Cell>;
}
export type ReadOutcome =
  | { ok: true; rows: RawRow[] }
  | { ok: false; code: XlsxRefusal['code'] | 'COLUMNS_MISSING'; message: string };

const YIELD_EVERY = 250;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/**
 * A whole workbook costs exceljs about 300 bytes a cell (a full 20,000-row directory, 244,000
 * cells: 75 MB): the whole read is for files up to a full directory and some room, ~100 MB.
 */
const WHOLE_READ_MAX_CELLS = 300_000;

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
      // Past the limit the answer is known: stop reading (checkXlsx has bounded the rows that may come).
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

/** exceljs is loaded on the first import, not at server start (it is ~10 MB of the process's memory). */
const excel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

async function streamed(buffer: Buffer): Promise<Collected> {
  const Excel = await excel();
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from(buffer), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  return collect(reader);
}

async function loadedWhole(buffer: Buffer): Promise<Collected> {
  const Excel = await excel();
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  return collect(workbook.worksheets.map((sheet) => sheet.getRows(1, sheet.rowCount)?.filter((row) => row.hasValues) ?? []));
}

/** The data rows of the first sheet that has the 统一社会信用代码 header; other sheets (填写说明) are skipped. */
export async function readDirectory(buffer: Buffer): Promise<ReadOutcome> {
  if (buffer.length < 4 || !buffer.subarray(0, 4).equals(ZIP_MAGIC)) return invalid('文件不是 .xlsx 格式，请使用下载的模板填写后上传（不支持 .xls、.csv）');
  const checked = await checkXlsx(buffer);
  if (!checked.ok) return checked;
  let read: Collected;
  try {
    read = await streamed(checked.zip);
  } catch {
    const broken = invalid('无法读取该文件，文件可能已损坏；请使用下载的模板填写后上传');
    if (checked.cells > WHOLE_READ_MAX_CELLS) return broken;
    try {
      read = await loadedWhole(checked.zip);
    } catch {
      return broken;
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
