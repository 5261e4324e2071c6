import { describe, expect, it } from 'vitest';
import { checkEntryAction, entryActions, entryStatuses, isOverdue, operatorMayEdit, resultsVisible, type Windows } from './workflow.js';

const windows: Windows = { self_evaluation: '2026-03-31', district_review: '2026-04-15', municipal_review: '2026-05-31' };

describe('evaluation entry workflow', () => {
  it('lets the operator submit a draft or a returned sheet within the self-evaluation window, to the last day inclusive', () => {
    expect(checkEntryAction('submit', 'draft', 'operator', '2026-03-31', windows)).toEqual({ ok: true, to: 'submitted' });
    expect(checkEntryAction('submit', 'returned', 'operator', '2026-03-01', windows)).toEqual({ ok: true, to: 'submitted' });
    const late = checkEntryAction('submit', 'draft', 'operator', '2026-04-01', windows);
    expect(late).toMatchObject({ ok: false, code: 'WINDOW_CLOSED' });
  });

  it('makes the district review a gate: only the district unit returns or forwards a submitted sheet', () => {
    expect(checkEntryAction('forward', 'submitted', 'district', '2026-04-10', windows)).toEqual({ ok: true, to: 'forwarded' });
    expect(checkEntryAction('forward', 'submitted', 'bureau', '2026-04-10', windows)).toMatchObject({ ok: false, code: 'ROLE' });
    expect(checkEntryAction('start_review', 'submitted', 'bureau', '2026-04-10', windows)).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(checkEntryAction('return', 'forwarded', 'district', '2026-04-10', windows)).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
  });

  it('refuses every action by experts, district governments and from a published entry', () => {
    for (const action of entryActions) {
      for (const status of entryStatuses) {
        expect(checkEntryAction(action, status, 'expert', '2026-01-01', windows).ok).toBe(false);
        expect(checkEntryAction(action, status, 'district_gov', '2026-01-01', windows).ok).toBe(false);
      }
      expect(checkEntryAction(action, 'published', 'admin', '2026-01-01', windows).ok).toBe(false);
    }
  });

  it('flags entries waiting past their window and locks the sheet once submitted', () => {
    expect(isOverdue('submitted', '2026-04-16', windows)).toBe(true);
    expect(isOverdue('submitted', '2026-04-15', windows)).toBe(false);
    expect(isOverdue('graded', '2027-01-01', windows)).toBe(false);
    expect(operatorMayEdit('returned')).toBe(true);
    expect(operatorMayEdit('submitted')).toBe(false);
  });
});

describe('who sees results', () => {
  it('the bureau at every status, everyone else only once published', () => {
    for (const s of entryStatuses) {
      expect(resultsVisible('bureau', s)).toBe(true);
      expect(resultsVisible('admin', s)).toBe(true);
      for (const role of ['operator', 'district', 'district_gov', 'expert'] as const) expect(resultsVisible(role, s)).toBe(s === 'published');
    }
  });
});
