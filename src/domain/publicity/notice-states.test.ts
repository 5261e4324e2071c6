/** The notice's states and the changes they allow, and its countdown. */
import { describe, expect, it } from 'vitest';
import { checkNoticeAction, daysLeft, isCurrent, noticeActionsFor } from './notice-states.js';

describe('the states of a notice', () => {
  it('lets a posted notice be corrected (staying posted) or withdrawn, each only with a reason', () => {
    expect(checkNoticeAction('correct', 'posted', '日期有误')).toEqual({ ok: true, to: 'posted' });
    expect(checkNoticeAction('withdraw', 'posted', '名单调整')).toEqual({ ok: true, to: 'withdrawn' });
    for (const reason of [undefined, null, '', '   ']) {
      expect(checkNoticeAction('withdraw', 'posted', reason)).toEqual({ ok: false, code: 'REASON_REQUIRED', message: '原因：撤回公示须填写原因' });
      expect(checkNoticeAction('correct', 'posted', reason)).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    }
  });

  it('allows nothing on a withdrawn notice', () => {
    expect(checkNoticeAction('correct', 'withdrawn', '再改')).toEqual({ ok: false, code: 'NOT_ALLOWED', message: '「已撤回」的公示不能更正' });
    expect(checkNoticeAction('withdraw', 'withdrawn', '再撤')).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(noticeActionsFor('withdrawn')).toEqual([]);
    expect(noticeActionsFor('posted')).toEqual(['correct', 'withdraw']);
  });

  it('counts the days left with the last day as one, and none after it', () => {
    expect(daysLeft('2025-10-09', '2025-09-26')).toBe(14);
    expect(daysLeft('2025-10-09', '2025-10-09')).toBe(1);
    expect(daysLeft('2025-10-09', '2025-10-10')).toBe(0);
    expect(isCurrent('posted', '2025-10-09', '2025-10-09')).toBe(true);
    expect(isCurrent('posted', '2025-10-09', '2025-10-10')).toBe(false);
    expect(isCurrent('withdrawn', '2025-10-09', '2025-10-01')).toBe(false);
  });
});
