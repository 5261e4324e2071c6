/** Judged rows: expert scores 0..cap in steps of 0.5; trimmed mean from 5 experts; half-up to 0.01. */
import { describe, expect, it } from 'vitest';
import { errorsOf, row, rowScore, sheet, withSettings } from './helpers.js';

const P = 'comprehensive_park' as const;
const judged = (experts: (number | string)[]) => rowScore(P, '4.2', { policyImplementation: { experts } });

describe('judged rows', () => {
  it('1 expert: that score', () => {
    expect(judged([4.5])).toBe('4.50');
    expect(judged(['0'])).toBe('0.00');
  });

  it('3 and 4 experts: plain mean, half-up', () => {
    expect(judged([4.5, 4.5, 4])).toBe('4.33');
    expect(judged([5, 4, 4.5, 3])).toBe('4.13');
    expect(judged([5, 5, 5, 4.5])).toBe('4.88');
  });

  it('5 experts: the highest and lowest are dropped', () => {
    expect(judged([5, 5, 4, 3, 0.5])).toBe('4.00');
    expect(judged([5, 4.5, 4, 4, 0])).toBe('4.17');
    const r = row(sheet(P, { policyImplementation: { experts: [4.5, 4, 5, 3.5, 5] } }), '4.2');
    expect(r.explanation).toContain('去掉最高 5、最低 3.5');
    expect(r.score).toBe('4.50');
  });

  it('7 experts: only one highest and one lowest are dropped', () => {
    expect(judged([5, 4.5, 4.5, 4, 3.5, 3, 0])).toBe('3.90');
    expect(judged([5, 5, 5, 4.5, 4.5, 4, 1])).toBe('4.60');
    expect(judged([5, 5, 5, 5, 5, 5, 5])).toBe('5.00');
  });

  it('mean setting never trims; panel setting uses the panel score', () => {
    expect(rowScore(P, '4.2', { policyImplementation: { experts: [5, 5, 4, 3, 0.5] } }, 1, withSettings({ judged: 'mean' }))).toBe('3.50');
    expect(rowScore(P, '4.2', { policyImplementation: { experts: [1], panel: 4.5 } }, 1, withSettings({ judged: 'panel' }))).toBe('4.50');
  });

  it('a proposed score is shown, never used', () => {
    const r = row(sheet(P, { satisfaction: { experts: [3], proposed: 5 } }), '4.3');
    expect(r.score).toBe('3.00');
    expect(r.explanation).toContain('自评建议 5');
  });

  it('no experts yet: pending at 0', () => {
    const s = sheet(P, { satisfaction: { proposed: 5 } });
    expect(row(s, '4.3').pending).toBe(true);
    expect(row(s, '4.3').score).toBe('0.00');
    expect(s.notes.join()).toContain('4.3');
  });

  it.each([[5.5], [4.3], ['4.25'], [-1], ['x']])('refuses expert score %s', (bad) => {
    expect(errorsOf(P, { policyImplementation: { experts: [4, bad] } })).toContain('FACT_INVALID');
  });
});
