/**
 * Statistics against sums computed here, in JS, from the rows this file inserts (not by the same
 * SQL); the scope of each role; each anomaly rule with a case that fires and one that does not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluationEntries, evaluations, residences } from '../../db/schema/index.js';
import { loginAs, useTestApp, type Client } from '../../../test/app.js';
import { makeEnterprise, makeOrg, makePlatform, makeResidence, makeUser, makeYearData } from '../../../test/factories.js';
import { readXlsx } from '../../../test/xlsx.js';
import { sheetFactsFor } from '../yeardata/facts.js';

const ctx = useTestApp();
const c: Record<string, Client> = {};

type Type = 'comprehensive_park' | 'specialized_park' | 'specialized_market';
type Level = 'national' | 'municipal' | 'district';
interface P { id: string; district: string; type: Type; level: Level }
interface R { platformId: string; year: number; revenue: bigint; tax: bigint; above: boolean; atEnd: boolean }
interface D { platformId: string; year: number; served: number; placed: number }
const plats: P[] = [];
const res: R[] = [];
const yd: D[] = [];

const JLP = '500107';
const WZ = '500101';
const YC = '500118';

async function platform(district: string, type: Type, level: Level, name?: string): Promise<P> {
  const p = { id: await makePlatform(ctx.database.db, { districtCode: district, type, level, ...(name ? { name } : {}) }), district, type, level };
  plats.push(p);
  return p;
}

async function resident(p: P, year: number, revenue: bigint, opts: { tax?: bigint; above?: boolean; exited?: boolean; enterpriseId?: string } = {}) {
  const db = ctx.database.db;
  const enterpriseId = opts.enterpriseId ?? (await makeEnterprise(db, { aboveScale: { year, value: opts.above ?? false } })).id;
  await db.insert(residences).values({
    platformId: p.id, enterpriseId, year, mode: 'offline', entryDate: null, exitDate: opts.exited ? `${year}-06-30` : null, revenueYuan: revenue, taxYuan: opts.tax ?? 0n,
  });
  res.push({ platformId: p.id, year, revenue, tax: opts.tax ?? 0n, above: opts.above ?? false, atEnd: !opts.exited });
}

async function yearData(p: P, year: number, data: Record<string, unknown>, served: number, placed: number) {
  await makeYearData(ctx.database.db, p.id, year, data);
  yd.push({ platformId: p.id, year, served, placed });
}

/** The expected figures, summed in JS over the seeded rows. */
function expected(year: number, pred: (p: P) => boolean) {
  const inScope = new Set(plats.filter(pred).map((p) => p.id));
  const r = res.filter((x) => x.year === year && x.atEnd && inScope.has(x.platformId));
  const d = yd.filter((x) => x.year === year && inScope.has(x.platformId));
  const withData = new Set([...r.map((x) => x.platformId), ...d.map((x) => x.platformId)]);
  return {
    platforms: withData.size, enterprises: r.length, aboveScale: r.filter((x) => x.above).length,
    revenueYuan: r.reduce((s, x) => s + x.revenue, 0n).toString(), taxYuan: r.reduce((s, x) => s + x.tax, 0n).toString(),
    served: d.reduce((s, x) => s + x.served, 0), placed: d.reduce((s, x) => s + x.placed, 0),
  };
}

const ids: Record<string, P> = {};

