/** Grades (Art 31–33): cut-offs, the 30 % cap by rank, ties held, overrides, consequences. */
import { describe, expect, it } from 'vitest';
import { grade } from './grade.js';
import type { GradedParticipant, GradeOverride, GradingResult, GradingSettings, Participant } from './types.js';

const p = (id: string, score: number | string, extra: Partial<Participant> = {}): Participant => ({
  id, score, type: 'comprehensive_park', level: 'municipal', ...extra,
});
function run(ps: Participant[], settings?: GradingSettings, overrides: GradeOverride[] = []): GradingResult {
  const r = grade(ps, settings, overrides);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}
const of = (r: GradingResult, id: string): GradedParticipant => r.participants.find((x) => x.id === id)!;
const fillers = (n: number, score = 70): Participant[] => Array.from({ length: n }, (_, i) => p(`f${i}`, score));

describe('cut-offs', () => {
  it.each([['85', 'excellent'], ['84.99', 'pass'], ['60', 'pass'], ['59.99', 'fail'], ['100', 'excellent'], ['0', 'fail']] as const)(
    'score %s → %s (when within the cap)', (score, g) => {
      const r = run([p('a', score), ...fillers(9)]);
      expect(of(r, 'a').grade).toBe(g);
    },
  );

  it('takes its cut-offs from the settings', () => {
    const r = run([p('a', 88), ...fillers(9, 55)], { excellentMin: '90', passMin: '50', excellentShare: '0.3', pool: 'all' });
    expect(of(r, 'a').grade).toBe('pass');
    expect(of(r, 'f0').grade).toBe('pass');
  });
});

describe('the 30 % cap', () => {
  it('a group of 3 has floor(0.9) = 0 优秀 places', () => {
    const r = run([p('a', 99), p('b', 95), p('c', 90)]);
    expect(r.pools[0]?.cap).toBe(0);
    expect(r.participants.map((x) => x.grade)).toEqual(['pass', 'pass', 'pass']);
    expect(of(r, 'a').reasons.join()).toContain('超出优秀名额 0 个');
  });

  it('10 participants: 3 places by rank', () => {
    const r = run([p('a', 95), p('b', 92), p('c', 90), p('d', 88), ...fillers(6)]);
    expect(['a', 'b', 'c', 'd'].map((id) => of(r, id).grade)).toEqual(['excellent', 'excellent', 'excellent', 'pass']);
    expect(r.pools[0]).toMatchObject({ participants: 10, cap: 3, excellent: 3 });
  });

  it('ties that fit inside the cap are all 优秀', () => {
    const r = run([p('a', 95), p('b', 90), p('c', 90), ...fillers(7)]);
    expect(['a', 'b', 'c'].map((id) => of(r, id).grade)).toEqual(['excellent', 'excellent', 'excellent']);
    expect(r.held).toEqual([]);
  });

  it('a tie at the boundary that would pass the cap is held, with a reason, never silently granted', () => {
    const r = run([p('a', 95), p('b', 92), p('c', 90), p('d', 90), p('e', 86), ...fillers(5)]);
    expect(of(r, 'a').grade).toBe('excellent');
    expect(of(r, 'b').grade).toBe('excellent');
    expect(of(r, 'c').grade).toBe('held');
    expect(of(r, 'd').grade).toBe('held');
    expect(of(r, 'e').grade).toBe('pass');
    expect(r.held.map((h) => h.id)).toEqual(['c', 'd']);
    expect(r.held[0]?.reason).toContain('剩余优秀名额 1 个');
    expect(r.pools[0]).toMatchObject({ cap: 3, excellent: 2, slotsForHeld: 1 });
    expect(of(r, 'c').recommendation).toBe('pending');
  });

  it('the bureau resolves a hold with a reason; exceeding the cap is flagged', () => {
    const ps = [p('a', 95), p('b', 92), p('c', 90), p('d', 90), ...fillers(6)];
    const r = run(ps, undefined, [{ id: 'c', grade: 'excellent', reason: '综合评审会议决定' }, { id: 'd', grade: 'pass', reason: '综合评审会议决定' }]);
    expect(of(r, 'c')).toMatchObject({ grade: 'excellent', computed: 'held' });
    expect(r.warnings).toEqual([]);
    const over = run(ps, undefined, [{ id: 'c', grade: 'excellent', reason: 'x' }, { id: 'd', grade: 'excellent', reason: 'y' }]);
    expect(over.warnings.join()).toContain('超过 30% 上限 3 个');
  });

  it('an override without a reason is an error', () => {
    const r = grade([p('a', 70)], undefined, [{ id: 'a', grade: 'excellent', reason: '' }]);
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['OVERRIDE_REASON_REQUIRED']);
  });

  it('pools per type when the setting says so', () => {
    const ps = [
      p('a', 95), p('b', 94), p('c', 93), p('d', 60),
      p('m1', 91, { type: 'specialized_market' }), p('m2', 90, { type: 'specialized_market' }), p('m3', 89, { type: 'specialized_market' }),
      ...Array.from({ length: 7 }, (_, i) => p(`m${i + 4}`, 61, { type: 'specialized_market' })),
    ];
    const all = run(ps);
    expect(all.pools).toHaveLength(1);
    expect(all.pools[0]?.cap).toBe(4);
    expect(['a', 'b', 'c', 'm1', 'm2'].map((id) => of(all, id).grade)).toEqual(['excellent', 'excellent', 'excellent', 'excellent', 'pass']);
    const perType = run(ps, { excellentMin: '85', passMin: '60', excellentShare: '0.3', pool: 'per_type' });
    expect(perType.pools.map((x) => x.cap)).toEqual([1, 3]);
    expect(['a', 'b', 'm1', 'm2', 'm3'].map((id) => of(perType, id).grade)).toEqual(['excellent', 'pass', 'excellent', 'excellent', 'excellent']);
  });
});

