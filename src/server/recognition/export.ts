/**
 * GET /recognition/applications/:id/form.xlsx: 附表1 with both opinions as one A4 sheet in the form's
 * layout, for filing. Read in the same scope as the application itself (getApplication); the .xlsx
 * answer is audited by the export-audit plugin like every export.
 */
import type ExcelJS from 'exceljs';
import type { Db } from '../../db/client.js';
import { formSheetOf, type FormSheet } from '../../domain/recognition/form-sheet.js';
import type { RequestContext } from '../context.js';
import { workbookBuffer } from '../xlsx.js';
import { getApplication } from './application.js';

const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' },
};

/** One cell (or a merged range) with its text, bordered and wrapped. */
function put(ws: ExcelJS.Worksheet, range: string, value: string, opts: { bold?: boolean; center?: boolean; top?: boolean } = {}): void {
  if (range.includes(':')) ws.mergeCells(range);
  const cell = ws.getCell(range.split(':')[0] ?? range);
  cell.value = value;
  cell.font = { name: '宋体', size: 11, bold: opts.bold ?? false };
  cell.alignment = { wrapText: true, vertical: opts.top ? 'top' : 'middle', horizontal: opts.center ? 'center' : 'left' };
  cell.border = thin;
}

/** Rows 4– of the sheet: five columns as 附表1 has them (label, label, value, label, value). */
export function layoutFormSheet(ws: ExcelJS.Worksheet, s: FormSheet): void {
  ws.columns = [{ width: 14 }, { width: 14 }, { width: 30 }, { width: 14 }, { width: 24 }];
  // PaperSize is a const enum exceljs does not export at run time: A4 is 9.
  Object.assign(ws.pageSetup, { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 1, margins: { left: 0.6, right: 0.6, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 } });
  ws.mergeCells('A1:E1');
  const title = ws.getCell('A1');
  title.value = s.title;
  title.font = { name: '方正小标宋简体', size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 36;
  ws.mergeCells('A2:E2');
  ws.getCell('A2').value = `申报单位（盖章）：${s.applicant}`;
  ws.mergeCells('A3:E3');
  ws.getCell('A3').value = `填报日期：${s.filledOn}`;
  put(ws, 'A4:B4', '平台名称', { center: true, bold: true }); put(ws, 'C4:E4', s.name);
  put(ws, 'A5:B5', '平台地址', { center: true, bold: true }); put(ws, 'C5:E5', s.address);
  put(ws, 'A6:B6', '平台性质', { center: true, bold: true }); put(ws, 'C6', s.type); put(ws, 'D6', '载体性质', { center: true, bold: true }); put(ws, 'E6', s.carrier);
  put(ws, 'A7:B7', '负责人（联系人）', { center: true, bold: true }); put(ws, 'C7', s.contactName); put(ws, 'D7', '联系电话', { center: true, bold: true }); put(ws, 'E7', s.contactPhone);
  put(ws, 'A8:A9', '线下场所', { center: true, bold: true }); put(ws, 'B8', '场所面积', { center: true }); put(ws, 'C8', s.siteArea); put(ws, 'D8', '场所个数', { center: true }); put(ws, 'E8', s.siteCount);
  put(ws, 'B9', '建设方式', { center: true }); put(ws, 'C9', s.construction); put(ws, 'D9', '投入资金', { center: true }); put(ws, 'E9', s.investment);
  put(ws, 'A10:B10', '运营方式', { center: true, bold: true }); put(ws, 'C10', s.operationMode); put(ws, 'D10', '运营团队人数', { center: true }); put(ws, 'E10', s.teamSize);
  put(ws, 'A11:B11', '平台可为入驻企业提供的服务（选择打√）', { center: true, bold: true }); put(ws, 'C11:E11', s.services);
  ws.getRow(11).height = 48;
  const opinion = (row: number, o: FormSheet['hrssOpinion'], seal: boolean) => {
    put(ws, `A${row}:E${row}`, `${o.title}：\n${o.text}\n\n${seal ? '（盖章）  ' : ''}签发人：${o.signer}    ${o.date}`, { top: true });
    ws.getRow(row).height = 120;
  };
  opinion(12, s.hrssOpinion, false);
  opinion(13, s.govOpinion, true);
  for (const r of [4, 5, 6, 7, 8, 9, 10]) ws.getRow(r).height = 30;
}

export async function exportFormSheet(db: Db, ctx: RequestContext, id: string): Promise<{ filename: string; body: Buffer }> {
  const detail = await getApplication(db, ctx, id);
  const sheet = formSheetOf(detail);
  const body = await workbookBuffer((wb) => layoutFormSheet(wb.addWorksheet('附表1'), sheet));
  return { filename: `认定申请表-${detail.name}.xlsx`, body };
}
