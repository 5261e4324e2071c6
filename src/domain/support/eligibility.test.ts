import { describe, expect, it } from 'vitest';
import { supportEligibility, supportKinds, supportReasonMissing, type SupportKind } from './eligibility.js';

const policy: SupportKind[] = ['cluster', 'star_building', 'major_project'];

describe('support eligibility by grade and kind (Art 23–26, 32, 33)', () => {
  it.each(policy)('national and municipal %s: 优秀 priority, 合格 supported, 不合格 and no grade need a reason', (kind) => {
    for (const level of ['national', 'municipal'] as const) {
      expect(supportEligibility(kind, level, 'excellent')).toMatchObject({ standing: 'priority', qualifies: true });
      expect(supportEligibility(kind, level, 'pass')).toMatchObject({ standing: 'supported', qualifies: true });
      expect(supportEligibility(kind, level, 'fail')).toMatchObject({ standing: 'not_recommended', qualifies: false });
      expect(supportEligibility(kind, level, null)).toMatchObject({ standing: 'no_grade', qualifies: false });
    }
    expect(supportEligibility(kind, 'municipal', 'excellent').basis).toContain('第三十二条（一）');
    expect(supportEligibility(kind, 'municipal', 'fail').basis).toContain('不予推荐（第三十二条（二））');
  });

  it('a district-level platform: 集聚区 only through a voluntary 优秀 (Art 33); projects and star buildings at every level (Art 24)', () => {
    expect(supportEligibility('cluster', 'district', 'excellent', true)).toMatchObject({ standing: 'supported', qualifies: true });
    expect(supportEligibility('cluster', 'district', 'excellent', false)).toMatchObject({ standing: 'not_eligible_level', qualifies: false });
    expect(supportEligibility('cluster', 'district', null)).toMatchObject({ standing: 'not_eligible_level', qualifies: false });
    expect(supportEligibility('cluster', 'district', 'pass', true).qualifies).toBe(false);
    expect(supportEligibility('major_project', 'district', null)).toMatchObject({ standing: 'supported', qualifies: true });
    expect(supportEligibility('star_building', 'district', 'excellent', true).basis).toContain('第三十三条');
  });

  it('funds and subsidies (Art 25, 26) are not tied to a grade', () => {
    for (const kind of ['city_fund', 'district_fund'] as const) {
      for (const grade of ['excellent', 'pass', 'fail', null] as const) {
        expect(supportEligibility(kind, 'municipal', grade)).toMatchObject({ standing: 'not_tied', qualifies: true });
      }
    }
    expect(supportEligibility('district_fund', 'district', 'fail').basis).toContain('第二十六条');
  });

  it('a reason is missing only when the grade does not qualify and the reason is blank', () => {
    const fail = supportEligibility('cluster', 'municipal', 'fail');
    expect(supportReasonMissing(fail, null)).toBe(true);
    expect(supportReasonMissing(fail, '   ')).toBe(true);
    expect(supportReasonMissing(fail, '整改已完成，经局务会研究同意推荐')).toBe(false);
    expect(supportReasonMissing(supportEligibility('cluster', 'municipal', 'pass'), null)).toBe(false);
    expect(supportKinds).toHaveLength(5);
  });
});
