import { describe, expect, it } from 'vitest';
import { buildMenu } from './menu';

const titles = (m: ReturnType<typeof buildMenu>) => m.items.map((i) => i.title);

describe('menu entry 平台认定申报', () => {
  it('is in the menu of the district government, district units, the bureau and the administrator', () => {
    for (const role of ['district_gov', 'district', 'bureau', 'admin'] as const) expect(titles(buildMenu(role)), role).toContain('平台认定申报');
    for (const role of ['auditor', 'security_admin'] as const) expect(titles(buildMenu(role)), role).not.toContain('平台认定申报');
  });

  it('shows for an operator only when its platform has an application, for an expert only when assigned one', () => {
    for (const role of ['operator', 'expert'] as const) {
      expect(titles(buildMenu(role)), role).not.toContain('平台认定申报');
      expect(titles(buildMenu(role, new Set(['/app/recognition/applications']))), role).toContain('平台认定申报');
    }
  });
});

describe('menu entry 节假日安排', () => {
  const grouped = (m: ReturnType<typeof buildMenu>) => m.groups.flatMap((g) => g.items.map((i) => `${g.title}/${i.title}`));
  it('is under 系统管理 for the system administrator only (三员: business configuration)', () => {
    expect(grouped(buildMenu('admin'))).toContain('系统管理/节假日安排');
    for (const role of ['security_admin', 'auditor', 'bureau', 'district', 'district_gov', 'operator', 'expert'] as const) {
      expect(grouped(buildMenu(role)).some((t) => t.endsWith('节假日安排')), role).toBe(false);
    }
  });
});

describe('menu entries 区县认定政策 and 区县级平台备案 (Art 16)', () => {
  it('are in the menu of district units, the bureau and the administrator only', () => {
    for (const role of ['district', 'bureau', 'admin'] as const) {
      expect(titles(buildMenu(role)), role).toEqual(expect.arrayContaining(['区县认定政策', '区县级平台备案']));
    }
    for (const role of ['district_gov', 'operator', 'expert', 'auditor', 'security_admin'] as const) {
      expect(titles(buildMenu(role)), role).not.toContain('区县认定政策');
      expect(titles(buildMenu(role)), role).not.toContain('区县级平台备案');
    }
  });
});
