/**
 * The evaluation part of the demo dataset, run through the use cases (so every step has its audit row and
 * notifications): a published 2024 campaign with results, and the 2025 campaign open, with the demo
 * platforms at different steps so that each role finds something to do:
 * 九龙坡 park (jlp.operator) in self-evaluation with some texts written; 九龙坡's district-level park applied
 * for by jlp.hrss and submitted, waiting for jlp.hrss's review; 万州 forwarded by wz.hrss and assigned to
 * expert1; the national park forwarded, waiting for the bureau to assign experts; the health talent market
 * reviewed by expert1. Steps of a district or operator without a demo account are taken by a demo actor
 * (username 演示数据) holding that district or organization, on the admin account's id.
 */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../domain/auth/actor.js';
import type { Role } from '../../domain/auth/roles.js';
import { todayIso, withClock } from '../clock.js';
import type { RequestContext } from '../context.js';
import { forwardEntry, reviewRows } from '../evaluations/2-district-review/service.js';
import { assignExpert, finishReview, saveOwnAssignment, submitOwnAssignment } from '../evaluations/3-expert-review/service.js';
import { decide, gradeAll, panelView } from '../evaluations/4-panel/service.js';
import { publish } from '../evaluations/5-publication/service.js';
import { judgedRows } from '../evaluations/3-expert-review/review-sheet.js';
import { getEntry, saveEntry, submitEntry } from '../evaluations/1-self-evaluation/service.js';
import { applyForDistrictPlatform, createEvaluation, listEntries, openEvaluation } from '../evaluations/campaign/service.js';
import { markRead } from '../notifications/service.js';
import { loadScheme } from '../schemes/service.js';
import { sheetFactsFor } from '../yeardata/facts.js';
import { DEMO_YEAR } from './demo-registry.js';
import { demoContexts, seedContext } from './demo-context.js';

export interface DemoSeedPlatform { id: string; name: string; districtCode: string; operatorOrgId: string; operatorName: string }

const SCHEME = 'cq-2025';
/**
 * When the 2024 campaign ran (China time): created and opened in December 2024, windows in the first quarter of
 * 2025, published at the end of March 2025. Each platform's step is taken a day after the previous one's.
 */