beforeAll(async () => {
  const db = ctx.database.db;
  ids.jm = await platform(JLP, 'specialized_market', 'municipal', '九龙坡市场');
  ids.jp = await platform(JLP, 'comprehensive_park', 'national', '九龙坡园区');
  ids.wp = await platform(WZ, 'specialized_park', 'municipal', '万州专业园');
  ids.wd = await platform(WZ, 'comprehensive_park', 'district', '万州区级园');
  ids.yc = await platform(YC, 'specialized_market', 'district', '永川市场');
  ids.empty = await platform(YC, 'comprehensive_park', 'municipal', '永川无数据园');
  let k = 1n;
  for (const year of [2023, 2024]) {
    for (const p of [ids.jm, ids.jp, ids.wp, ids.wd, ids.yc]) {
      for (let i = 0; i < 3; i++) {
        k += 1n;
        await resident(p, year, 1_000_000n * k + 7n, { tax: 10_000n * k + 3n, above: i === 0, exited: i === 2 && year === 2024 });
      }
    }
  }
  // Past 2^53: the sums must stay exact.
  await resident(ids.jm, 2024, 9_000_000_000_000_001n);
  await resident(ids.jm, 2024, 9_000_000_000_000_003n);
  await yearData(ids.jm, 2024, { personTimesServed: { bachelorOrBelow: 120, postgraduate: 30, talentCard: 4, academician: 1 }, placedInChongqing: { bachelorOrBelow: 50, postgraduate: 6 } }, 155, 56);
  await yearData(ids.yc, 2024, { personTimesServed: { bachelorOrBelow: 10 }, placedInChongqing: { postgraduate: 2 } }, 10, 2);
  await yearData(ids.wp, 2024, { serviceLineTalentServed: { bachelorOrBelow: 40, postgraduate: 8 }, industryTalentSupplied: { bachelorOrBelow: 11 } }, 48, 11);
  await yearData(ids.jp, 2024, { jobsPromoted: 300, employersServed: 99 }, 0, 300);
  await yearData(ids.jp, 2023, { jobsPromoted: 200 }, 0, 200);

  const op = await makeOrg(db, 'operator', JLP);
  for (const [key, role, opts] of [
    ['bureau', 'bureau', {}], ['jlp', 'district', { districtCode: JLP }], ['wz', 'district', { districtCode: WZ }],
    ['gov', 'district_gov', { districtCode: JLP }], ['operator', 'operator', { organizationId: op }], ['expert', 'expert', {}], ['secadmin', 'security_admin', {}],
  ] as const) {
    c[key] = await loginAs(ctx.app, (await makeUser(db, role, opts)).username);
  }
});

type FiguresBody = {
  city: ReturnType<typeof expected>; focus: { districtCode: string } | null; focusFigures: ReturnType<typeof expected> | null;
  byDistrict: { districtCode: string; figures: ReturnType<typeof expected> }[];
  byType: { type: Type; figures: ReturnType<typeof expected> }[]; byLevel: { level: Level; figures: ReturnType<typeof expected> }[];
};

describe('figures', () => {
  it('equal the sums of the seeded rows: city, per district, per type and level, exact past 2^53', async () => {
    const r = await c.bureau!.call('GET', '/statistics/figures?year=2024');
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json<FiguresBody>();
    expect(b.city).toEqual(expected(2024, () => true));
    expect(BigInt(b.city.revenueYuan)).toBeGreaterThan(18_000_000_000_000_000n);
    expect(b.focus).toBeNull();
    expect(b.byDistrict.map((d) => d.districtCode)).toEqual([WZ, JLP, YC].sort());
    for (const d of b.byDistrict) expect(d.figures).toEqual(expected(2024, (p) => p.district === d.districtCode));
    for (const t of b.byType) expect(t.figures).toEqual(expected(2024, (p) => p.type === t.type));
    for (const l of b.byLevel) expect(l.figures).toEqual(expected(2024, (p) => p.level === l.level));
    // The platform without data that year is not counted.
    expect(b.city.platforms).toBe(5);
  });

  it('apply the type and level filters, and the bureau’s district choice as the focus', async () => {
    const b = (await c.bureau!.call('GET', `/statistics/figures?year=2024&type=specialized_market&districtCode=${JLP}`)).json<FiguresBody>();
    expect(b.city).toEqual(expected(2024, (p) => p.type === 'specialized_market'));
    expect(b.focusFigures).toEqual(expected(2024, (p) => p.type === 'specialized_market' && p.district === JLP));
    const byLevel = (await c.bureau!.call('GET', '/statistics/figures?year=2023&level=district')).json<FiguresBody>();
    expect(byLevel.city).toEqual(expected(2023, (p) => p.level === 'district'));
  });

  it('trends per year for the whole city (the bureau, no district chosen)', async () => {
    const r = await c.bureau!.call('GET', '/statistics/trends?from=2023&to=2024&type=specialized_market');
    expect(r.statusCode, r.body).toBe(200);
    const t = r.json<{ focus: unknown; years: { year: number; city: unknown; focusFigures: unknown }[] }>();
    expect(t.focus).toBeNull();
    for (const y of t.years) {
      expect(y.city).toEqual(expected(y.year, (p) => p.type === 'specialized_market'));
      expect(y.focusFigures).toBeNull();
    }
  });

  it('trends per year for the city and the focus', async () => {
    const t = (await c.jlp!.call('GET', '/statistics/trends?from=2022&to=2024')).json<{ years: { year: number; city: unknown; focusFigures: unknown }[] }>();
    expect(t.years.map((y) => y.year)).toEqual([2022, 2023, 2024]);
    for (const y of t.years) {
      expect(y.city).toEqual(expected(y.year, () => true));
      expect(y.focusFigures).toEqual(expected(y.year, (p) => p.district === JLP));
    }
  });
});

