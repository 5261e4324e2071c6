import { describe, expect, it } from 'vitest';
import { daysBetween, dueReminder, dueStanding, periodsOf } from './due.js';
import { figureSetProblem, REPORT_FIGURES, yearDataPatch } from './figures.js';
import { checkReportTransition, REPORT_TRANSITIONS, reportActionsFor, reportStates } from './workflow.js';

describe('the report workflow table', () => {
  it('runs draft → submitted → returned → submitted → accepted, each step by its role', () => {
    expect(checkReportTransition('draft', 'submit', 'operator')).toEqual({ ok: true, to: 'submitted' });
    expect(checkReportTransition('submitted', 'return', 'district')).toEqual({ ok: true, to: 'returned' });
    expect(checkReportTransition('returned', 'submit', 'operator')).toEqual({ ok: true, to: 'submitted' });
    expect(checkReportTransition('submitted', 'accept', 'district')).toEqual({ ok: true, to: 'accepted' });
  });

  it('refuses steps out of order and roles that may not take them', () => {
    expect(checkReportTransition('accepted', 'return', 'district')).toMatchObject({ ok: false, reason: '报表已审核通过，不能退回修改' });
    expect(checkReportTransition('draft', 'accept', 'district').ok).toBe(false);
    expect(checkReportTransition('submitted', 'submit', 'operator').ok).toBe(false);
    expect(checkReportTransition('submitted', 'accept', 'operator')).toMatchObject({ ok: false, reason: '当前角色不能审核通过' });
    for (const role of ['district_gov', 'expert', 'auditor', 'security_admin'] as const) {
      for (const state of reportStates) expect(reportActionsFor(state, role)).toEqual([]);
    }
    expect(reportActionsFor('submitted', 'district')).toEqual(['return', 'accept']);
    expect(REPORT_TRANSITIONS.return.reasonRequired).toBe(true);
  });
});

describe('due dates and reminders', () => {
  it('makes four quarters and a year with the due date a set number of days after each period', () => {
    expect(periodsOf('quarterly', 2026, 15)).toEqual([
      { label: '2026 年第一季度', quarter: 1, dueOn: '2026-04-15' },
      { label: '2026 年第二季度', quarter: 2, dueOn: '2026-07-15' },
      { label: '2026 年第三季度', quarter: 3, dueOn: '2026-10-15' },
      { label: '2026 年第四季度', quarter: 4, dueOn: '2027-01-15' },
    ]);
    expect(periodsOf('yearly', 2026, 90)).toEqual([{ label: '2026 年度', quarter: null, dueOn: '2027-03-31' }]);
    expect(daysBetween('2026-04-08', '2026-04-15')).toBe(7);
  });

  it('reminds once within 7 days before the due date and once after it, only while the report is owed', () => {
    const due = '2026-04-15';
    expect(dueReminder(due, '2026-04-07', null, [])).toBeNull(); // 8 days before
    expect(dueReminder(due, '2026-04-08', null, [])).toBe('due_soon');
    expect(dueReminder(due, '2026-04-15', 'draft', [])).toBe('due_soon');
    expect(dueReminder(due, '2026-04-10', null, ['due_soon'])).toBeNull();
    expect(dueReminder(due, '2026-04-16', null, ['due_soon'])).toBe('overdue');
    expect(dueReminder(due, '2026-05-16', 'returned', ['due_soon'])).toBe('overdue');
    expect(dueReminder(due, '2026-04-20', null, ['due_soon', 'overdue'])).toBeNull();
    expect(dueReminder(due, '2026-04-20', 'submitted', [])).toBeNull();
    expect(dueReminder(due, '2026-04-20', 'accepted', [])).toBeNull();
    expect(dueStanding(due, '2026-04-16', 'returned')).toBe('overdue');
    expect(dueStanding(due, '2026-04-01', null)).toBe('open');
    expect(dueStanding(due, '2026-04-16', 'accepted')).toBe('done');
  });
});

describe('the figures asked', () => {
  it('checks a cycle’s figure set per type and writes only year-data facts', () => {
    expect(figureSetProblem({ comprehensive_park: ['residentEnterprises', 'jobsPromoted'] })).toBeNull();
    expect(figureSetProblem({ specialized_market: ['jobsPromoted'] })).toContain('不适用');
    expect(figureSetProblem({ comprehensive_park: ['nope'] })).toContain('未知');
    expect(figureSetProblem({})).not.toBeNull();
    expect(yearDataPatch({ residentEnterprises: 12, jobsPromoted: 300, platformTaxYuan: 5000 })).toEqual({ jobsPromoted: 300, platformTaxYuan: 5000 });
    expect(new Set(REPORT_FIGURES.map((f) => f.key)).size).toBe(REPORT_FIGURES.length);
  });
});
