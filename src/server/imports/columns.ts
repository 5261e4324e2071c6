/** The enterprise directory's columns: one definition for the template, the import and the export. */
import { residenceModeLabels } from '../../domain/platforms/labels.js';

export const COL = {
  uscc: '统一社会信用代码',
  name: '企业名称',
  industry: '所属行业',
  isHrService: '是否人力资源服务企业(是/否)',
  aboveScale: '是否规模以上(是/否)',
  mode: '入驻方式(线下/线上/协议)',
  entryDate: '入驻日期',
  exitDate: '退出日期',
  revenue: '营业收入(元)',
  passThrough: '其中代收代付(元)',
  tax: '纳税额(元)',
  overrideReason: '代码校验未通过的说明',
} as const;
export type ColumnKey = keyof typeof COL;

/** Template order; the import finds columns by header, in any order. */
export const COLUMN_ORDER: readonly ColumnKey[] = ['uscc', 'name', 'industry', 'isHrService', 'aboveScale', 'mode', 'entryDate', 'exitDate', 'revenue', 'passThrough', 'tax', 'overrideReason'];
export const REQUIRED_COLUMNS: readonly ColumnKey[] = ['uscc', 'name', 'industry', 'isHrService', 'aboveScale', 'mode', 'revenue', 'tax'];

/** Short names in messages: 「是否规模以上」 rather than the header with its hint. */
export const columnName = (key: ColumnKey): string => COL[key].replace(/\(.*\)$/, '');

export const COLUMN_WIDTHS: Readonly<Record<ColumnKey, number>> = {
  uscc: 22, name: 36, industry: 30, isHrService: 14, aboveScale: 12, mode: 14, entryDate: 12, exitDate: 12, revenue: 18, passThrough: 18, tax: 16, overrideReason: 30,
};

export const MODE_BY_LABEL: Readonly<Record<string, keyof typeof residenceModeLabels>> = { 线下: 'offline', 线上: 'online', 协议: 'agreement' };

/** Rows whose name starts so are the template's example and are skipped. */
export const EXAMPLE_MARK = /^[（(]示例[）)]/;

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;
export const MAX_LISTED_ERRORS = 500;
