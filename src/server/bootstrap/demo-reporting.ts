/**
 * Operating-data reporting (Art 18, 20) in the demo: the bureau's quarterly cycle of this year and its yearly
 * cycle of the demo year, with reports at every step, so that each role finds reporting work on its home page:
 * jlp.operator's park has its first quarter accepted, its second returned to fix and its third due within
 * days; 九龙坡's district-level park has its third quarter submitted, waiting for jlp.hrss; 万州's second
 * quarter was accepted by wz.hrss; the national park's second quarter waits for review; the health talent
 * market and the 两江 park are overdue; the market's yearly report is submitted. Due dates are counted from
 * today (the bureau set them so) and every step runs through the use cases on its own day (withClock).
 */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../domain/auth/actor.js';
import type { Role } from '../../domain/auth/roles.js';
import { todayIso, withClock } from '../clock.js';
import type { RequestContext } from '../context.js';
import { createCycle, getReport, reviewReport, saveReport, submitReport, updateCycle } from '../reporting/service.js';
import type { DemoSeedPlatform } from './demo-evaluations.js';
import { DEMO_YEAR } from './demo-registry.js';
import { demoContexts, seedContext } from './demo-context.js';

const DAY = 86_400_000;
/** Days from a date (YYYY-MM-DD), as YYYY-MM-DD. */
const plus = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** A quarter's (or the year's) figures of a demo platform: typical sizes, scaled per platform. */
const BASE: Readonly<Record<string, number>> = {
  residentEnterprises: 40, residentRevenueYuan: 180_000_000, taxYuan: 9_000_000, employersServed: 300, jobsPromoted: 2_000,
  industryEnterprisesServed: 6, hrEnterprises: 25, revenueYuan: 60_000_000, personTimesServedTotal: 5_000, placedInChongqingTotal: 1_200, databaseRecords: 30_000,
};
const SCALE: Readonly<Record<string, number>> = {
  中国重庆人力资源服务产业园: 2.5, 九龙坡区人力资源服务产业园: 1, 万州区人力资源服务产业园: 0.7, 两江新区数字经济人力资源服务产业园: 1.2,
  九龙坡区智能制造人力资源服务产业园: 0.5, 重庆市卫生健康人才市场: 1,
};

export const DEMO_QUARTERLY_FIGURES = {
  comprehensive_park: ['residentEnterprises', 'residentRevenueYuan', 'jobsPromoted'],
  specialized_park: ['residentEnterprises', 'residentRevenueYuan'],
  specialized_market: ['hrEnterprises', 'personTimesServedTotal'],
};
const YEARLY_FIGURES = {
  comprehensive_park: ['residentEnterprises', 'residentRevenueYuan', 'taxYuan', 'employersServed', 'jobsPromoted'],
  specialized_park: ['residentEnterprises', 'residentRevenueYuan', 'taxYuan', 'industryEnterprisesServed'],
  specialized_market: ['hrEnterprises', 'revenueYuan', 'personTimesServedTotal', 'placedInChongqingTotal', 'databaseRecords'],
};
/** Days from today to each quarter's due date: two past, one within the reminder window, one later. */
const QUARTER_DUE = [-120, -30, 5, 95];
const YEAR_DUE = 20;