const PAST = {
  created: '2024-12-16T09:30:00+08:00',
  windows: { selfEvaluationEnd: '2025-01-24', districtReviewEnd: '2025-02-21', municipalReviewEnd: '2025-03-14' },
  submitted: '2025-01-13T10:00:00+08:00',
  forwarded: '2025-02-10T15:00:00+08:00',
  assigned: '2025-02-24T09:00:00+08:00',
  reviewed: '2025-03-03T14:00:00+08:00',
  panel: '2025-03-20T10:00:00+08:00',
  published: '2025-03-28T10:00:00+08:00',
  read: '2025-04-03T09:00:00+08:00',
} as const;
const step = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000);
const shift = (days: number) => new Date(Date.parse(`${todayIso()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const texts: Record<string, string> = {
  // No demo entry has evidence files: the texts must not claim any (demo.test.ts checks).
  '1.1': '本项数据取自平台登记的入驻企业名录和年度数据（演示数据）。',
  '1.2': '营业收入按入驻企业年度报表汇总，已剔除代收代付（演示数据）。',
  '2.1': '全年服务情况见平台服务台账（演示数据）。',
};

export async function seedDemoEvaluations(db: Db, platforms: readonly DemoSeedPlatform[]): Promise<void> {
  const accounts = ['admin', 'staff', 'jlp.hrss', 'wz.hrss', 'jlp.gov', 'jlp.operator', 'expert1'];
  const ctxOf = await demoContexts(db, accounts);
  const admin = ctxOf('admin');
  const bureau = ctxOf('staff');
  const expert = ctxOf('expert1');
  const byName = (name: string): DemoSeedPlatform => {
    const p = platforms.find((x) => x.name === name);
    if (!p) throw new Error(`demo platform ${name} missing`);
    return p;
  };
  /** A demo actor for a role the demo has no account for in that district or organization. */
  const demoActor = (role: Role, organizationId: string, organizationName: string, districtCode: string | null): RequestContext => {
    const actor: Actor = { ...admin.actor, username: '演示数据', role, organizationId, organizationName, districtCode };
    return seedContext(actor);
  };
  const district = (p: DemoSeedPlatform): RequestContext => {
    if (p.districtCode === '500107') return ctxOf('jlp.hrss');
    if (p.districtCode === '500101') return ctxOf('wz.hrss');
    return demoActor('district', admin.actor.organizationId, `演示数据（${p.districtCode} 区县人力社保部门）`, p.districtCode);
  };
  const operator = (p: DemoSeedPlatform): RequestContext => {
    if (ctxOf('jlp.operator').actor.organizationId === p.operatorOrgId) return ctxOf('jlp.operator');
    return demoActor('operator', p.operatorOrgId, p.operatorName, p.districtCode);
  };
  const scheme = (await loadScheme(db, SCHEME)).scheme;

  const submit = async (evaluationId: string, entryId: string, p: DemoSeedPlatform, facts?: Record<string, unknown>) => {
    await saveEntry(db, operator(p), evaluationId, entryId, { rowTexts: texts, ...(facts === undefined ? {} : { facts }) });
    await submitEntry(db, operator(p), evaluationId, entryId);
  };
  const forward = async (evaluationId: string, entryId: string, p: DemoSeedPlatform) => {
    const d = district(p);
    const detail = await getEntry(db, d, evaluationId, entryId);
    const counted = detail.sheet?.rows.filter((r) => r.counted).map((r) => r.code) ?? [];
    await reviewRows(db, d, evaluationId, entryId, counted.map((code) => ({ code, decision: 'accepted' as const })));
    await forwardEntry(db, d, evaluationId, entryId);
  };
  const assign = async (evaluationId: string, entryId: string) => {
    await assignExpert(db, bureau, evaluationId, entryId, { expertUserId: expert.actor.userId });
  };
  /** The expert scores the judged rows at a share of their caps, visits the site on the day, submits; the bureau finishes. */
  const review = async (evaluationId: string, entryId: string, type: keyof typeof scheme.tables, share: number, day: Date) => {
    const judgedScores = Object.fromEntries(judgedRows(scheme, type).map((r) => {
      const step = Number(r.step);
      return [r.fact, String(Math.round((Number(r.cap) * share) / step) * step)];
    }));
    await saveOwnAssignment(db, expert, evaluationId, entryId, {
      judgedScores, siteVisit: { date: todayIso(day), participants: ['评审专家甲（演示）'], findings: '现场核查：场地、人员与台账相符（演示数据）。' },
    });
    await submitOwnAssignment(db, expert, evaluationId, entryId);
    await finishReview(db, bureau, evaluationId, entryId);
  };
  const entryOf = async (evaluationId: string) => {
    const list = await listEntries(db, bureau, evaluationId);
    return (name: string) => {
      const x = list.find((e) => e.platformName === name);
      if (!x) throw new Error(`demo entry ${name} missing`);
      return x;
    };
  };

  // 2024, published: run on its historical dates with a pinned clock, so that every timestamp, window and
  // notification (deadlines included) and the signed results carry the dates the campaign ran on; audit rows
  // keep the time they were written (the chain's order is the order of insertion). The registry holds the
  // 2025 figures only: each operator self-evaluates with them.
  let at = new Date(PAST.created);
  await withClock(() => at, async () => {
    const last = await createEvaluation(db, bureau, { year: DEMO_YEAR - 1, schemeId: SCHEME, ...PAST.windows });
    await openEvaluation(db, bureau, last.id);
    const shares: Record<string, number> = { 中国重庆人力资源服务产业园: 0.9, 九龙坡区人力资源服务产业园: 0.8, 万州区人力资源服务产业园: 0.5, 两江新区数字经济人力资源服务产业园: 0.7, 重庆市卫生健康人才市场: 0.8 };
    const list = await listEntries(db, bureau, last.id);
    for (const [i, x] of list.entries()) {
      const p = byName(x.platformName);
      const facts = (await sheetFactsFor(db, p.id, DEMO_YEAR, scheme.settings)).facts;
      at = step(PAST.submitted, i);
      await submit(last.id, x.id, p, { ...facts });
      at = step(PAST.forwarded, i);
      await forward(last.id, x.id, p);
    }
    for (const [i, x] of list.entries()) {
      at = step(PAST.assigned, i);
      await assign(last.id, x.id);
      at = step(PAST.reviewed, i);
      await review(last.id, x.id, x.type, shares[x.platformName] ?? 0.7, at);
    }
    at = new Date(PAST.panel);
    for (const h of (await panelView(db, last.id)).held) {
      await decide(db, bureau, last.id, h.entryId, { grade: 'pass', reason: '评审会议综合现场核查情况决定（演示数据）' });
    }
    await gradeAll(db, bureau, last.id);
    at = new Date(PAST.published);
    await publish(db, bureau, last.id);
    // A year later its messages have long been read: the demo accounts read them the week after publication.
    at = new Date(PAST.read);
    for (const username of accounts) await markRead(db, ctxOf(username), null);
  });

  // 2025, open: windows counted from today.
  const current = await createEvaluation(db, bureau, { year: DEMO_YEAR, schemeId: SCHEME, selfEvaluationEnd: shift(14), districtReviewEnd: shift(28), municipalReviewEnd: shift(56) });
  await openEvaluation(db, bureau, current.id);
  const manufacturing = byName('九龙坡区智能制造人力资源服务产业园');
  await applyForDistrictPlatform(db, ctxOf('jlp.hrss'), current.id, manufacturing.id);
  const entry = await entryOf(current.id);
  const jlp = entry('九龙坡区人力资源服务产业园');
  await saveEntry(db, ctxOf('jlp.operator'), current.id, jlp.id, { rowTexts: texts });
  await submit(current.id, entry(manufacturing.name).id, manufacturing);
  for (const name of ['万州区人力资源服务产业园', '中国重庆人力资源服务产业园', '重庆市卫生健康人才市场']) {
    await submit(current.id, entry(name).id, byName(name));
    await forward(current.id, entry(name).id, byName(name));
  }
  await assign(current.id, entry('万州区人力资源服务产业园').id);
  const market = entry('重庆市卫生健康人才市场').id;
  await assign(current.id, market);
  await review(current.id, market, 'specialized_market', 0.8, new Date());
}
