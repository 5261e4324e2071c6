import { describe, expect, it } from 'vitest';
import { art33Check, type Art33Facts } from './art33.js';

const ok: Art33Facts = { year: 2025, level: 'district', status: 'filed', grade: 'excellent', conditions: { ok: true, failed: [] } };

describe('art33Check (Art 33 direct recognition)', () => {
  it('accepts a filed district-level platform graded 优秀 that meets the municipal conditions', () => {
    expect(art33Check(ok)).toEqual({ ok: true });
  });

  it('refuses a grade other than 优秀, or none', () => {
    expect(art33Check({ ...ok, grade: 'pass' })).toEqual({ ok: false, reasons: ['2025 年度市级评估等次为「合格」，第三十三条要求评为「优秀」'] });
    expect(art33Check({ ...ok, grade: null })).toEqual({ ok: false, reasons: ['该平台没有 2025 年度已公布的市级评估等次'] });
  });

  it('refuses failing or unverifiable conditions, naming them', () => {
    expect(art33Check({ ...ok, conditions: { ok: true, failed: ['建筑面积：800，要求 ≥ 1,200 平方米'] } }))
      .toEqual({ ok: false, reasons: ['不符合市级平台认定条件：建筑面积：800，要求 ≥ 1,200 平方米'] });
    expect(art33Check({ ...ok, conditions: { ok: false, message: '缺少年度数据' } })).toEqual({ ok: false, reasons: ['未能核验市级平台认定条件：缺少年度数据'] });
  });

  it('refuses a platform already municipal, or not 已备案, and lists every reason', () => {
    expect(art33Check({ ...ok, level: 'municipal', status: 'recognized' })).toEqual({ ok: false, reasons: ['该平台已是市级平台，第三十三条只适用于区县级平台'] });
    const r = art33Check({ ...ok, status: 'rectifying', grade: 'fail' });
    expect(r.ok ? [] : r.reasons).toHaveLength(2);
    expect(r.ok ? '' : r.reasons[0]).toContain('「整改中」');
  });
});
