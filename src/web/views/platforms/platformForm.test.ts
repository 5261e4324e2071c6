import { describe, expect, it } from 'vitest';
import type { PlatformDetail } from '../../api/types';
import { createBody, emptyPlatformForm, legacyBody, patchBody, platformFormOf } from './platformForm';

const detail: PlatformDetail = {
  id: 'p1', name: '九龙坡区人力资源服务产业园', level: 'municipal', type: 'comprehensive_park', districtCode: '500107', districtName: '九龙坡区',
  operatorOrgId: null, operatorName: null, status: 'recognized', origin: 'registered', recognizedAt: '2022-11-08', category: 'park', carrier: 'offline',
  address: null, contactName: '张三', contactPhone: '138****5678', parentPlatformId: null, parentPlatformName: null, servedField: null,
  orientation: null, managementOrgName: null, operationMode: 'self', services: ['policy'], recognitionDocNo: null, recognitionBasis: null,
  branches: [], siteCount: 0, totalAreaM2: 0, staff: { managementFullTime: 0, operatingFullTime: 0, operatingTitled: 0 }, latestDataYear: null,
  createdAt: '', updatedAt: '', canEdit: true, editableFields: ['contactName', 'contactPhone', 'services'], canViewContact: true, allowedTransitions: [],
};

describe('platform form', () => {
  it('patches only changed fields the caller may edit', () => {
    const baseline = platformFormOf(detail);
    const form = { ...platformFormOf(detail), name: '改名', services: ['policy' as const, 'financing' as const], address: '  ' };
    expect(patchBody(form, baseline, new Set(detail.editableFields))).toEqual({ services: ['policy', 'financing'] });
  });

  it('does not send the masked phone back unless it was changed', () => {
    const baseline = platformFormOf(detail);
    expect(patchBody(platformFormOf(detail), baseline, new Set(detail.editableFields))).toEqual({});
    const form = { ...platformFormOf(detail), contactPhone: '13912345678' };
    expect(patchBody(form, baseline, new Set(detail.editableFields))).toEqual({ contactPhone: '13912345678' });
  });

  it('clears fields that do not apply to the type or level when creating', () => {
    const form = { ...emptyPlatformForm(null), name: ' 新平台 ', level: 'municipal' as const, type: 'comprehensive_park' as const,
      districtCode: '500107', servedField: '制造业', orientation: 'industry' as const, parentPlatformId: 'x' };
    expect(createBody(form)).toMatchObject({ name: '新平台', servedField: null, orientation: null, parentPlatformId: null });
  });

  it('sends 存量平台登记 only with the original number and date, and without a status', () => {
    const form = { ...emptyPlatformForm(null), name: '万州园', level: 'municipal' as const, type: 'comprehensive_park' as const, districtCode: '500101', status: 'preparing' as const };
    expect(legacyBody(form)).toBeNull();
    expect(legacyBody({ ...form, recognitionDocNo: '渝人社〔2023〕64号' })).toBeNull();
    const body = legacyBody({ ...form, recognitionDocNo: ' 渝人社〔2023〕64号 ', recognizedAt: '2023-04-20' });
    expect(body).toMatchObject({ level: 'municipal', recognitionDocNo: '渝人社〔2023〕64号', recognizedAt: '2023-04-20' });
    expect(body).not.toHaveProperty('status');
    expect(legacyBody({ ...form, level: 'district', recognitionDocNo: '渝人社〔2023〕64号', recognizedAt: '2023-04-20' })).toBeNull();
  });
});
