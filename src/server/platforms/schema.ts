import { z } from 'zod';
import { carriers, operationModes, orientations, platformCategories, platformLevels, platformOrigins, platformServices, platformStatuses, platformTypes } from '../../domain/platforms/codes.js';
import { isIsoDate } from '../../domain/dates/iso-date.js';
import { isoDate, nameText, optionalName, optionalText, phone, shortText } from '../fields.js';
import { pageOf, pageQuery } from '../pagination.js';

export { platformCategories };

export const platformRow = z.object({
  id: z.string(),
  name: z.string(),
  level: z.enum(platformLevels),
  type: z.enum(platformTypes),
  districtCode: z.string(),
  districtName: z.string(),
  operatorOrgId: z.string().nullable(),
  operatorName: z.string().nullable(),
  status: z.enum(platformStatuses),
  origin: z.enum(platformOrigins).describe('legacy：存量平台登记（本系统启用前已认定，依原认定文件登记）'),
  recognizedAt: z.string().nullable(),
  category: z.enum(platformCategories),
  carrier: z.enum(carriers),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable().describe('列表中打码，如 138****5678'),
  parentPlatformId: z.string().nullable(),
  parentPlatformName: z.string().nullable(),
});
export type PlatformRow = z.infer<typeof platformRow>;

const listFilters = {
  districtCode: z.string().regex(/^[0-9A-Z]{2,10}$/).optional(),
  level: z.enum(platformLevels).optional(),
  type: z.enum(platformTypes).optional(),
  category: z.enum(platformCategories).optional(),
  status: z.enum(platformStatuses).optional(),
  carrier: z.enum(carriers).optional(),
  q: z.string().trim().max(64).optional(),
  sort: z.enum(['name', 'districtCode', 'level', 'recognizedAt']).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
};
export const platformListQuery = z.object({ ...listFilters, ...pageQuery });
export type PlatformListQuery = z.infer<typeof platformListQuery>;
/** The export takes the list's filters; paging is ignored (the export has its own row cap). */
export const platformExportQuery = z.object({ ...listFilters, ...pageQuery });

export const platformPage = pageOf(platformRow);

export const publicPlatformRow = platformRow.pick({ id: true, name: true, level: true, type: true, districtName: true, status: true });
export const publicPlatformPage = pageOf(publicPlatformRow);

const transition = z.object({ to: z.enum(platformStatuses), label: z.string(), meaning: z.string() });

export const platformDetail = platformRow.extend({
  servedField: z.string().nullable(),
  orientation: z.enum(orientations).nullable(),
  managementOrgName: z.string().nullable(),
  operationMode: z.enum(operationModes),
  services: z.array(z.enum(platformServices)),
  recognitionDocNo: z.string().nullable(),
  recognitionBasis: z.string().nullable(),
  branches: z.array(z.object({ id: z.string(), name: z.string(), districtName: z.string() })),
  siteCount: z.number().int(),
  totalAreaM2: z.number(),
  staff: z.object({ managementFullTime: z.number().int(), operatingFullTime: z.number().int(), operatingTitled: z.number().int() }),
  latestDataYear: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
  editableFields: z.array(z.string()),
  canViewContact: z.boolean(),
  allowedTransitions: z.array(transition),
});
export type PlatformDetail = z.infer<typeof platformDetail>;

const services = z.array(z.enum(platformServices)).max(platformServices.length).refine((xs) => new Set(xs).size === xs.length, { error: '不能重复' });

const editable = {
  name: nameText(100),
  address: optionalText(200),
  carrier: z.enum(carriers),
  servedField: optionalText(100),
  orientation: z.enum(orientations).nullable(),
  managementOrgName: optionalName(100),
  operationMode: z.enum(operationModes),
  operatorOrgId: z.uuid().nullable(),
  contactName: optionalName(50),
  contactPhone: phone.nullable(),
  services,
  recognizedAt: isoDate.nullable(),
  recognitionDocNo: optionalText(100),
  recognitionBasis: optionalText(500),
  parentPlatformId: z.uuid().nullable(),
  level: z.enum(platformLevels),
  type: z.enum(platformTypes),
  districtCode: z.string().regex(/^[0-9A-Z]{2,10}$/, '须为区县代码'),
};

export const createPlatformBody = z.strictObject({
  ...editable,
  carrier: editable.carrier.optional(),
  orientation: editable.orientation.optional(),
  operationMode: editable.operationMode.optional(),
  operatorOrgId: editable.operatorOrgId.optional(),
  contactPhone: editable.contactPhone.optional(),
  services: services.optional(),
  recognizedAt: editable.recognizedAt.optional(),
  parentPlatformId: editable.parentPlatformId.optional(),
  status: z.enum(platformStatuses).optional(),
  statusReason: shortText(500).optional(),
});
export type CreatePlatformInput = z.infer<typeof createPlatformBody>;

/**
 * 存量平台登记: a national or municipal platform recognized before HRSP, entered as 已认定 on its
 * original document; the number and date are required (the number is checked in the service, by level).
 */
export const legacyPlatformBody = z.strictObject({
  ...createPlatformBody.omit({ status: true, statusReason: true, recognizedAt: true, recognitionDocNo: true, level: true }).shape,
  level: z.enum(['national', 'municipal'], { error: '须为国家级或市级（区县级平台按区县认定备案登记）' }),
  recognitionDocNo: z.string({ error: '须填写原认定文号' }).trim().min(1, { error: '须填写原认定文号' }).max(50),
  recognizedAt: z.string({ error: '须填写原认定日期（YYYY-MM-DD）' }).refine(isIsoDate, { error: '须填写原认定日期（YYYY-MM-DD）' }),
});
export type LegacyPlatformInput = z.infer<typeof legacyPlatformBody>;

export const updatePlatformBody = z.strictObject(editable).partial();
export type UpdatePlatformInput = z.infer<typeof updatePlatformBody>;

export const contactResponse = z.object({ contactName: z.string().nullable(), contactPhone: z.string().nullable() });

export const statusChangeBody = z.strictObject({
  to: z.enum(platformStatuses),
  reason: shortText(500),
  effectiveDate: isoDate,
});
export type StatusChangeInput = z.infer<typeof statusChangeBody>;

export const historyRow = z.object({
  id: z.string(),
  fromStatus: z.enum(platformStatuses).nullable(),
  toStatus: z.enum(platformStatuses),
  reason: z.string(),
  effectiveDate: z.string(),
  at: z.string(),
  username: z.string().nullable(),
  displayName: z.string().nullable(),
});
export const historyList = z.array(historyRow);

export const platformIdParams = z.object({ id: z.uuid({ error: '编号格式不正确' }) });

/** What the list routes' API description says of `total` (repository.ts, src/server/list-counts.ts). */
export const platformTotalNote = '合计（total）为精确值：按范围和筛选条件计数；计数在平台或运营机构数据变更前留在内存中供翻页复用，任何一处变更即失效（多个服务进程经变更通知同步）。';
