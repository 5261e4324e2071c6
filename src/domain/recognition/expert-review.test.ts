import { describe, expect, it } from 'vitest';
import { materialKinds } from './materials.js';
import { proposeRefusal, submitProblems, type ExpertWork } from './expert-review.js';

const complete: ExpertWork = {
  verifications: Object.fromEntries(materialKinds.map((k) => [k, { result: 'verified' as const }])),
  siteVisit: { date: '2025-06-01', participants: ['张三'], findings: '场地与申报一致' },
  necessity: '有必要', feasibility: '可行', recommendation: 'recommend',
};

describe('an expert’s submission', () => {
  it('is complete with every kind verified, the site visit, both opinions and a recommendation', () => {
    expect(submitProblems(complete)).toEqual([]);
  });

  it('names every gap in Chinese with its field', () => {
    const { residents: _r, ...four } = complete.verifications;
    const problems = submitProblems({ ...complete, verifications: { ...four, policies: { result: 'problem', note: ' ' } }, siteVisit: null, necessity: '', recommendation: null });
    expect(problems.map((p) => p.field)).toEqual(['verifications.policies.note', 'verifications.residents', 'siteVisit', 'necessity', 'recommendation']);
    expect(problems[1]!.message).toBe('材料核验·4. 平台入驻企业名录、入驻协议，平台入驻企业上年度营业收入情况：尚未核验');
  });
});

describe('proposing for publicity', () => {
  it('needs a submitted opinion and no expert still working', () => {
    expect(proposeRefusal({ assigned: 0, declined: 1, submitted: 0 }, [])).toBe('尚无专家提交评估意见，不能确定为拟认定平台');
    expect(proposeRefusal({ assigned: 1, declined: 0, submitted: 1 }, ['李专家'])).toBe('以下专家尚未提交评估意见或申请回避：李专家');
    expect(proposeRefusal({ assigned: 0, declined: 1, submitted: 1 }, [])).toBeNull();
  });
});
