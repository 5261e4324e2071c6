import { describe, expect, it } from 'vitest';
import { todayIso } from './format';

describe('todayIso', () => {
  it('is the day in China, whatever the browser’s time zone', () => {
    // 16:30 UTC on 6 December is 00:30 on 7 December in Chongqing.
    expect(todayIso(new Date('2026-12-06T16:30:00Z'))).toBe('2026-12-07');
    expect(todayIso(new Date('2026-12-06T15:59:59Z'))).toBe('2026-12-06');
    expect(todayIso(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});
