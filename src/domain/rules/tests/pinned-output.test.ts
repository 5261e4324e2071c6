/**
 * Pins scoreSheet's full output (every string, number and key order) so that performance
 * work on the engine cannot change what the server and CLI return. The fixtures were
 * captured before the explanation and gap code was optimised: a difference here is an
 * output change, not a snapshot to refresh.
 */
import { describe, expect, it } from 'vitest';
import type { SheetFacts } from '../facts.js';
import { cq2025 } from '../schemes/cq-2025.js';
import type { PlatformType, ScoreScheme } from '../scheme-types.js';
import { scoreSheet } from '../score-sheet.js';
import { withSettings } from './helpers.js';

const judged = { experts: [4.5, 3, 5, 2.5, 4] };
const park = {
  residentEnterprises: { aboveScale: 6, other: 38 }, residentRevenueYuan: 125_000_000, taxYuan: '1234567', onlineRevenueYuan: 333_000_000,
  researchResults: 2, bureauEventsAttended: 3, areaM2: '12345.67', operatingStaff: { titled: 1, other: 3 }, policyImplementation: judged,
  satisfaction: { experts: [4], proposed: 5 }, safety: 'basic', valueOrientation: 'sound', honours: { local: 2, municipal: 1 }, violations: 1,
} as const;
const comprehensive: SheetFacts = {
  ...park, employersServed: 437, jobsPromoted: '5999', mediaReports: { county: 1, central: 1 },
  events: [{ attendance: 40 }, { attendance: 151 }, { attendance: 120 }, { attendance: 300 }],
};
const specialized: SheetFacts = {
  ...park, orientation: 'service_line', serviceLineEnterprisesServed: 77, industryEnterprisesServed: 9,
  serviceLineTalentServed: { bachelorOrBelow: 1234, postgraduate: 56, talentCard: 3 }, informationAdopted: { municipal: 2 },
  events: [{ attendance: 50, leaderLevel: 'bureau' }, { attendance: 20, leaderLevel: 'ministerial' }, { leaderLevel: 'none' }],
};
const market: SheetFacts = {
  serviceFunctions: ['招聘', '培训', '测评'], revenueYuan: 7_654_321, hrEnterprises: 7, databaseRecords: 4321,
  personTimesServed: { bachelorOrBelow: 999, academician: 1 }, placedInChongqing: { postgraduate: 31 }, researchResults: 1,
  events: [{ attendance: 80, leaderLevel: 'ministerial' }], enterprisesIncubated: 3, areaM2: 2500.5, operatingStaff: { other: 2 },
  talentSatisfaction: { experts: [7.5, 8] }, enterpriseSatisfaction: {}, safety: 'weak', valueOrientation: 'failed', honours: { ministerial: 1 }, violations: 3,
};
const CASES: readonly [PlatformType, SheetFacts][] = [['comprehensive_park', comprehensive], ['specialized_park', specialized], ['specialized_market', market]];
const FACTORS: readonly (number | string)[] = [1, 3, '0.5'];

const json = (scheme: ScoreScheme, type: PlatformType, factor: number | string, facts: SheetFacts): string =>
  JSON.stringify(scoreSheet(scheme, type, factor, facts));

describe('pinned scoreSheet output', () => {
  it('matches the captured sheets for each type and factor 1, 3 and 0.5', async () => {
    const sheets = CASES.flatMap(([type, facts]) => FACTORS.map((f) => JSON.parse(json(cq2025, type, f, facts)) as unknown));
    await expect(`${JSON.stringify(sheets, null, 1)}\n`).toMatchFileSnapshot('./__snapshots__/score-sheet.pinned.json');
  });

  it('matches the captured digest of 3,000 random sheets under every setting variant', () => {
    const hash = new Digest();
    const rand = seeded(20250324);
    for (let i = 0; i < 3000; i++) {
      const [type, facts] = randomSheet(rand);
      const scheme = VARIANTS[i % VARIANTS.length] ?? cq2025;
      hash.update(json(scheme, type, FACTOR_POOL[Math.floor(rand() * FACTOR_POOL.length)] ?? 1, facts));
    }
    expect(hash.hex()).toMatchSnapshot();
  }, 60_000);
});

const VARIANTS: readonly ScoreScheme[] = [
  cq2025,
  withSettings({ aboveScale: 'additional', titledStaff: 'additional', scaling: 'proportional', judged: 'mean', pairChoice: 'free_choice' }),
  withSettings({ judged: 'panel', educationCategories: 'each_applicable', trimFrom: 3 }),
];
const FACTOR_POOL: readonly (number | string)[] = [1, 1, 3, '0.5', '0.75', 4, '3.5', '1.000', '0.333'];

