import { describe, expect, it } from 'vitest';
import type { Role } from '../auth/roles.js';
import { checkFilingStep, districtMayEdit, filingProblems, filingStatuses } from './filing.js';

const ps = [{ id: 'a', name: '甲园' }, { id: 'b', name: '乙园' }];

describe('district evaluation filing (Art 28)', () => {
  it('lets the district save and submit, the bureau acknowledge or return; nobody else', () => {
    expect(checkFilingStep('save', 'none', 'district')).toEqual({ ok: true, to: 'draft' });
    expect(checkFilingStep('submit', 'draft', 'district')).toEqual({ ok: true, to: 'submitted' });
    expect(checkFilingStep('submit', 'returned', 'district')).toEqual({ ok: true, to: 'submitted' });
    expect(checkFilingStep('acknowledge', 'submitted', 'bureau')).toEqual({ ok: true, to: 'acknowledged' });
    expect(checkFilingStep('return', 'submitted', 'admin')).toEqual({ ok: true, to: 'returned' });
    const others: Role[] = ['district_gov', 'operator', 'expert', 'auditor', 'security_admin'];
    for (const role of others) for (const a of ['save', 'submit', 'acknowledge', 'return'] as const) expect(checkFilingStep(a, 'submitted', role).ok).toBe(false);
    expect(checkFilingStep('submit', 'draft', 'bureau')).toEqual({ ok: false, message: '「报送市人力社保局」须由区县人力社保部门办理' });
    expect(checkFilingStep('acknowledge', 'submitted', 'district')).toEqual({ ok: false, message: '「确认备案」须由市人力社保局办理' });
  });

  it('freezes a submitted or acknowledged filing', () => {
    expect(checkFilingStep('save', 'submitted', 'district')).toEqual({ ok: false, message: '「已报送待确认」的评估结果不能保存' });
    expect(checkFilingStep('submit', 'acknowledged', 'district').ok).toBe(false);
    expect(checkFilingStep('acknowledge', 'draft', 'bureau').ok).toBe(false);
    expect(filingStatuses.filter(districtMayEdit)).toEqual(['draft', 'returned']);
  });

  it('asks for every district-level platform with a grade, and nothing else', () => {
    expect(filingProblems(ps, [{ platformId: 'a', grade: '优秀' }, { platformId: 'b', grade: 'A档', score: '88.5' }])).toEqual([]);
    expect(filingProblems(ps, [{ platformId: 'a', grade: '优秀' }])).toEqual(['评估结果：缺少「乙园」']);
    expect(filingProblems(ps, [{ platformId: 'a', grade: ' ' }, { platformId: 'b', grade: '良' }])).toEqual(['评估等次：「甲园」未填写']);
    expect(filingProblems(ps, [{ platformId: 'a', grade: '优' }, { platformId: 'b', grade: '良' }, { platformId: 'x', grade: '良' }])).toEqual(['评估结果：所列平台须为本区县已备案的区县级平台']);
    expect(filingProblems(ps, [{ platformId: 'a', grade: '优' }, { platformId: 'a', grade: '良' }, { platformId: 'b', grade: '良' }])).toEqual(['评估结果：「甲园」重复填报']);
    expect(filingProblems([], [])).toEqual(['本区县没有已备案的区县级平台，无需报送年度评估结果（第二十八条）']);
  });
});