export async function seedDemoReporting(db: Db, platforms: readonly DemoSeedPlatform[]): Promise<void> {
  const ctxOf = await demoContexts(db, ['admin', 'staff', 'jlp.hrss', 'wz.hrss', 'jlp.operator']);
  const admin = ctxOf('admin');
  const bureau = ctxOf('staff');
  const demoActor = (role: Role, organizationId: string, organizationName: string, districtCode: string | null): RequestContext => {
    const actor: Actor = { ...admin.actor, username: '演示数据', role, organizationId, organizationName, districtCode };
    return seedContext(actor);
  };
  const byName = (name: string): DemoSeedPlatform => {
    const p = platforms.find((x) => x.name === name);
    if (!p) throw new Error(`demo platform ${name} missing`);
    return p;
  };
  const district = (p: DemoSeedPlatform): RequestContext => {
    if (p.districtCode === '500107') return ctxOf('jlp.hrss');
    if (p.districtCode === '500101') return ctxOf('wz.hrss');
    return demoActor('district', admin.actor.organizationId, `演示数据（${p.districtCode} 区县人力社保部门）`, p.districtCode);
  };
  const operator = (p: DemoSeedPlatform): RequestContext =>
    ctxOf('jlp.operator').actor.organizationId === p.operatorOrgId ? ctxOf('jlp.operator') : demoActor('operator', p.operatorOrgId, p.operatorName, p.districtCode);

  // Today is read once: inside a pinned clock todayIso() is that day's.
  const today = todayIso();
  const shift = (days: number) => plus(today, days);
  /** A clock pinned at 10:00 China time that many days from today. */
  const on = (days: number) => {
    const at = new Date(Date.parse(`${shift(days)}T10:00:00+08:00`));
    return () => at;
  };
  const year = Number(today.slice(0, 4));
  const { quarters, yearly } = await withClock(on(-140), async () => {
    const q = await createCycle(db, bureau, { name: `${year} 年季度运营数据`, kind: 'quarterly', year, daysAfterEnd: 15, figures: DEMO_QUARTERLY_FIGURES });
    await updateCycle(db, bureau, q.id, { name: q.name, figures: DEMO_QUARTERLY_FIGURES, periods: q.periods.map((p, i) => ({ id: p.id, dueOn: shift(QUARTER_DUE[i] ?? 95) })) });
    const y = await createCycle(db, bureau, { name: `${DEMO_YEAR} 年度运营数据`, kind: 'yearly', year: DEMO_YEAR, daysAfterEnd: 15, figures: YEARLY_FIGURES });
    await updateCycle(db, bureau, y.id, { name: y.name, figures: YEARLY_FIGURES, periods: y.periods.map((p) => ({ id: p.id, dueOn: shift(YEAR_DUE) })) });
    return { quarters: q.periods.map((p) => p.id), yearly: y.periods[0]?.id ?? '' };
  });
  const period = (i: number): string => {
    const id = quarters[i];
    if (id === undefined) throw new Error(`demo quarter ${i + 1} missing`);
    return id;
  };

  /** The figures the period asks of the platform, sized for it (a year is four quarters). */
  const figuresFor = async (periodId: string, p: DemoSeedPlatform, factor: number) => {
    const r = await getReport(db, operator(p), periodId, p.id);
    const scale = (SCALE[p.name] ?? 1) * factor;
    return Object.fromEntries(r.fields.map((f) => [f.key, Math.round((BASE[f.key] ?? 10) * (f.key === 'residentEnterprises' || f.key === 'hrEnterprises' ? scale / factor : scale))]));
  };
  const submit = async (periodId: string, p: DemoSeedPlatform, day: number, factor = 1) =>
    withClock(on(day), async () => submitReport(db, operator(p), periodId, p.id, await figuresFor(periodId, p, factor)));
  const draft = async (periodId: string, p: DemoSeedPlatform, day: number) =>
    withClock(on(day), async () => saveReport(db, operator(p), periodId, p.id, await figuresFor(periodId, p, 1)));
  const review = async (periodId: string, p: DemoSeedPlatform, day: number, action: 'accept' | 'return', reason: string | null = null) =>
    withClock(on(day), async () => {
      const r = await getReport(db, district(p), periodId, p.id);
      if (r.id === null) throw new Error(`demo report ${p.name} missing`);
      await reviewReport(db, district(p), r.id, action, reason);
    });

  const national = byName('中国重庆人力资源服务产业园');
  const jlpPark = byName('九龙坡区人力资源服务产业园');
  const wanzhou = byName('万州区人力资源服务产业园');
  const manufacturing = byName('九龙坡区智能制造人力资源服务产业园');
  const market = byName('重庆市卫生健康人才市场');

  // First quarter: handed in and accepted, but for 两江's park, which reports nothing (overdue).
  for (const [i, p] of [national, jlpPark, wanzhou, manufacturing, market].entries()) {
    await submit(period(0), p, -126 + i);
    await review(period(0), p, -118 + i, 'accept');
  }
  // Second quarter: 九龙坡's park returned to fix; 万州 and 九龙坡's district-level park accepted; the national park waiting; the market and 两江 overdue.
  await submit(period(1), jlpPark, -33);
  await review(period(1), jlpPark, -27, 'return', '线下入驻企业数量与企业名录不一致，请核对后重新报送（演示数据）');
  await submit(period(1), wanzhou, -32);
  await review(period(1), wanzhou, -26, 'accept');
  await submit(period(1), manufacturing, -31);
  await review(period(1), manufacturing, -25, 'accept');
  await submit(period(1), national, -31);
  // Third quarter, due in five days: 九龙坡's district-level park submitted, 万州 started; 九龙坡's park still to report.
  await submit(period(2), manufacturing, -2);
  await draft(period(2), wanzhou, -3);
  // The demo year: the market's yearly report submitted, the national park's started.
  await submit(yearly, market, -4, 4);
  await draft(yearly, national, -3);
}