describe('scope', () => {
  it('gives a district its own district and the city totals, nothing per other district', async () => {
    const b = (await c.jlp!.call('GET', '/statistics/figures?year=2024')).json<FiguresBody>();
    expect(b.focus?.districtCode).toBe(JLP);
    expect(b.city).toEqual(expected(2024, () => true));
    expect(b.focusFigures).toEqual(expected(2024, (p) => p.district === JLP));
    expect(b.byDistrict.map((d) => d.districtCode)).toEqual([JLP]);
    for (const t of b.byType) expect(t.figures).toEqual(expected(2024, (p) => p.district === JLP && p.type === t.type));
    expect((await c.jlp!.call('GET', `/statistics/figures?year=2024&districtCode=${WZ}`)).statusCode).toBe(403);
    expect((await c.jlp!.call('GET', `/statistics/export?chart=districts&year=2024&districtCode=${WZ}`)).statusCode).toBe(403);
  });

  it('refuses the operator, the expert, the district government and the security administrator', async () => {
    for (const who of ['operator', 'expert', 'gov', 'secadmin']) {
      for (const url of ['/statistics/figures?year=2024', '/statistics/trends?from=2023&to=2024', '/statistics/grades?year=2024', '/statistics/anomalies?year=2024', '/statistics/export?chart=figures&year=2024']) {
        expect((await c[who]!.call('GET', url)).statusCode, `${who} ${url}`).toBe(403);
      }
    }
  });

  it('exports the numbers behind a chart, a district’s without other districts', async () => {
    const r = await c.jlp!.call('GET', '/statistics/export?chart=districts&year=2024');
    expect(r.statusCode).toBe(200);
    const ws = (await readXlsx(r.rawPayload)).worksheets[0]!;
    const labels = ws.getColumn(1).values.slice(2);
    expect(labels).toEqual(['九龙坡区', '全市合计']);
    // Past 2^53 the cell holds the exact figure as text.
    expect(ws.getRow(3).getCell(5).value).toBe(expected(2024, () => true).revenueYuan);
  });
});

describe('grades', () => {
  it('count published grades only, per district in scope', async () => {
    const db = ctx.database.db;
    const mk = async (year: number, status: 'open' | 'published') => (await db.insert(evaluations).values({
      year, schemeId: 'cq-2025', selfEvaluationEnd: `${year}-03-01`, districtReviewEnd: `${year}-04-01`, municipalReviewEnd: `${year}-05-01`, status,
    }).returning({ id: evaluations.id }))[0]!.id;
    const pub = await mk(2023, 'published');
    const open = await mk(2024, 'open');
    const graded: [P, 'excellent' | 'pass' | 'fail'][] = [[ids.jm!, 'excellent'], [ids.jp!, 'pass'], [ids.wp!, 'pass'], [ids.wd!, 'fail'], [ids.yc!, 'pass']];
    for (const [p, grade] of graded) {
      await db.insert(evaluationEntries).values({ evaluationId: pub, platformId: p.id, level: p.level, type: p.type, factor: '1', status: 'published', reviewedTotal: '70', grade });
      await db.insert(evaluationEntries).values({ evaluationId: open, platformId: p.id, level: p.level, type: p.type, factor: '1', status: 'graded', reviewedTotal: '70', grade: 'excellent' });
    }
    const count = (pred: (p: P) => boolean) => ['excellent', 'pass', 'fail'].map((g) => ({ grade: g, count: graded.filter(([p, x]) => x === g && pred(p)).length }));
    const b = (await c.bureau!.call('GET', '/statistics/grades?year=2023')).json<{ published: boolean; city: unknown; byDistrict: { districtCode: string; grades: unknown }[] }>();
    expect(b.published).toBe(true);
    expect(b.city).toEqual(count(() => true));
    for (const d of b.byDistrict) expect(d.grades).toEqual(count((p) => p.district === d.districtCode));
    const wz = (await c.wz!.call('GET', '/statistics/grades?year=2023')).json<{ focusGrades: unknown; byDistrict: { districtCode: string }[] }>();
    expect(wz.focusGrades).toEqual(count((p) => p.district === WZ));
    expect(wz.byDistrict.map((d) => d.districtCode)).toEqual([WZ]);
    const notYet = (await c.bureau!.call('GET', '/statistics/grades?year=2024')).json<{ published: boolean; city: { count: number }[] }>();
    expect(notYet.published).toBe(false);
    expect(notYet.city.every((x) => x.count === 0)).toBe(true);
  });
});

