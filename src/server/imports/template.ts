/** The .xlsx template of the enterprise directory, with drop-down lists and a sheet of instructions. */
import type ExcelJS from 'exceljs';
import { INDUSTRY_SECTIONS, industryOption } from '../../domain/enterprises/industry.js';
import { usccCheckChar } from '../../domain/ids/uscc.js';
import { workbookBuffer } from '../xlsx.js';
import { COL, COLUMN_ORDER, COLUMN_WIDTHS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ColumnKey } from './columns.js';

interface RangeValidations {
  add(range: string, validation: ExcelJS.DataValidation): void;
}
const isRangeValidations = (v: unknown): v is RangeValidations => typeof v === 'object' && v !== null && 'add' in v && typeof v.add === 'function';

/** exceljs supports one validation per range (not typed in its .d.ts); per-cell validations would bloat the file. */
function rangeValidations(ws: ExcelJS.Worksheet): RangeValidations {
  const dv: unknown = Reflect.get(ws, 'dataValidations');
  if (!isRangeValidations(dv)) throw new Error('exceljs: worksheet.dataValidations.add is missing');
  return dv;
}

const example17 = '91500107MA5U7A8B0';
const exampleRow: Record<ColumnKey, string | number | Date | null> = {
  uscc: `${example17}${usccCheckChar(example17) ?? ''}`,
  name: '（示例）重庆某某人力资源有限公司（本行不导入，可删除）',
  industry: industryOption(INDUSTRY_SECTIONS.find((s) => s.code === 'L') ?? { code: 'L', name: '租赁和商务服务业', service: true }),
  isHrService: '是',
  aboveScale: '否',
  mode: '线下',
  entryDate: new Date(Date.UTC(2024, 2, 1)),
  exitDate: null,
  revenue: 12_500_000,
  passThrough: 3_000_000,
  tax: 420_000,
  overrideReason: null,
};

const instructions: [string, string][] = [
  [COL.uscc, '必填。18 位，数字和大写字母（不含 I、O、Z、S、V）。系统按 GB 32100 校验第 18 位校验码。'],
  [COL.name, '必填。营业执照上的企业名称。同一代码以最近一次导入的名称为准。'],
  [COL.industry, '必填。国民经济行业门类（GB/T 4754-2017），从下拉列表选择；F–T 门类为服务业。见工作表「行业门类」。'],
  [COL.isHrService, '必填。「是」或「否」。人力资源服务企业一律计为服务业企业。'],
  [COL.aboveScale, '必填。「是」或「否」，以统计部门认定的当年度规模以上企业名录为准。'],
  [COL.mode, '必填。「线下」「线上」或「协议」。'],
  [COL.entryDate, '选填。日期，如 2024-03-01；不晚于所选年度的 12 月 31 日。'],
  [COL.exitDate, '选填。日期；未退出的不填。12 月 31 日及以前退出的，不计为年末在驻企业。'],
  [COL.revenue, '必填。所选年度营业收入，整数元，不带小数和单位；没有请填 0。'],
  [COL.passThrough, '选填。营业收入中的代收代付部分，整数元，不大于营业收入；不填按 0。'],
  [COL.tax, '必填。所选年度纳税额，整数元；没有请填 0。'],
  [COL.overrideReason, '仅当代码确属真实、但校验码不符时填写说明（如「营业执照原件如此，已核对」），该代码即予接受并记录说明。'],
  ['示例行', '第 2 行企业名称以「（示例）」开头，导入时跳过，可删除。'],
  ['导入规则', `每行均校验；有任何错误时整份文件不导入，并列出每处错误（第几行、哪一列）。文件不超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB、${MAX_IMPORT_ROWS.toLocaleString('en-US')} 行。`],
  ['重复导入', '按统一社会信用代码和年度更新；再次导入同一文件不会产生任何变化。导入不会删除文件中没有的企业。'],
];

export async function enterpriseTemplate(): Promise<Buffer> {
  return workbookBuffer((wb) => {
    const ws = wb.addWorksheet('入驻企业名录', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = COLUMN_ORDER.map((k) => ({ header: COL[k], key: k, width: COLUMN_WIDTHS[k] }));
    ws.getRow(1).font = { bold: true };
    ws.getColumn('uscc').numFmt = '@';
    for (const k of ['entryDate', 'exitDate'] as const) ws.getColumn(k).numFmt = 'yyyy-mm-dd';
    for (const k of ['revenue', 'passThrough', 'tax'] as const) ws.getColumn(k).numFmt = '#,##0';
    ws.addRow(COLUMN_ORDER.map((k) => exampleRow[k]));
    const last = MAX_IMPORT_ROWS + 1;
    const letter = (k: ColumnKey) => ws.getColumn(k).letter;
    const list = (k: ColumnKey, formula: string, prompt: string) =>
      rangeValidations(ws).add(`${letter(k)}2:${letter(k)}${last}`, { type: 'list', allowBlank: true, formulae: [formula], showErrorMessage: true, errorTitle: '请从列表选择', error: prompt });
    list('isHrService', '"是,否"', '请填写「是」或「否」');
    list('aboveScale', '"是,否"', '请填写「是」或「否」');
    list('mode', '"线下,线上,协议"', '请填写「线下」「线上」或「协议」');
    list('industry', `'行业门类'!$A$2:$A$${INDUSTRY_SECTIONS.length + 1}`, '请从行业门类中选择');

    const help = wb.addWorksheet('填写说明');
    help.columns = [{ header: '项目', width: 30 }, { header: '说明', width: 100 }];
    help.getRow(1).font = { bold: true };
    for (const row of instructions) help.addRow(row).alignment = { wrapText: true, vertical: 'top' };

    const sections = wb.addWorksheet('行业门类');
    sections.columns = [{ header: '门类', width: 40 }, { header: '是否服务业', width: 12 }];
    sections.getRow(1).font = { bold: true };
    for (const s of INDUSTRY_SECTIONS) sections.addRow([industryOption(s), s.service ? '是' : '否']);
  });
}
