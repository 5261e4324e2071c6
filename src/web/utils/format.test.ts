import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, todayIso } from './format';

describe('todayIso', () => {
  it('is the day in China, whatever the browser’s time zone', () => {
    // 16:30 UTC on 6 December is 00:30 on 7 December in Chongqing.
    expect(todayIso(new Date('2026-12-06T16:30:00Z'))).toBe('2026-12-07');
    expect(todayIso(new Date('2026-12-06T15:59:59Z'))).toBe('2026-12-06');
    expect(todayIso(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});

describe('formatDateTime', () => {
  it('shows an instant in China time, and its day as the server counts it', () => {
    expect(formatDateTime('2026-12-06T16:22:00Z')).toBe('2026-12-07 00:22');
    expect(formatDateTime('2026-12-06T03:05:00Z')).toBe('2026-12-06 11:05');
    expect(formatDate('2026-12-06T16:22:00Z')).toBe('2026-12-07');
    expect(formatDate('2026-12-07')).toBe('2026-12-07');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});