type AnomalyBody = { items: { rule: string; platformId: string; explanation: string; link: string }[] };

describe('anomalies (year 2022 against 2021)', () => {
  const a: Record<string, P> = {};
  beforeAll(async () => {
    const db = ctx.database.db;
    for (const [key, district, name] of [['rev', JLP, '营收跳变园'], ['ent', JLP, '户数跳变园'], ['calm', WZ, '平稳园'], ['dupA', JLP, '重复甲园'], ['dupB', WZ, '重复乙园']] as const) {
      a[key] = await platform(district, 'comprehensive_park', 'municipal', name);
    }
    // 营收跳变园: 2 enterprises both years, revenue 1,000,000 → 1,600,000 (+60 %).
    await resident(a.rev!, 2021, 500_000n); await resident(a.rev!, 2021, 500_000n);
    await resident(a.rev!, 2022, 800_000n); await resident(a.rev!, 2022, 800_000n);
    // 户数跳变园: 2 → 4 enterprises (+100 %), revenue 1,000,000 → 1,000,000.
    await resident(a.ent!, 2021, 500_000n); await resident(a.ent!, 2021, 500_000n);
    for (let i = 0; i < 4; i++) await resident(a.ent!, 2022, 250_000n);
    // 平稳园: 1,000,000 → 1,400,000 (+40 %), 2 → 2: nothing at 50 %, revenue at 30 %.
    await resident(a.calm!, 2021, 500_000n); await resident(a.calm!, 2021, 500_000n);
    await resident(a.calm!, 2022, 700_000n); await resident(a.calm!, 2022, 700_000n);
    // One enterprise offline in two parks in 2022 (and only one in 2021).
    const shared = (await makeEnterprise(db, { name: '双园企业' })).id;
    await makeResidence(db, { platformId: a.dupA!.id, enterpriseId: shared, year: 2022 });
    await makeResidence(db, { platformId: a.dupB!.id, enterpriseId: shared, year: 2022 });
    await makeResidence(db, { platformId: a.dupA!.id, enterpriseId: shared, year: 2021 });

    // The 2022 evaluation: 营收跳变园 submitted as pre-filled but reviewed 10.5 lower; 平稳园 changed a figure, 9 points apart;
    // 户数跳变园 changed a figure but is still a draft.
    const [e] = await db.insert(evaluations).values({ year: 2022, schemeId: 'cq-2025', selfEvaluationEnd: '2022-03-01', districtReviewEnd: '2022-04-01', municipalReviewEnd: '2022-05-01', status: 'open' }).returning({ id: evaluations.id });
    const facts = async (p: P) => (await sheetFactsFor(db, p.id, 2022, { residents: 'year_end' })).facts;
    const changed = (f: Record<string, unknown>) => ({ ...f, residentRevenueYuan: '9999999' });
    // Each entry keeps the figures it was pre-filled with (as opening the campaign does).
    const pre = async (p: P) => ({ facts: await facts(p), prefilledFacts: await facts(p) });
    await db.insert(evaluationEntries).values([
      { evaluationId: e!.id, platformId: a.rev!.id, level: 'municipal', type: 'comprehensive_park', factor: '1', status: 'reviewed', ...(await pre(a.rev!)), selfTotal: '80.00', reviewedTotal: '69.50' },
      { evaluationId: e!.id, platformId: a.calm!.id, level: 'municipal', type: 'comprehensive_park', factor: '1', status: 'submitted', ...(await pre(a.calm!)), facts: changed(await facts(a.calm!)), selfTotal: '80.00', reviewedTotal: '71.00' },
      { evaluationId: e!.id, platformId: a.ent!.id, level: 'municipal', type: 'comprehensive_park', factor: '1', status: 'draft', ...(await pre(a.ent!)), facts: changed(await facts(a.ent!)), selfTotal: '90.00', reviewedTotal: null },
    ]);
  });

  const flags = async (client: Client, query = '') => {
    const r = await client.call('GET', `/statistics/anomalies?year=2022${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<AnomalyBody>().items;
  };
  const of = (items: AnomalyBody['items'], rule: string) => items.filter((i) => i.rule === rule).map((i) => i.platformId).sort();

  it('flags revenue and enterprise counts jumping by more than the set share, both ways of the threshold', async () => {
    const items = await flags(c.bureau!);
    expect(of(items, 'revenue_jump')).toEqual([a.rev!.id]);
    expect(of(items, 'enterprise_jump')).toEqual([a.ent!.id]);
    const rev = items.find((i) => i.rule === 'revenue_jump')!;
    expect(rev.explanation).toContain('1,000,000 元');
    expect(rev.explanation).toContain('1,600,000 元');
    expect(rev.explanation).toContain('+60.0%');
    expect(rev.link).toBe(`/app/platforms/${a.rev!.id}?tab=residences`);
    expect(of(await flags(c.bureau!, '&jumpPercent=30'), 'revenue_jump')).toEqual([a.calm!.id, a.rev!.id].sort());
  });

  it('flags an enterprise resident offline in two parks, on both platforms', async () => {
    const items = await flags(c.bureau!);
    expect(of(items, 'duplicate_residence')).toEqual([a.dupA!.id, a.dupB!.id].sort());
    expect(items.find((i) => i.rule === 'duplicate_residence')!.explanation).toContain('双园企业');
    expect(of(await flags(c.bureau!, '').then((x) => x), 'duplicate_residence')).not.toContain(a.rev!.id);
  });

  it('flags a submitted self-evaluation whose figure differs from the pre-filled registry figure, not a matching one or a draft', async () => {
    const items = await flags(c.bureau!);
    expect(of(items, 'prefill_changed')).toEqual([a.calm!.id]);
    const f = items.find((i) => i.rule === 'prefill_changed')!;
    expect(f.explanation).toContain('自评 9999999');
    expect(f.link).toMatch(/^\/app\/evaluations\/[0-9a-f-]+\/entries\/[0-9a-f-]+$/);
  });

  it('flags self vs reviewed score gaps of the set size or more', async () => {
    const items = await flags(c.bureau!);
    expect(of(items, 'score_gap')).toEqual([a.rev!.id]);
    expect(items.find((i) => i.rule === 'score_gap')!.explanation).toContain('相差 -10.50 分');
    expect(of(await flags(c.bureau!, '&scoreGap=8'), 'score_gap')).toEqual([a.calm!.id, a.rev!.id].sort());
  });

  it('shows a district the flags of its own platforms (and duplicates touching them)', async () => {
    const wz = await flags(c.wz!);
    const mine = new Set(plats.filter((p) => p.district === WZ).map((p) => p.id));
    expect(wz.filter((i) => i.rule !== 'duplicate_residence').every((i) => mine.has(i.platformId))).toBe(true);
    expect(of(wz, 'revenue_jump')).toEqual([]);
    expect(of(wz, 'prefill_changed')).toEqual([a.calm!.id]);
    expect(of(wz, 'duplicate_residence')).toEqual([a.dupA!.id, a.dupB!.id].sort());
  });
});
