import { describe, expect, it } from 'vitest';
import { checkApproval, checkExtension, daysLeft, dueReminder, reminderKey, termExpired, termOn } from './preparation.js';

describe('筹建 term (Art 15) on the calendar', () => {
  const approved = { approvedOn: '2026-01-15', extensions: [] };

  it('ends one year after approval, the corresponding day, and counts the days left', () => {
    const t = termOn(approved, '2026-12-06');
    expect(t).toMatchObject({ end: '2027-01-15', status: 'active', daysLeft: 40 });
    expect(termOn({ approvedOn: '2024-02-29', extensions: [] }, '2024-03-01').end).toBe('2025-02-28');
    expect(daysLeft('2027-01-15', '2027-01-15')).toBe(0);
  });

  it('expires the day after the last day, not on it; an accepted term never expires', () => {
    expect(termExpired(approved, '2027-01-15')).toBe(false);
    expect(termExpired(approved, '2027-01-16')).toBe(true);
    expect(termExpired({ ...approved, acceptedOn: '2026-11-30' }, '2027-06-01')).toBe(false);
  });

  it('an extension moves the end and needs a reason and a later date', () => {
    expect(checkExtension(approved, { until: '2027-07-15', reason: '项目用地交付推迟' }, '2026-12-06')).toEqual({ ok: true, value: { end: '2027-07-15' } });
    const extended = { ...approved, extensions: [{ until: '2027-07-15', reason: '项目用地交付推迟' }] };
    expect(termOn(extended, '2027-03-01')).toMatchObject({ status: 'active', end: '2027-07-15', plainEnd: '2027-01-15' });
    expect(termExpired(extended, '2027-07-16')).toBe(true);
    expect(checkExtension(approved, { until: '2027-07-15', reason: ' ' }, '2026-12-06')).toMatchObject({ ok: false, errors: [{ code: 'REASON_REQUIRED', path: 'reason' }] });
    expect(checkExtension(approved, { until: '2027-01-10', reason: '推迟' }, '2026-12-06')).toMatchObject({ ok: false, errors: [{ code: 'EXTENSION_INVALID', path: 'until' }] });
    // An ended term is not revived by an extension: the qualification is already cancelled.
    expect(checkExtension(approved, { until: '2027-07-15', reason: '推迟' }, '2027-01-16')).toMatchObject({ ok: false, errors: [{ code: 'TERM_ENDED' }] });
  });

  it('asks for the need, the consent and a date not in the future', () => {
    expect(checkApproval({ needKind: 'project', need: '西部陆海新通道重大项目', consent: '同意先行筹建', approvedOn: '2026-12-01' }, '2026-12-06')).toEqual({ ok: true, value: { end: '2027-12-01' } });
    const r = checkApproval({ needKind: 'project', need: '', consent: ' ', approvedOn: '2026-12-07' }, '2026-12-06');
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(['need', 'consent', 'approvedOn']);
  });
});

describe('筹建 reminders at 90, 30 and 7 days', () => {
  const end = '2027-01-15';
  it('sends each threshold once, on the day it is reached', () => {
    expect(dueReminder(end, '2026-10-16', [])).toBeNull(); // 91 days left
    expect(dueReminder(end, '2026-10-17', [])).toEqual({ days: 90, left: 90, marks: [reminderKey(end, 90)] });
    expect(dueReminder(end, '2026-11-01', [reminderKey(end, 90)])).toBeNull();
    expect(dueReminder(end, '2026-12-16', [reminderKey(end, 90)])).toEqual({ days: 30, left: 30, marks: [reminderKey(end, 30)] });
    expect(dueReminder(end, '2027-01-08', [reminderKey(end, 90), reminderKey(end, 30)])).toEqual({ days: 7, left: 7, marks: [reminderKey(end, 7)] });
    expect(dueReminder(end, '2027-01-16', [])).toBeNull(); // ended: the expiry takes over
  });

  it('sends only the nearest of thresholds passed unsent, marking the others done', () => {
    expect(dueReminder(end, '2027-01-10', [])).toEqual({ days: 7, left: 5, marks: [reminderKey(end, 90), reminderKey(end, 30), reminderKey(end, 7)] });
  });

  it('reminds afresh for a new end after an extension', () => {
    expect(dueReminder('2027-07-15', '2027-04-16', [reminderKey(end, 90), reminderKey(end, 30)])).toMatchObject({ days: 90 });
  });
});
