import { describe, expect, it } from 'vitest';
import type { DistrictFiling } from '../../api/districtEvaluations';
import { rowsFiled, rowsToFill } from './filing';

const f: DistrictFiling = {
  id: 'f1', districtCode: '500107', districtName: '九龙坡区', year: 2025, status: 'submitted', statusLabel: '已报送待确认',
  platforms: [
    { id: 'b', name: '九龙坡区数字人才市场', type: 'specialized_market', status: 'filed' },
    { id: 'u', name: '九龙坡区零工市场', type: 'comprehensive_park', status: 'rectifying' },
  ],
  items: [
    { platformId: 'u', platformName: '九龙坡区零工市场', grade: '优秀', score: '91', note: null },
    { platformId: 'q', platformName: '已升级的平台', grade: '良好', score: null, note: '已认定为市级平台' },
  ],
  note: null, document: null, submittedAt: null, submittedByName: null, decidedAt: null, decidedByName: null, decisionNote: null, problems: [],
};

describe('the rows of an Art 28 filing', () => {
  it('to fill in: every platform the district must cover, with what was entered', () => {
    expect(rowsToFill(f)).toEqual([
      { platformId: 'b', name: '九龙坡区数字人才市场', type: 'specialized_market', status: 'filed', grade: '', score: '', note: '' },
      { platformId: 'u', name: '九龙坡区零工市场', type: 'comprehensive_park', status: 'rectifying', grade: '优秀', score: '91', note: '' },
    ]);
  });

  it('as filed: what the filing holds, a platform no longer listed without type and status', () => {
    expect(rowsFiled(f)).toEqual([
      { platformId: 'u', name: '九龙坡区零工市场', type: 'comprehensive_park', status: 'rectifying', grade: '优秀', score: '91', note: '' },
      { platformId: 'q', name: '已升级的平台', type: null, status: null, grade: '良好', score: '', note: '已认定为市级平台' },
    ]);
  });
});