describe('lost conditions and consequences', () => {
  it('lost conditions make 不合格 whatever the score, and take no place', () => {
    const r = run([p('a', 99, { lostConditions: true }), p('b', 95), p('c', 92), p('d', 90), ...fillers(6)]);
    expect(of(r, 'a').grade).toBe('fail');
    expect(of(r, 'a').reasons.join()).toContain('第三十一条');
    expect(['b', 'c', 'd'].map((id) => of(r, id).grade)).toEqual(['excellent', 'excellent', 'excellent']);
  });

  it('recommendations by level (Art 32, Art 33)', () => {
    const r = run([
      p('n', 95, { level: 'national' }), p('m', 70), p('x', 50), p('d', 96, { level: 'district', meetsMunicipalConditions: true }),
      p('d2', 70, { level: 'district' }), ...fillers(5),
    ]);
    expect(of(r, 'd').grade).toBe('excellent');
    expect(of(r, 'n').recommendation).toBe('priority');
    expect(of(r, 'm').recommendation).toBe('supported');
    expect(of(r, 'x').recommendation).toBe('not_recommended');
    expect(of(r, 'd').recommendation).toBe('supported');
    expect(of(r, 'd2').recommendation).toBe('none');
    expect(of(r, 'd').proposals.map((x) => x.kind)).toEqual(['recognize_as_municipal']);
  });

  it('two consecutive 不合格 propose removal for municipal platforms only', () => {
    const r = run([p('m', 50, { previousGrade: 'fail' }), p('n', 50, { level: 'national', previousGrade: 'fail' }), p('k', 50, { previousGrade: 'pass' })]);
    expect(of(r, 'm').proposals.map((x) => x.kind)).toEqual(['remove_from_municipal']);
    expect(of(r, 'n').proposals).toEqual([]);
    expect(of(r, 'k').proposals).toEqual([]);
  });

  it('a district 优秀 without a conditions check asks for one', () => {
    const r = run([p('d', 96, { level: 'district' }), ...fillers(9)]);
    expect(of(r, 'd').proposals.map((x) => x.kind)).toEqual(['verify_municipal_conditions']);
  });

  it('refuses duplicate ids and bad scores', () => {
    const r = grade([p('a', 70), p('a', 80), p('b', '100.5'), p('c', '85.123')]);
    expect(!r.ok && r.errors.length).toBe(3);
  });
});
