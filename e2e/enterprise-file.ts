/** Builds enterprise-directory files for the browser tests from the downloaded template, with exceljs. */
import ExcelJS from 'exceljs';
import { usccCheckChar } from '../src/domain/ids/uscc.js';

export const SHEET = '入驻企业名录';

export interface EnterpriseLine {
  uscc: string;
  name: string | null;
  industry: string;
  isHrService: '是' | '否';
  aboveScale: '是' | '否';
  mode: '线下' | '线上' | '协议';
  entryDate: string | null;
  revenue: number | string;
  passThrough: number;
  tax: number;
}

/** A valid code: 17 characters of the GB 32100 charset and their check character. */
export function validUscc(serial: number): string {
  const first17 = `91500107MA${String(serial).padStart(7, '0')}`;
  return `${first17}${usccCheckChar(first17) ?? ''}`;
}

/** The same code with another (wrong) check character. */
export function wrongCheckChar(uscc: string): string {
  const right = uscc.charAt(17);
  return `${uscc.slice(0, 17)}${right === '0' ? '1' : '0'}`;
}

/** A cell's text: plain values as they are, rich text joined, formulas by their result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value).trim();
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((t) => t.text).join('').trim();
  if ('text' in value) return cellText(value.text);
  if ('result' in value) return cellText(value.result ?? null);
  return '';
}

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Header texts of a sheet's first row, in column order. */
export function headers(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.getRow(1).eachCell((cell) => out.push(cellText(cell.value)));
  return out;
}

/** The column number whose header starts with `label` (headers carry hints such as 「(是/否)」). */
function columnOf(ws: ExcelJS.Worksheet, label: string): number {
  let found = 0;
  ws.getRow(1).eachCell((cell, col) => {
    if (found === 0 && cellText(cell.value).startsWith(label)) found = col;
  });
  if (found === 0) throw new Error(`column ${label} not in the template`);
  return found;
}

/** Writes the lines from row 2 on, replacing the template's example row. */
export async function writeDirectory(templateFile: string, lines: readonly EnterpriseLine[], outFile: string): Promise<void> {
  const wb = await readWorkbook(templateFile);
  const ws = wb.getWorksheet(SHEET);
  if (!ws) throw new Error(`sheet ${SHEET} missing`);
  const col = {
    uscc: columnOf(ws, '统一社会信用代码'), name: columnOf(ws, '企业名称'), industry: columnOf(ws, '所属行业'),
    isHrService: columnOf(ws, '是否人力资源服务企业'), aboveScale: columnOf(ws, '是否规模以上'), mode: columnOf(ws, '入驻方式'),
    entryDate: columnOf(ws, '入驻日期'), revenue: columnOf(ws, '营业收入'), passThrough: columnOf(ws, '其中代收代付'), tax: columnOf(ws, '纳税额'),
  };
  ws.spliceRows(2, 1); // the example row
  lines.forEach((line, i) => {
    const row = ws.getRow(i + 2);
    row.getCell(col.uscc).value = line.uscc;
    row.getCell(col.name).value = line.name;
    row.getCell(col.industry).value = line.industry;
    row.getCell(col.isHrService).value = line.isHrService;
    row.getCell(col.aboveScale).value = line.aboveScale;
    row.getCell(col.mode).value = line.mode;
    row.getCell(col.entryDate).value = line.entryDate;
    row.getCell(col.revenue).value = line.revenue;
    row.getCell(col.passThrough).value = line.passThrough;
    row.getCell(col.tax).value = line.tax;
    row.commit();
  });
  await wb.xlsx.writeFile(outFile);
}

/** Data rows of an exported directory (below the header), as their 企业名称. */
export function namesIn(ws: ExcelJS.Worksheet): string[] {
  const nameCol = columnOf(ws, '企业名称');
  const names: string[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) names.push(cellText(row.getCell(nameCol).value));
  });
  return names;
}
