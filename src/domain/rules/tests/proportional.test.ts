/**
 * Proportional scaling (RULES.md §4) against an exact rational reference: each row is the
 * exact sum of its terms (count × p ÷ factor for rows counted per 1, floor(count ÷ (X ×
 * factor)) × p for the others), rounded once, half-up to 0.01, then capped. The reference
 * reads the scheme document, not the compiled plan, and computes in BigInt fractions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CategoriesRule, PerUnitRule, PlatformType, ScoreRow, ScoreScheme } from '../scheme-types.js';
import { row, sheet, withSettings } from './helpers.js';

/** An exact fraction num/den, den > 0. */
interface Q { readonly num: bigint; readonly den: bigint }

/** A plain decimal string as a fraction: "0.05" → 5/100. */
function q(text: string): Q {
  const [whole = '0', frac = ''] = text.split('.');
  return { num: BigInt(whole + frac), den: 10n ** BigInt(frac.length) };
}
const add = (a: Q, b: Q): Q => ({ num: a.num * b.den + b.num * a.den, den: a.den * b.den });
const mul = (a: Q, b: Q): Q => ({ num: a.num * b.num, den: a.den * b.den });
const div = (a: Q, b: Q): Q => ({ num: a.num * b.den, den: a.den * b.num });
const floorQ = (a: Q): bigint => a.num / a.den;
/** Half-up to hundredths, once: the row's score in hundredths. */
const roundH = (a: Q): bigint => (200n * a.num + a.den) / (2n * a.den);
const hundredthsText = (h: bigint): string => `${h / 100n}.${String(h % 100n).padStart(2, '0')}`;

/** Rows made only of count terms (per_unit counts or categories), the rows the setting can touch. */
type CountRule = PerUnitRule | CategoriesRule;
const isCountRow = (r: ScoreRow): r is ScoreRow & { rule: CountRule } =>
  (r.rule.kind === 'per_unit' && r.rule.quantity === 'count' && r.rule.acceptsList !== true) || r.rule.kind === 'categories';

function countRows(scheme: ScoreScheme, type: PlatformType): (ScoreRow & { rule: CountRule })[] {
  return scheme.tables[type].rows.filter(isCountRow);
}

/** The reference score of one row for its counts under `factor` (a decimal string). */
function referenceRow(r: ScoreRow & { rule: CountRule }, counts: Readonly<Record<string, number>>, factor: string, scheme: ScoreScheme): string {
  const f = q(factor);
  const rule = r.rule;
  const terms = rule.kind === 'per_unit'
    ? [{ key: '', unit: rule.unit, points: rule.points, count: counts[''] ?? 0 }]
    : rule.categories.map((c) => ({ key: c.key, unit: c.unit, points: c.points, count: counts[c.key] ?? 0 }));
  const premium = rule.kind === 'categories' ? rule.premium : undefined;
  let exact: Q = { num: 0n, den: 1n };
  for (const t of terms) {
    let count = BigInt(t.count);
    if (premium !== undefined && t.key === premium.base && scheme.settings[premium.setting] === 'additional') count += BigInt(counts[premium.premium] ?? 0);
    const unit = q(t.unit);
    const points = q(t.points);
    const scaled = rule.scales && f.num !== f.den;
    if (scaled && unit.num === unit.den && scheme.settings.scaling === 'proportional') {
      exact = add(exact, div(mul({ num: count, den: 1n }, points), f));
    } else {
      const eff = scaled ? mul(unit, f) : unit;
      exact = add(exact, mul({ num: floorQ(div({ num: count, den: 1n }, eff)), den: 1n }, points));
    }
  }
  const h = roundH(exact);
  const capH = roundH(q(r.cap ?? '0'));
  return hundredthsText(h < capH ? h : capH);
}

const proportional = withSettings({ scaling: 'proportional' });
const proportionalAdditional = withSettings({ scaling: 'proportional', aboveScale: 'additional', titledStaff: 'additional' });
const TYPES: readonly PlatformType[] = ['comprehensive_park', 'specialized_park', 'specialized_market'];

/** Factors 0.5 to 7 with up to two decimal places, written as the bureau types them. */
const factorArb = fc.integer({ min: 50, max: 700 }).map((h) => (h % 100 === 0 ? String(h / 100) : (h / 100).toFixed(h % 10 === 0 ? 1 : 2)));
const smallCount = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 5000 }));

describe('proportional scaling rounds each row once (RULES.md §4)', () => {
  it('matches the exact rational reference over random counts and factors 0.5–7', () => {
    fc.assert(fc.property(
      fc.constantFrom(...TYPES), fc.boolean(), factorArb, fc.array(smallCount, { minLength: 40, maxLength: 40 }),
      (type, additional, factor, pool) => {
        const scheme = additional ? proportionalAdditional : proportional;
        const rows = countRows(scheme, type);
        const facts: Record<string, unknown> = type === 'specialized_park' ? { orientation: 'industry' } : {};
        const countsOf = new Map<string, Record<string, number>>();
        let k = 0;
        const next = (): number => pool[k++ % pool.length] ?? 0;
        for (const r of rows) {
          const rule = r.rule;
          if (rule.kind === 'per_unit') {
            const c = next();
            facts[rule.fact] = c;
            countsOf.set(r.code, { '': c });
          } else {
            const counts = Object.fromEntries(rule.categories.map((c) => [c.key, next()]));
            facts[rule.fact] = counts;
            countsOf.set(r.code, counts);
          }
        }
        const s = sheet(type, facts, factor, scheme);
        for (const r of rows) expect([r.code, row(s, r.code).raw === '' ? '' : row(s, r.code).score]).toEqual([r.code, referenceRow(r, countsOf.get(r.code) ?? {}, factor, scheme)]);
      },
    ), { numRuns: 1500, seed: 18 });
  });

  it('附表4 2.2 with factor 3, one 本科 and one 研究生: 0.05 ÷ 3 + 0.2 ÷ 3 = 0.0833… → 0.08', () => {
    const r = row(sheet('specialized_market', { placedInChongqing: { bachelorOrBelow: 1, postgraduate: 1 } }, 3, proportional), '2.2');
    expect(r.score).toBe('0.08');
    expect(r.explanation).toBe('本科及以下 1 人 × 0.05 ÷ 3 + 研究生及以上 1 人 × 0.2 ÷ 3 = 0.08（按比例精确折算，合计后四舍五入到 0.01）');
  });

  it('the explanation adds up to the number shown: 10 人 × 0.05 ÷ 3 + 1 人 × 5 ÷ 3 = 1.83 (not 0.17 + 1.67)', () => {
    const r = row(sheet('specialized_market', { placedInChongqing: { bachelorOrBelow: 10, academician: 1 } }, 3, proportional), '2.2');
    expect(r.score).toBe('1.83');
    expect(r.explanation).toBe('本科及以下 10 人 × 0.05 ÷ 3 + 院士等领军顶尖人才 1 人 × 5 ÷ 3 = 1.83（按比例精确折算，合计后四舍五入到 0.01）');
  });

  it('gap hints count from the row rounded once', () => {
    const s = sheet('specialized_market', { placedInChongqing: { bachelorOrBelow: 1, postgraduate: 1 } }, 3, proportional);
    const gap = s.gaps.rows.find((g) => g.code === '2.2');
    // 0.25 ÷ 3 = 0.0833… → 0.08; one more 本科 gives 0.3 ÷ 3 = 0.10: +0.02.
    expect(gap?.hints[0]).toMatchObject({ text: expect.stringContaining('再促进就业 1 人（本科及以下）') as unknown, gain: '0.02' });
  });
});
