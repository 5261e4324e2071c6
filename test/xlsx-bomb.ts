/**
 * A small .xlsx that inflates to a huge sheet: the header row, then `rows` rows of one shared
 * string each, deflated; the shared strings come after the sheet in the zip (so exceljs's
 * streaming reader has to keep the whole sheet before it can read a row).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { COL, COLUMN_ORDER } from '../src/server/imports/columns.js';

const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** The import's headers, so that the file is read as a directory and not refused for its columns. */
const HEADERS = ['统一社会信用代码', '企业名称', '所属行业', '是否人力资源服务企业(是/否)', '是否规模以上(是/否)', '入驻方式(线下/线上/协议)', '营业收入(元)', '纳税额(元)'];

interface Shape {
  /** Rows and cells carry their references (r="A2"), as Excel writes them; exceljs needs them. */
  numbered?: boolean;
  /** Cells a row; more than one holds varied values, which deflate like real data. */
  cells?: number;
}

const column = (i: number): string => String.fromCharCode(65 + i);

function dataRow(r: number, { numbered = false, cells = 1 }: Shape): string {
  const values = Array.from({ length: cells }, (_, i) => (cells === 1 ? HEADERS.length : (r * 7919 + i * 104_729) % 1_000_003));
  const cs = values.map((v, i) => `<c${numbered ? ` r="${column(i)}${r}"` : ''} t="s"><v>${v}</v></c>`).join('');
  return `<row${numbered ? ` r="${r}"` : ''}>${cs}</row>`;
}

function sheet(rows: number, shape: Shape): string {
  const header = HEADERS.map((_, i) => `<c r="${column(i)}1" t="s"><v>${i}</v></c>`).join('');
  const parts = [`${xml}<worksheet xmlns="${ns}"><sheetData><row r="1">${header}</row>`];
  // One identical row deflates about a thousand times: a million take under 100 KB.
  // Numbered rows deflate about 20 times, like a real sheet: 100,000 take 250 KB.
  const same = shape.numbered !== true && (shape.cells ?? 1) === 1 ? dataRow(0, shape) : null;
  for (let r = 2; r < rows + 2; r++) parts.push(same ?? dataRow(r, shape));
  parts.push('</sheetData></worksheet>');
  return parts.join('');
}

export async function xlsxBomb(rows: number, shape: Shape = {}): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`);
  zip.file('_rels/.rels', `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file('xl/workbook.xml', `${xml}<workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="入驻企业名录" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  zip.file('xl/_rels/workbook.xml.rels', `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`);
  zip.file('xl/worksheets/sheet1.xml', sheet(rows, shape));
  zip.file('xl/sharedStrings.xml', `${xml}<sst xmlns="${ns}">${[...HEADERS, '91500000000000000X'].map((t) => `<si><t>${t}</t></si>`).join('')}</sst>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/**
 * The zip with one entry's inflated size rewritten, in its local header and the central
 * directory: a header that lies, as a crafted bomb's may.
 */
export function withDeclaredSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const target = Buffer.from(name, 'utf8');
  for (let i = 0; i + 46 <= out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50 && out.subarray(i + 30, i + 30 + target.length).equals(target) && out.readUInt16LE(i + 26) === target.length) out.writeUInt32LE(size, i + 22);
    if (sig === 0x02014b50 && out.subarray(i + 46, i + 46 + target.length).equals(target) && out.readUInt16LE(i + 28) === target.length) out.writeUInt32LE(size, i + 24);
  }
  return out;
}

/** A real directory of `rows` enterprises as the template is filled in (a note on every tenth), with its instructions sheet. */
export async function enterpriseDirectory(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('入驻企业名录');
  ws.addRow(COLUMN_ORDER.map((k) => COL[k]));
  for (let i = 0; i < rows; i++) {
    ws.addRow([`91500000${String(i).padStart(9, '0')}X`, `重庆市某某人力资源服务有限公司第${i}分公司`, 'L 租赁和商务服务业', '是', i % 2 ? '是' : '否', '线下',
      new Date(Date.UTC(2024, 4, 1)), null, 8_000_000 + i, 12_345, 160_000 + i, i % 10 ? null : `说明${i}`]);
  }
  wb.addWorksheet('填写说明').addRow(['说明']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
