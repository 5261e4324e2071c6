/**
 * Scores 100,000 random sheets (mixed types and factors) on one core and prints sheets per
 * second. Facts are generated before timing; each sheet is fully scored, explained and
 * gap-analysed, as the server and CLI do. Run: npx tsx bench/score.ts [count]
 */
import { cq2025, scoreSheet, scoreTotals, type PlatformType, type SheetFacts } from '../src/domain/index.js';

const COUNT = Number(process.argv[2] ?? 100_000);

// A small seeded PRNG, so that runs are comparable.
let seed = 20250324;
const rand = (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (max: number): number => Math.floor(rand() * (max + 1));
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length - 1)] as T;
const judged = (cap: number) => ({ experts: Array.from({ length: 1 + int(6) }, () => int(cap * 2) / 2) });
const edu = () => ({ bachelorOrBelow: int(3000), postgraduate: int(400), talentCard: int(30), academician: int(3) });
const honours = () => ({ local: int(10), municipal: int(6), ministerial: int(3) });
const safety = ['full', 'basic', 'weak', 'none'] as const;
const value = ['sound', 'failed'] as const;

function parkCommon() {
  return {
    residentEnterprises: { aboveScale: int(20), other: int(60) }, residentRevenueYuan: int(2_000_000_000), taxYuan: String(int(8_000_000)),
    onlineRevenueYuan: int(6_000_000_000), researchResults: int(6), bureauEventsAttended: int(8), areaM2: int(30_000),
    operatingStaff: { titled: int(4), other: int(8) }, policyImplementation: judged(5), satisfaction: judged(5),
    safety: pick(safety), valueOrientation: pick(value), honours: honours(), violations: int(2),
  };
}

function randomSheet(): { type: PlatformType; facts: SheetFacts } {
  const type = pick<PlatformType>(['comprehensive_park', 'specialized_park', 'specialized_market']);
  switch (type) {
    case 'comprehensive_park':
      return { type, facts: { ...parkCommon(), employersServed: int(1200), jobsPromoted: int(12_000), events: Array.from({ length: int(5) }, () => ({ attendance: int(250) })), mediaReports: { county: int(4), municipal: int(3), central: int(2) } } };
    case 'specialized_park':
      return { type, facts: { ...parkCommon(), orientation: pick(['industry', 'service_line'] as const), industryEnterprisesServed: int(30), serviceLineEnterprisesServed: int(150), industryTalentSupplied: edu(), serviceLineTalentServed: edu(), events: Array.from({ length: int(5) }, () => ({ attendance: int(200), leaderLevel: pick(['ministerial', 'bureau', 'none'] as const) })), informationAdopted: { municipal: int(6), ministerial: int(3) } } };
    case 'specialized_market':
      return { type, facts: { serviceFunctions: int(9), revenueYuan: int(20_000_000), hrEnterprises: int(15), databaseRecords: int(12_000), personTimesServed: edu(), placedInChongqing: edu(), researchResults: int(6), events: Array.from({ length: int(5) }, () => ({ attendance: int(200), leaderLevel: pick(['ministerial', 'bureau', 'none'] as const) })), enterprisesIncubated: int(12), areaM2: int(8000), operatingStaff: { titled: int(4), other: int(8) }, talentSatisfaction: judged(10), enterpriseSatisfaction: judged(5), safety: pick(safety), valueOrientation: pick(value), informationAdopted: { municipal: int(6), ministerial: int(3) }, honours: honours(), violations: int(2) } };
  }
}

const factors = [1, 1, 1, 3, '0.5'] as const;
/**
 * Each input goes through JSON, as facts reach the engine from the CLI's file, an HTTP body or
 * a jsonb column. Objects built by spreads, as randomSheet builds them, get a hidden class
 * each in V8, so every property read of the engine would miss its inline cache: a cost of
 * the generator, not of scoring (about a third of the time of reading facts).
 */
const asReceived = (x: { type: PlatformType; facts: SheetFacts; factor: number | string }): typeof x => JSON.parse(JSON.stringify(x)) as typeof x;
const inputs = Array.from({ length: COUNT }, () => asReceived({ ...randomSheet(), factor: pick(factors) }));

function fullSheets(): number {
  let checksum = 0;
  for (const { type, facts, factor } of inputs) {
    const r = scoreSheet(cq2025, type, factor, facts);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    checksum += r.value.total.length + r.value.gaps.rows.length;
  }
  return checksum;
}

function totalsOnly(): number {
  let checksum = 0;
  for (const { type, facts, factor } of inputs) {
    const r = scoreTotals(cq2025, type, factor, facts);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    checksum += r.value.total.length;
  }
  return checksum;
}

const RUNS = 5;

/**
 * One warm-up (JIT and the compiled-scheme cache), then RUNS timed runs over the same
 * sheets. The median is the figure; on a shared machine single runs vary by a third.
 */
function measure(label: string, run: () => number): void {
  run();
  const seconds: number[] = [];
  let checksum = 0;
  for (let k = 0; k < RUNS; k++) {
    const start = performance.now();
    checksum = run();
    seconds.push((performance.now() - start) / 1000);
  }
  const sorted = [...seconds].sort((a, b) => a - b);
  const median = sorted[Math.floor(RUNS / 2)]!;
  const rate = (s: number): string => Math.round(COUNT / s).toLocaleString('en-US');
  console.log(`${label}: ${COUNT.toLocaleString('en-US')} sheets, median ${median.toFixed(3)} s = ${rate(median)} sheets/s (best ${rate(sorted[0]!)}; runs ${seconds.map((s) => s.toFixed(3)).join(' / ')} s; checksum ${checksum})`);
}

measure('scoreTotals (row scores and totals)', totalsOnly);
measure('scoreSheet (with explanations and gap analysis)', fullSheets);