/** Two independent 32-bit FNV-1a lanes over UTF-16 units (src/domain may not import node:crypto). */
class Digest {
  private a = 0x811c9dc5;
  private b = 0x01000193;
  private units = 0;

  update(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      this.a = Math.imul(this.a ^ c, 0x01000193) >>> 0;
      this.b = Math.imul(this.b ^ c ^ (i & 0xff), 0x85ebca6b) >>> 0;
    }
    this.units += text.length + 1;
    this.a = Math.imul(this.a ^ 10, 0x01000193) >>> 0;
  }

  hex(): string {
    return `${this.a.toString(16).padStart(8, '0')}${this.b.toString(16).padStart(8, '0')}:${this.units}`;
  }
}

function seeded(start: number): () => number {
  let seed = start;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random facts with absent keys, numeric strings, decimal areas and huge money. */
function randomSheet(rand: () => number): [PlatformType, SheetFacts] {
  const int = (max: number): number => Math.floor(rand() * (max + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length - 1)] as T;
  const num = (max: number): number | string => (rand() < 0.2 ? String(int(max)) : int(max));
  const money = (max: number): number | string => (rand() < 0.1 ? `${int(9)}${String(int(max)).padStart(12, '0')}` : num(max));
  const area = (max: number): number | string => (rand() < 0.3 ? (int(max * 100) / 100).toFixed(2) : int(max));
  const scores = (cap: number) => ({
    experts: Array.from({ length: int(7) }, () => int(cap * 2) / 2),
    ...(rand() < 0.3 ? { panel: int(cap * 2) / 2 } : {}), ...(rand() < 0.3 ? { proposed: int(cap * 2) / 2 } : {}),
  });
  const edu = () => ({ bachelorOrBelow: num(3000), postgraduate: num(400), talentCard: num(30), academician: num(3) });
  const leaderEvents = () => Array.from({ length: int(5) }, () => (rand() < 0.2 ? { leaderLevel: pick(['ministerial', 'bureau', 'none'] as const) } : { attendance: int(200), leaderLevel: pick(['ministerial', 'bureau', 'none'] as const) }));
  const common = {
    researchResults: num(6), areaM2: area(30_000), operatingStaff: { titled: num(4), other: num(8) }, safety: pick(['full', 'basic', 'weak', 'none'] as const),
    valueOrientation: pick(['sound', 'failed'] as const), honours: { local: num(10), municipal: num(6), ministerial: num(3) }, violations: num(2),
  };
  const parkFacts = {
    ...common, residentEnterprises: { aboveScale: num(20), other: num(60) }, residentRevenueYuan: money(2_000_000_000), taxYuan: money(8_000_000),
    onlineRevenueYuan: money(6_000_000_000), bureauEventsAttended: num(8), policyImplementation: scores(5), satisfaction: scores(5),
  };
  const type = pick<PlatformType>(['comprehensive_park', 'specialized_park', 'specialized_market']);
  const all: Record<string, unknown> = type === 'comprehensive_park'
    ? { ...parkFacts, employersServed: num(1200), jobsPromoted: num(12_000), events: Array.from({ length: int(5) }, () => ({ attendance: int(250) })), mediaReports: { county: num(4), municipal: num(3), central: num(2) } }
    : type === 'specialized_park'
      ? {
        ...parkFacts, ...(rand() < 0.8 ? { orientation: pick(['industry', 'service_line'] as const) } : {}), ...(rand() < 0.5 ? { choices: { '2.1/2.2': pick(['2.1', '2.2']) } } : {}),
        industryEnterprisesServed: num(30), serviceLineEnterprisesServed: num(150), industryTalentSupplied: edu(), serviceLineTalentServed: edu(),
        events: leaderEvents(), informationAdopted: { municipal: num(6), ministerial: num(3) },
      }
      : {
        ...common, serviceFunctions: rand() < 0.2 ? ['招聘', '培训', '测评', '培训'].slice(0, 1 + int(2)) : num(9), revenueYuan: money(20_000_000), hrEnterprises: num(15),
        databaseRecords: num(12_000), personTimesServed: edu(), placedInChongqing: edu(), events: leaderEvents(), enterprisesIncubated: num(12),
        talentSatisfaction: scores(10), enterpriseSatisfaction: scores(5), informationAdopted: { municipal: num(6), ministerial: num(3) },
      };
  // Drop some facts entirely: missing rows, "nothing reported" gap hints.
  const facts = Object.fromEntries(Object.entries(all).filter(() => rand() > 0.15));
  return [type, facts];
}
