/**
 * The platform form's model and its conversions: detail → form, form → POST body, form → PATCH of the
 * changed fields the caller may edit (the server's `editableFields`; it refuses the others with 403).
 */
import type { FormRules } from 'element-plus';
import type { LegacyPlatformInput } from '../../api/platforms';
import type {
  Carrier, OperationMode, Orientation, PlatformDetail, PlatformInput, PlatformLevel, PlatformPatch, PlatformService, PlatformStatus,
  PlatformType, SessionUser,
} from '../../api/types';

export interface PlatformFormModel {
  name: string;
  level: PlatformLevel | undefined;
  type: PlatformType | undefined;
  districtCode: string | undefined;
  address: string;
  carrier: Carrier;
  servedField: string;
  orientation: Orientation | undefined;
  managementOrgName: string;
  operationMode: OperationMode;
  operatorOrgId: string | undefined;
  contactName: string;
  contactPhone: string;
  services: PlatformService[];
  recognizedAt: string | null;
  recognitionDocNo: string;
  recognitionBasis: string;
  parentPlatformId: string | undefined;
  /** Create only: the initial status and the reason recorded with it. */
  status: PlatformStatus | undefined;
  statusReason: string;
}

/** Every field the server may name in `details`, for useFieldErrors. */
export const PLATFORM_FORM_FIELDS = [
  'name', 'level', 'type', 'districtCode', 'address', 'carrier', 'servedField', 'orientation', 'managementOrgName', 'operationMode',
  'operatorOrgId', 'contactName', 'contactPhone', 'services', 'recognizedAt', 'recognitionDocNo', 'recognitionBasis', 'parentPlatformId',
  'status', 'statusReason',
] as const;
export type PlatformFormField = (typeof PLATFORM_FORM_FIELDS)[number];

/** PATCH-able fields (status never: it changes through the lifecycle dialog). */
const PATCH_FIELDS = PLATFORM_FORM_FIELDS.filter((f) => f !== 'status' && f !== 'statusReason');

export function emptyPlatformForm(user: SessionUser | null): PlatformFormModel {
  // A district unit registers district-level platforms of its own district only.
  const district = user?.role === 'district';
  return {
    name: '', level: district ? 'district' : undefined, type: undefined, districtCode: district ? (user.districtCode ?? undefined) : undefined,
    address: '', carrier: 'offline', servedField: '', orientation: undefined, managementOrgName: '', operationMode: 'self',
    operatorOrgId: undefined, contactName: '', contactPhone: '', services: [], recognizedAt: null, recognitionDocNo: '',
    recognitionBasis: '', parentPlatformId: undefined, status: undefined, statusReason: '',
  };
}

export function platformFormOf(p: PlatformDetail): PlatformFormModel {
  return {
    name: p.name, level: p.level, type: p.type, districtCode: p.districtCode, address: p.address ?? '', carrier: p.carrier,
    servedField: p.servedField ?? '', orientation: p.orientation ?? undefined, managementOrgName: p.managementOrgName ?? '',
    operationMode: p.operationMode, operatorOrgId: p.operatorOrgId ?? undefined, contactName: p.contactName ?? '',
    contactPhone: p.contactPhone ?? '', services: [...p.services], recognizedAt: p.recognizedAt, recognitionDocNo: p.recognitionDocNo ?? '',
    recognitionBasis: p.recognitionBasis ?? '', parentPlatformId: p.parentPlatformId ?? undefined, status: p.status, statusReason: '',
  };
}

const text = (s: string): string | null => (s.trim() === '' ? null : s.trim());

