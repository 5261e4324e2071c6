/** The platform list as .xlsx, with the filters of the list on screen. */
import type { Db } from '../../db/client.js';
import { platformScope } from '../../domain/auth/scope.js';
import { carrierLabels, categoryLabels, categoryOf, operationModeLabels, orientationLabels, originLabels, serviceLabels } from '../../domain/platforms/labels.js';
import { statusLabels } from '../../domain/platforms/lifecycle.js';
import { PLATFORM_LEVEL_LABELS, PLATFORM_TYPE_LABELS } from '../../domain/rules/scheme-types.js';
import type { RequestContext } from '../context.js';
import { maskPhone } from '../pagination.js';
import { dateStamp, sheetBuffer, type XlsxColumn } from '../xlsx.js';
import * as repo from './repository.js';
import type { PlatformListQuery } from './schema.js';
import { EXPORT_ROW_LIMIT } from './service.js';

type Row = Awaited<ReturnType<typeof repo.exportPlatforms>>[number];

const columns: XlsxColumn<Row>[] = [
  { header: '平台名称', width: 40, value: (r) => r.name },
  { header: '层级', value: (r) => PLATFORM_LEVEL_LABELS[r.level] },
  { header: '类别', value: (r) => categoryLabels[categoryOf(r.type)] },
  { header: '类型', width: 36, value: (r) => PLATFORM_TYPE_LABELS[r.type] },
  { header: '所属区县', value: (r) => r.districtName },
  { header: '地址', width: 36, value: (r) => r.address },
  { header: '载体性质', value: (r) => carrierLabels[r.carrier] },
  { header: '服务行业或人才类别', width: 20, value: (r) => r.servedField },
  { header: '定位', value: (r) => (r.orientation === null ? null : orientationLabels[r.orientation]) },
  { header: '管理机构', width: 28, value: (r) => r.managementOrgName },
  { header: '运营方式', value: (r) => operationModeLabels[r.operationMode] },
  { header: '运营机构', width: 28, value: (r) => r.operatorName },
  { header: '联系人', value: (r) => r.contactName },
  // Exports leave the building: the phone stays masked as in the list.
  { header: '联系电话', width: 16, value: (r) => maskPhone(r.contactPhone) },
  { header: '提供的服务', width: 40, value: (r) => r.services.map((s) => serviceLabels[s]).join('、') },
  { header: '状态', value: (r) => statusLabels[r.status] },
  { header: '登记方式', value: (r) => originLabels[r.origin] ?? '新建登记' },
  { header: '认定（备案）日期', width: 16, value: (r) => r.recognizedAt },
  { header: '认定文号', width: 24, value: (r) => r.recognitionDocNo },
  { header: '上级平台', width: 30, value: (r) => r.parentPlatformName },
];

export async function exportPlatforms(db: Db, ctx: RequestContext, q: PlatformListQuery): Promise<{ filename: string; body: Buffer }> {
  const rows = await repo.exportPlatforms(db, platformScope(ctx.actor), q, EXPORT_ROW_LIMIT);
  return { filename: `平台名录-${dateStamp()}.xlsx`, body: await sheetBuffer({ name: '平台名录', columns, rows }) };
}
