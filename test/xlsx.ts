import ExcelJS from 'exceljs';

/** Parses a downloaded .xlsx back, as a user's Excel would open it. */
export async function readXlsx(payload: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(payload).buffer);
  return wb;
}

/** The rows of a sheet as arrays of cell values, header row first. */
export function sheetRows(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push(Array.from({ length: ws.columnCount }, (_, i) => row.getCell(i + 1).value)));
  return rows;
}
