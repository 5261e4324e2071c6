/** Property tests: caps, bounds, monotonicity, factor 1, exact decimals. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ComprehensiveParkFacts, SpecializedMarketFacts, SpecializedParkFacts } from '../facts.js';
import { resolveFactor } from '../factor.js';
import { cq2025 } from '../schemes/cq-2025.js';
import type { PlatformType } from '../scheme-types.js';
import { scoreSheet, scoreTotals, type ScoreSheet } from '../score-sheet.js';

const count = (max: number) => fc.oneof(fc.integer({ min: 0, max }), fc.integer({ min: 0, max }).map(String));
const money = fc.oneof(fc.integer({ min: 0, max: 20_000_000_000 }), fc.bigInt({ min: 0n, max: 10n ** 14n }).map(String));
const area = fc.oneof(fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: 0, max: 6_000_000 }).map((c) => (c / 100).toFixed(2)));
const half = (cap: number) => fc.integer({ min: 0, max: cap * 2 }).map((h) => h / 2);
const judged = (cap: number) => fc.record({ experts: fc.array(half(cap), { maxLength: 8 }), proposed: half(cap), panel: half(cap) }, { requiredKeys: [] });
const edu = fc.record({ bachelorOrBelow: count(3000), postgraduate: count(500), talentCard: count(40), academician: count(4) }, { requiredKeys: [] });
const staff = fc.record({ titled: count(8), other: count(12) }, { requiredKeys: [] });
const honours = fc.record({ local: count(20), municipal: count(12), ministerial: count(6) }, { requiredKeys: [] });
const info = fc.record({ municipal: count(10), ministerial: count(5) }, { requiredKeys: [] });
const leaderEvents = fc.array(fc.record({ attendance: fc.integer({ min: 0, max: 300 }), leaderLevel: fc.constantFrom('ministerial' as const, 'bureau' as const, 'none' as const) }), { maxLength: 5 });
const tiers = { safety: fc.constantFrom('full' as const, 'basic' as const, 'weak' as const, 'none' as const), valueOrientation: fc.constantFrom('sound' as const, 'failed' as const) };

const parkCommon = {
  residentEnterprises: fc.record({ aboveScale: count(30), other: count(80) }, { requiredKeys: [] }),
  residentRevenueYuan: money, taxYuan: money, onlineRevenueYuan: money, researchResults: count(8), bureauEventsAttended: count(10),
  areaM2: area, operatingStaff: staff, policyImplementation: judged(5), satisfaction: judged(5), ...tiers, honours, violations: count(6),
};
const comprehensive: fc.Arbitrary<ComprehensiveParkFacts> = fc.record({
  ...parkCommon, employersServed: count(1500), jobsPromoted: count(15_000),
  events: fc.array(fc.record({ attendance: fc.integer({ min: 0, max: 300 }) }), { maxLength: 5 }),
  mediaReports: fc.record({ county: count(8), municipal: count(5), central: count(3) }, { requiredKeys: [] }),
}, { requiredKeys: [] });
const specialized: fc.Arbitrary<SpecializedParkFacts> = fc.record({
  ...parkCommon, orientation: fc.constantFrom('industry' as const, 'service_line' as const), industryEnterprisesServed: count(40),
  serviceLineEnterprisesServed: count(200), industryTalentSupplied: edu, serviceLineTalentServed: edu, events: leaderEvents, informationAdopted: info,
}, { requiredKeys: [] });
const market: fc.Arbitrary<SpecializedMarketFacts> = fc.record({
  serviceFunctions: count(10), revenueYuan: money, hrEnterprises: count(20), databaseRecords: count(15_000), personTimesServed: edu,
  placedInChongqing: edu, researchResults: count(8), events: leaderEvents, enterprisesIncubated: count(15), areaM2: area, operatingStaff: staff,
  talentSatisfaction: judged(10), enterpriseSatisfaction: judged(5), ...tiers, informationAdopted: info, honours, violations: count(6),
}, { requiredKeys: [] });

interface AnySheet { type: PlatformType; facts: object }
const anySheet: fc.Arbitrary<AnySheet> = fc.oneof(
  comprehensive.map((f): AnySheet => ({ type: 'comprehensive_park', facts: f })),
  specialized.map((f): AnySheet => ({ type: 'specialized_park', facts: f })),
  market.map((f): AnySheet => ({ type: 'specialized_market', facts: f })),
);
const factor = fc.constantFrom<number | string>(1, 3, 0.5, '0.75', 4, '3.5', '1.000');

function score(type: PlatformType, facts: object, f: number | string = 1): ScoreSheet {
  const r = scoreSheet(cq2025, type, f, facts);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}
const h = (s: string): number => Math.round(Number(s) * 100);
const TWO_PLACES = /^-?\d+\.\d{2}$/;

describe('properties', () => {
  it('no row exceeds its cap, and the total is within [0, 100]', () => {
    fc.assert(fc.property(anySheet, factor, ({ type, facts }, f) => {
      const s = score(type, facts, f);
      for (const r of s.rows) {
        if (r.cap !== null) {
          expect(h(r.score)).toBeLessThanOrEqual(h(r.cap));
          expect(h(r.score)).toBeGreaterThanOrEqual(0);
        } else expect(h(r.score)).toBeLessThanOrEqual(0);
      }
      expect(h(s.total)).toBeGreaterThanOrEqual(0);
      expect(h(s.total)).toBeLessThanOrEqual(10_000);
    }), { numRuns: 400 });
  });

  it('results are two-place decimal strings without float artefacts', () => {
    fc.assert(fc.property(anySheet, factor, ({ type, facts }, f) => {
      const s = score(type, facts, f);
      for (const v of [s.total, s.subtotal, s.deductions, ...s.rows.flatMap((r) => [r.raw, r.score])]) expect(v).toMatch(TWO_PLACES);
      expect(JSON.stringify(s)).not.toMatch(/\d\.\d{7,}/);
    }), { numRuns: 300 });
  });

  it('more of a volume never lowers a row or the total', () => {
    const volumes: Readonly<Record<PlatformType, readonly string[]>> = {
      comprehensive_park: ['residentRevenueYuan', 'taxYuan', 'onlineRevenueYuan', 'employersServed', 'jobsPromoted', 'researchResults', 'bureauEventsAttended', 'areaM2'],
      specialized_park: ['residentRevenueYuan', 'taxYuan', 'industryEnterprisesServed', 'serviceLineEnterprisesServed', 'researchResults', 'areaM2'],
      specialized_market: ['serviceFunctions', 'revenueYuan', 'hrEnterprises', 'databaseRecords', 'researchResults', 'enterprisesIncubated', 'areaM2'],
    };
    fc.assert(fc.property(anySheet, factor, fc.nat(), fc.integer({ min: 1, max: 100_000_000 }), ({ type, facts }, f, k, extra) => {
      const keys = volumes[type];
      const key = keys[k % keys.length]!;
      const current: unknown = Reflect.get(facts, key);
      // Add to the whole part so that a decimal area stays an exact two-place decimal.
      const text = typeof current === 'number' || typeof current === 'string' ? String(current) : '0';
      const [whole = '0', frac] = text.split('.');
      const bumped = String(BigInt(whole) + BigInt(extra)) + (frac === undefined ? '' : `.${frac}`);
      const grown = { ...facts, [key]: bumped };
      const a = score(type, facts, f);
      const b = score(type, grown, f);
      expect(h(b.total)).toBeGreaterThanOrEqual(h(a.total));
      a.rows.forEach((r, i) => { expect(h(b.rows[i]!.score)).toBeGreaterThanOrEqual(h(r.score)); });
    }), { numRuns: 400 });

    fc.assert(fc.property(comprehensive, fc.integer({ min: 1, max: 50 }), factor, (facts, extra, f) => {
      const before = score('comprehensive_park', facts, f);
      const grown = { ...facts, residentEnterprises: { ...facts.residentEnterprises, other: Number(facts.residentEnterprises?.other ?? 0) + extra } };
      const after = score('comprehensive_park', grown, f);
      expect(h(after.total)).toBeGreaterThanOrEqual(h(before.total));
      expect(h(after.rows[0]!.score)).toBeGreaterThanOrEqual(h(before.rows[0]!.score));
    }), { numRuns: 300 });
  });

  it('factor 1 equals the municipal sheet; national never scores above it, district never below', () => {
    fc.assert(fc.property(anySheet, ({ type, facts }) => {
      const municipal = resolveFactor(cq2025, 'municipal', undefined);
      const national = resolveFactor(cq2025, 'national', undefined);
      const district = resolveFactor(cq2025, 'district', undefined);
      if (!municipal.ok || !national.ok || !district.ok) throw new Error('factors');
      const m = score(type, facts, municipal.value);
      expect(score(type, facts, 1)).toEqual(m);
      expect(score(type, facts, '1.00')).toEqual(m);
      expect(h(score(type, facts, national.value).total)).toBeLessThanOrEqual(h(m.total));
      expect(h(score(type, facts, district.value).total)).toBeGreaterThanOrEqual(h(m.total));
    }), { numRuns: 200 });
  });

  it('money rows agree with a BigInt oracle: min(cap, floor(v ÷ (X·factor)) × p)', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.constantFrom(1n, 3n, 5n), (v, f) => {
      const s = score('comprehensive_park', { residentRevenueYuan: v.toString(), taxYuan: v.toString() }, Number(f));
      const expectH = (unit: bigint, capH: bigint): bigint => { const q = (v / (unit * f)) * 10n; return q > capH ? capH : q; };
      expect(BigInt(h(s.rows[1]!.score))).toBe(expectH(10_000_000n, 1200n));
      expect(BigInt(h(s.rows[2]!.score))).toBe(expectH(50_000n, 1200n));
    }), { numRuns: 300 });
  });

  it('scoreTotals agrees with scoreSheet', () => {
    fc.assert(fc.property(anySheet, factor, ({ type, facts }, f) => {
      const full = score(type, facts, f);
      const t = scoreTotals(cq2025, type, f, facts);
      if (!t.ok) throw new Error('totals');
      expect(t.value.total).toBe(full.total);
      expect(t.value.subtotal).toBe(full.subtotal);
      expect(t.value.deductions).toBe(full.deductions);
      expect(t.value.codes).toEqual(full.rows.map((r) => r.code));
      expect(t.value.scores).toEqual(full.rows.map((r) => (r.counted ? r.score : null)));
    }), { numRuns: 200 });
  });

  // Rows are evaluated into buffers each plan row owns and reuses (evaluate.ts, RowEval): a
  // stale field would make a sheet's result depend on the sheets scored before it.
  it('a sheet scores the same whatever was scored before it, failed sheets included', () => {
    const broken: object = { residentEnterprises: { aboveScale: -1 }, events: [{ attendance: 'many' }], policyImplementation: { experts: [9] }, safety: 'unknown' };
    fc.assert(fc.property(fc.array(fc.tuple(anySheet, factor), { minLength: 2, maxLength: 12 }), (sheets) => {
      const first = sheets.map(([{ type, facts }, f]) => JSON.stringify(scoreSheet(cq2025, type, f, facts)));
      for (const [{ type }, f] of sheets) expect(scoreSheet(cq2025, type, f, broken).ok).toBe(false);
      const again = [...sheets].reverse().map(([{ type, facts }, f]) => JSON.stringify(scoreSheet(cq2025, type, f, facts))).reverse();
      expect(again).toEqual(first);
    }), { numRuns: 150 });
  });
});