/** The form as the API's field values; fields that do not apply to the type or level are cleared. */
function fieldValues(m: PlatformFormModel): PlatformPatch {
  const specialized = m.type === 'specialized_park' || m.type === 'specialized_market';
  return {
    name: m.name.trim(), level: m.level, type: m.type, districtCode: m.districtCode, address: text(m.address), carrier: m.carrier,
    servedField: specialized ? text(m.servedField) : null, orientation: m.type === 'specialized_park' ? (m.orientation ?? null) : null,
    managementOrgName: text(m.managementOrgName), operationMode: m.operationMode, operatorOrgId: m.operatorOrgId ?? null,
    contactName: text(m.contactName), contactPhone: text(m.contactPhone), services: [...m.services], recognizedAt: m.recognizedAt ?? null,
    recognitionDocNo: text(m.recognitionDocNo), recognitionBasis: text(m.recognitionBasis),
    parentPlatformId: m.level === 'district' ? (m.parentPlatformId ?? null) : null,
  };
}

export function createBody(m: PlatformFormModel): PlatformInput | null {
  const { level, type, districtCode, ...rest } = fieldValues(m);
  if (!level || !type || !districtCode) return null; // guaranteed by the rules; narrows the types
  const body: PlatformInput = { ...rest, name: m.name.trim(), level, type, districtCode };
  if (m.status) body.status = m.status;
  if (m.statusReason.trim()) body.statusReason = m.statusReason.trim();
  return body;
}

/** 存量平台登记: the POST /platforms/legacy body (null until level, type, district, number and date are given). */
export function legacyBody(m: PlatformFormModel): LegacyPlatformInput | null {
  const body = createBody(m);
  if (!body || (body.level !== 'national' && body.level !== 'municipal') || !body.recognitionDocNo || !body.recognizedAt) return null;
  const { status: _s, statusReason: _r, level, recognitionDocNo, recognizedAt, parentPlatformId: _p, ...rest } = body;
  return { ...rest, level, recognitionDocNo, recognizedAt };
}

/** The changed fields among those the caller may edit. */
export function patchBody(m: PlatformFormModel, baseline: PlatformFormModel, editable: ReadonlySet<string>): PlatformPatch {
  const next = fieldValues(m);
  const before = fieldValues(baseline);
  const patch: PlatformPatch = {};
  for (const field of PATCH_FIELDS) {
    if (!editable.has(field) || JSON.stringify(next[field]) === JSON.stringify(before[field])) continue;
    Object.assign(patch, { [field]: next[field] });
  }
  return patch;
}

const PHONE = /^[0-9+\-() ]{5,20}$/;

/**
 * Early feedback only; the server's answer decides. The list and detail carry a masked phone
 * (138****5678), which passes while unchanged: `maskedPhone` gives that value.
 */
export function platformFormRules(maskedPhone: () => string): FormRules<PlatformFormModel> {
  return {
    name: [
      { required: true, message: '请输入平台名称', trigger: 'blur' },
      { max: 100, message: '平台名称不超过 100 个字', trigger: 'blur' },
    ],
    level: [{ required: true, message: '请选择层级', trigger: 'change' }],
    type: [{ required: true, message: '请选择类型', trigger: 'change' }],
    districtCode: [{ required: true, message: '请选择所在区县', trigger: 'change' }],
    address: [{ max: 200, message: '地址不超过 200 个字', trigger: 'blur' }],
    contactPhone: [{
      trigger: 'blur',
      validator: (_rule: unknown, value: unknown, callback: (error?: Error) => void) => {
        const phone = typeof value === 'string' ? value.trim() : '';
        if (phone === '' || phone === maskedPhone() || PHONE.test(phone)) callback();
        else callback(new Error(phone.includes('*') ? '修改号码前请先点击「查看完整号码」，或输入完整的新号码' : '应为 5–20 位电话号码'));
      },
    }],
    recognitionBasis: [{ max: 500, message: '认定依据不超过 500 个字', trigger: 'blur' }],
  };
}

/** 存量平台登记 needs the original document: number and date (the server checks the number's form). */
export const LEGACY_RULES: FormRules<PlatformFormModel> = {
  recognizedAt: [{ required: true, message: '请选择原认定日期', trigger: 'change' }],
  recognitionDocNo: [{ required: true, message: '请输入原认定文号', trigger: 'blur' }],
};
