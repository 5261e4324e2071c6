/**
 * Open data (开放数据): the public directory and each year's published results as tables, with
 * their licence and data dictionary. One column list per dataset drives the .xlsx, the CSV and the
 * dictionary shown on the portal, so the three cannot disagree. Nothing personal is a column.
 */
import type { PlatformLevel, PlatformService, PlatformStatus, PlatformType } from '../platforms/codes.js';
import { serviceLabels } from '../platforms/labels.js';
import { statusLabels } from '../platforms/lifecycle.js';
import { PLATFORM_LEVEL_LABELS, PLATFORM_TYPE_LABELS } from '../rules/scheme-types.js';
import { GRADE_LABELS, type Grade } from '../grading/types.js';

export const PUBLISHER = '重庆市人力资源和社会保障局';

export const OPEN_DATA_LICENCE = {
  title: '开放数据使用许可',
  text: [
    `本页数据由${PUBLISHER}（以下简称“发布机关”）依法公开，任何单位和个人均可免费获取、复制、传播、加工和再利用，包括用于商业目的，无须另行申请。`,
    `使用时请注明数据来源：“${PUBLISHER}，重庆市人力资源服务发展平台名录及年度评估结果”，并注明获取日期；对数据进行加工的，不得歪曲原意，不得以发布机关名义发布加工后的数据。`,
    '数据按“现状”提供。发布机关尽力保证数据准确、及时，但不对数据的完整性、准确性及适用于特定用途作任何明示或默示的保证，不承担因使用数据产生的任何责任。数据以本系统最新公布的内容为准。',
    '数据不含个人信息。请勿将本数据与其他来源的数据关联以识别特定自然人。',
  ],
} as const;

/** One column of a dataset: its header, what it means, its format or values, and how a record fills it. */
export interface DataColumn<T> {
  header: string;
  meaning: string;
  format: string;
  width: number;
  value: (row: T) => string;
}

/** One line of the public directory. */
export interface DirectoryRecord {
  id: string;
  name: string;
  type: PlatformType;
  level: PlatformLevel;
  districtCode: string;
  districtName: string;
  status: PlatformStatus;
  operatorName: string | null;
  address: string | null;
  recognizedAt: string | null;
  recognitionDocNo: string | null;
  services: readonly PlatformService[];
  parentPlatformName: string | null;
}

/** One line of a year's published results. */
export interface ResultRecord {
  year: number;
  platformName: string;
  type: PlatformType;
  level: PlatformLevel;
  districtName: string;
  grade: Grade;
  publishedOn: string;
}

const values = (labels: Readonly<Record<string, string>>): string => Object.values(labels).join('、');
const SERVICE_SEPARATOR = '；';

export const directoryColumns: readonly DataColumn<DirectoryRecord>[] = [
  { header: '平台编号', meaning: '平台在本系统中的唯一标识，可用于关联年度数据', format: 'UUID，36 位字符', width: 38, value: (r) => r.id },
  { header: '平台名称', meaning: '平台的正式名称', format: '文本', width: 36, value: (r) => r.name },
  { header: '平台类型', meaning: '平台的类型', format: values(PLATFORM_TYPE_LABELS), width: 28, value: (r) => PLATFORM_TYPE_LABELS[r.type] },
  { header: '平台层级', meaning: '认定或备案的层级', format: values(PLATFORM_LEVEL_LABELS), width: 10, value: (r) => PLATFORM_LEVEL_LABELS[r.level] },
  { header: '区县代码', meaning: '平台所在区县（含功能区）的行政区划代码', format: '6 位数字或功能区代码', width: 10, value: (r) => r.districtCode },
  { header: '所属区县', meaning: '平台所在区县（含功能区）', format: '文本', width: 14, value: (r) => r.districtName },
  { header: '状态', meaning: '平台当前的认定或备案状态（名录只含已认定、已备案和整改中的平台）', format: `${statusLabels.recognized}、${statusLabels.filed}、${statusLabels.rectifying}`, width: 10, value: (r) => statusLabels[r.status] },
  { header: '运营机构', meaning: '负责平台运营的单位', format: '文本；未登记的为空', width: 30, value: (r) => r.operatorName ?? '' },
  { header: '地址', meaning: '平台的办公地址', format: '文本；未登记的为空', width: 36, value: (r) => r.address ?? '' },
  { header: '认定（备案）日期', meaning: '平台获认定或备案的日期', format: '日期，YYYY-MM-DD；未登记的为空', width: 16, value: (r) => r.recognizedAt ?? '' },
  { header: '认定文号', meaning: '认定或备案文件的文号', format: '文本，如 渝人社〔2025〕12号；未登记的为空', width: 22, value: (r) => r.recognitionDocNo ?? '' },
  { header: '服务内容', meaning: '平台可为入驻企业提供的服务', format: `多个以“${SERVICE_SEPARATOR}”分隔，取值：${values(serviceLabels)}`, width: 40, value: (r) => r.services.map((s) => serviceLabels[s]).join(SERVICE_SEPARATOR) },
  { header: '上级平台', meaning: '分平台所属的国家级或市级平台', format: '文本；非分平台为空', width: 30, value: (r) => r.parentPlatformName ?? '' },
];

export const resultColumns: readonly DataColumn<ResultRecord>[] = [
  { header: '评估年度', meaning: '年度评估所评的年度', format: '4 位数字年份', width: 10, value: (r) => String(r.year) },
  { header: '平台名称', meaning: '参评平台的名称（公布时）', format: '文本', width: 36, value: (r) => r.platformName },
  { header: '平台类型', meaning: '参评平台的类型', format: values(PLATFORM_TYPE_LABELS), width: 28, value: (r) => PLATFORM_TYPE_LABELS[r.type] },
  { header: '平台层级', meaning: '参评平台的层级', format: values(PLATFORM_LEVEL_LABELS), width: 10, value: (r) => PLATFORM_LEVEL_LABELS[r.level] },
  { header: '所属区县', meaning: '参评平台所在区县（含功能区）', format: '文本', width: 14, value: (r) => r.districtName },
  { header: '评估等次', meaning: '年度评估结果', format: `${GRADE_LABELS.excellent}、${GRADE_LABELS.pass}、${GRADE_LABELS.fail}`, width: 10, value: (r) => GRADE_LABELS[r.grade] },
  { header: '公布日期', meaning: '评估结果公布的日期', format: '日期，YYYY-MM-DD', width: 12, value: (r) => r.publishedOn },
];

/** The dictionary of a dataset as shown on the portal and in the workbook's second sheet. */
export function dictionaryOf<T>(columns: readonly DataColumn<T>[]): { column: string; meaning: string; format: string }[] {
  return columns.map((c) => ({ column: c.header, meaning: c.meaning, format: c.format }));
}

/** The table's rows as text, in column order. */
export function tableOf<T>(columns: readonly DataColumn<T>[], rows: readonly T[]): string[][] {
  return rows.map((r) => columns.map((c) => c.value(r)));
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) gets a leading
 * apostrophe, the usual CSV-injection guard; no value of these datasets starts that way in practice.
 */
function inert(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function csvCell(cell: string): string {
  const safe = inert(cell);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** RFC 4180 CSV with a UTF-8 byte order mark, so that Excel opens the Chinese text correctly. */
export function csvOf<T>(columns: readonly DataColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => c.header), ...tableOf(columns, rows)].map((line) => line.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
