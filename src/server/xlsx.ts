/** Writing .xlsx answers: one helper for every list export, and the download headers. */
import type ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export interface XlsxColumn<T> {
  header: string;
  width?: number;
  /** Excel number format, e.g. '#,##0' for yuan. */
  numFmt?: string;
  value: (row: T) => string | number | boolean | null;
}

export interface XlsxSheet<T> {
  name: string;
  columns: XlsxColumn<T>[];
  rows: readonly T[];
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A sheet with a bold, frozen header row and one row per record. */
export function addSheet<T>(wb: ExcelJS.Workbook, sheet: XlsxSheet<T>): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(10, c.header.length * 2 + 2), style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  ws.getRow(1).font = { bold: true };
  for (const row of sheet.rows) ws.addRow(sheet.columns.map((c) => c.value(row)));
  return ws;
}

export async function workbookBuffer(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  // Loaded on the first export, not at server start: exceljs is ~10 MB of the process's memory.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'HRSP';
  wb.created = new Date();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function sheetBuffer<T>(sheet: XlsxSheet<T>): Promise<Buffer> {
  return workbookBuffer((wb) => addSheet(wb, sheet));
}

/**
 * Content-Disposition with a Chinese filename: an ASCII fallback for old clients and the
 * UTF-8 name in `filename*` (RFC 5987), which every current browser prefers.
 */
export function contentDisposition(kind: 'attachment' | 'inline', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function sendXlsx(reply: FastifyReply, filename: string, body: Buffer): FastifyReply {
  return reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', contentDisposition('attachment', filename))
    .header('cache-control', 'no-store')
    .send(body);
}

/** 20250601, for export filenames. */
export function dateStamp(d = new Date()): string {
  return d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).replaceAll('-', '');
}
