/** Enterprise and residence lists as .xlsx; the residence export has the import template's columns, so it can be edited and imported back. */
import type { Db } from '../../db/client.js';
import { platformScope } from '../../domain/auth/scope.js';
import { findIndustry, industryOption } from '../../domain/enterprises/industry.js';
import { residenceModeLabels } from '../../domain/platforms/labels.js';
import type { RequestContext } from '../context.js';
import { COL, COLUMN_WIDTHS } from '../imports/columns.js';
import { visiblePlatform } from '../platforms/access.js';
import { dateStamp, sheetBuffer, type XlsxColumn } from '../xlsx.js';
import { enterpriseRow, residenceRow } from './mappers.js';
import * as repo from './repository.js';
import { exportResidences as loadResidences } from './residence-repository.js';
import type { EnterpriseListQuery, EnterpriseRow, ResidenceFilters, ResidenceRow } from './schema.js';

export const EXPORT_ROW_LIMIT = 50_000;
const yesNo = (b: boolean | null) => (b === null ? null : b ? '是' : '否');
const industryText = (code: string | null) => {
  const s = findIndustry(code);
  return s ? industryOption(s) : code;
};
const YUAN = '#,##0';

const residenceColumns: XlsxColumn<ResidenceRow>[] = [
  { header: COL.uscc, width: COLUMN_WIDTHS.uscc, value: (r) => r.uscc },
  { header: COL.name, width: COLUMN_WIDTHS.name, value: (r) => r.enterpriseName },
  { header: COL.industry, width: COLUMN_WIDTHS.industry, value: (r) => industryText(r.industry) },
  { header: COL.isHrService, width: COLUMN_WIDTHS.isHrService, value: (r) => yesNo(r.isHrService) },
  { header: COL.aboveScale, width: COLUMN_WIDTHS.aboveScale, value: (r) => yesNo(r.aboveScale) },
  { header: COL.mode, width: COLUMN_WIDTHS.mode, value: (r) => residenceModeLabels[r.mode] },
  { header: COL.entryDate, width: COLUMN_WIDTHS.entryDate, value: (r) => r.entryDate },
  { header: COL.exitDate, width: COLUMN_WIDTHS.exitDate, value: (r) => r.exitDate },
  { header: COL.revenue, width: COLUMN_WIDTHS.revenue, numFmt: YUAN, value: (r) => r.revenueYuan },
  { header: COL.passThrough, width: COLUMN_WIDTHS.passThrough, numFmt: YUAN, value: (r) => r.passThroughYuan },
  { header: COL.tax, width: COLUMN_WIDTHS.tax, numFmt: YUAN, value: (r) => r.taxYuan },
  { header: COL.overrideReason, width: COLUMN_WIDTHS.overrideReason, value: (r) => r.usccOverrideReason },
  { header: '年末在驻', value: (r) => yesNo(r.atYearEnd) },
  { header: '重复线下入驻', width: 14, value: (r) => yesNo(r.duplicateOffline) },
];

export async function exportResidences(db: Db, ctx: RequestContext, platformId: string, q: ResidenceFilters) {
  const p = await visiblePlatform(db, ctx, platformId);
  const rows = (await loadResidences(db, platformId, q, EXPORT_ROW_LIMIT)).map(residenceRow);
  return { filename: `${p.name}-${q.year}年入驻企业名录.xlsx`, body: await sheetBuffer({ name: '入驻企业名录', columns: residenceColumns, rows }) };
}

const enterpriseColumns: XlsxColumn<EnterpriseRow>[] = [
  { header: COL.uscc, width: COLUMN_WIDTHS.uscc, value: (r) => r.uscc },
  { header: COL.name, width: COLUMN_WIDTHS.name, value: (r) => r.name },
  { header: COL.industry, width: COLUMN_WIDTHS.industry, value: (r) => industryText(r.industry) },
  { header: '是否人力资源服务企业', width: 14, value: (r) => yesNo(r.isHrService) },
  { header: '是否服务业企业', width: 12, value: (r) => yesNo(r.isServiceIndustry) },
  { header: '是否规模以上（所选年度）', width: 14, value: (r) => yesNo(r.aboveScale) },
  { header: '入驻记录数', value: (r) => r.residenceCount },
  { header: COL.overrideReason, width: COLUMN_WIDTHS.overrideReason, value: (r) => r.usccOverrideReason },
];

export async function exportEnterprises(db: Db, ctx: RequestContext, q: EnterpriseListQuery) {
  const rows = (await repo.exportEnterprises(db, platformScope(ctx.actor), q, EXPORT_ROW_LIMIT)).map(enterpriseRow);
  return { filename: `入驻企业-${dateStamp()}.xlsx`, body: await sheetBuffer({ name: '入驻企业', columns: enterpriseColumns, rows }) };
}
