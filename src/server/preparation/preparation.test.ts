/**
 * 筹建 (Art 15, RULES.md §6) through the API and the hourly job: the bureau approves preparatory
 * construction after the experts (need, consent, date), the platform enters 筹建中 with a one-year
 * term; the bureau extends it with a reason; reminders at 90, 30 and 7 days, each once; readiness
 * with evidence, the acceptance's own expert round, a pass going on to publicity and recognition, a
 * fail cancelling; an expired term (also one without an application) cancelled by the system
 * exactly once however often the job runs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../test/app.js';
import { tinyPdf, upload } from '../../../test/multipart.js';
import { makeOrg, makePlatform, makeUser, type MadeUser } from '../../../test/factories.js';
import { applicationUrl, assessByExpert, assessedApplication, createApplication, expectCall, parkApplication, type ApplicationPath } from '../../../test/recognition.js';
import { addDays, addYearsCorresponding } from '../../domain/dates/iso-date.js';
import { todayIso } from '../clock.js';
import { runPreparationTerms } from './job.js';

const ctx = useTestApp();
type Who = 'gov' | 'hrss' | 'bureau' | 'expertA' | 'expertB' | 'operator' | 'otherGov';
let c: Record<Who, Client>;
let u: Record<Who, MadeUser>;

interface Problem { code: string; message: string }
interface Term { id: string; platformId: string; approvedOn: string; plainEnd: string; endOn: string; daysLeft: number; status: string; extensions: { previousEnd: string; newEnd: string; reason: string }[]; canExtend: boolean }
interface Card { state: string; term: Term | null; canApprove: boolean; approveRefusal: string | null; canReportReadiness: boolean; readinessRefusal: string | null; canDecideAcceptance: boolean; acceptanceRefusal: string | null }

const q = async <T extends object>(sql: string, args: unknown[] = []) => (await ctx.database.pool.query<T & Record<string, unknown>>(sql, args)).rows;
const count = async (sql: string, args: unknown[] = []) => Number((await q<{ n: string }>(sql, args))[0]!.n);
const stateOf = async (id: string) => (await q<{ state: string }>('select state from recognition_applications where id = $1', [id]))[0]!.state;
const platformStatus = async (id: string) => (await q<{ status: string }>('select status from platforms where id = $1', [id]))[0]!.status;
const notes = (kind: string, userId: string) => count('select count(*) n from notifications where kind = $1 and user_id = $2', [kind, userId]);

const approval = (approvedOn: string) => ({ needKind: 'project', need: '西部陆海新通道重大项目人才保障', consent: '经市人力社保局研究，同意先行筹建', approvedOn });

const path = (): ApplicationPath => ({ app: ctx.app, gov: c.gov, hrss: c.hrss, bureau: c.bureau, expert: c.expertA, expertUserId: u.expertA.id });
/** An application through both opinions, one expert's submitted assessment: ready for the bureau's decision. */
const assessed = (name: string) => assessedApplication(path(), name);
async function evidence(id: string, who: Client = c.gov) {
  return upload(ctx.app, who, applicationUrl(id, '/files'), { purpose: 'acceptance_evidence' }, { name: '筹建完成情况.pdf', content: tinyPdf, type: 'application/pdf' });
}

beforeAll(async () => {
  const db = ctx.database.db;
  u = {
    gov: await makeUser(db, 'district_gov', { districtCode: '500107' }), hrss: await makeUser(db, 'district', { districtCode: '500107' }),
    bureau: await makeUser(db, 'bureau'), expertA: await makeUser(db, 'expert'), expertB: await makeUser(db, 'expert'),
    operator: await makeUser(db, 'operator', { organizationId: await makeOrg(db, 'operator', '500107') }),
    otherGov: await makeUser(db, 'district_gov', { districtCode: '500108' }),
  };
  const entries = await Promise.all((Object.keys(u) as Who[]).map(async (k) => [k, await loginAs(ctx.app, u[k].username)] as const));
  c = Object.fromEntries(entries) as Record<Who, Client>;
});

describe('筹建 approved, extended, reminded, accepted and recognized', () => {
  let id = '';
  let platformId = '';
  const approvedOn = addDays(todayIso(), -10);
  const plainEnd = addYearsCorresponding(approvedOn, 1);
  const newEnd = addDays(plainEnd, 120);

  it('is approved only after the experts, by the bureau, with the need, the consent and a date', async () => {
    const early = await createApplication(path(), parkApplication('筹建前置产业园'));
    const refused = await c.bureau.call('POST', applicationUrl(early, '/preparation'), approval(approvedOn));
    expect(refused.statusCode).toBe(409);
    expect(refused.json<Problem>().message).toBe('「区县政府填报中」状态下不能批准先行筹建');

    id = await assessed('陆海新通道人力资源服务产业园');
    expect((await c.gov.call('POST', applicationUrl(id, '/preparation'), approval(approvedOn))).statusCode).toBe(403);
    const missing = await c.bureau.call('POST', applicationUrl(id, '/preparation'), { ...approval(approvedOn), need: '', consent: ' ' });
    expect(missing.statusCode).toBe(400);
    const future = await c.bureau.call('POST', applicationUrl(id, '/preparation'), approval(addDays(todayIso(), 1)));
    expect(future.json<Problem>().message).toContain('批准筹建日期：不能晚于今天');
    expect(await stateOf(id)).toBe('under_expert_review');

    const card = (await expectCall(c.bureau, 'POST', applicationUrl(id, '/preparation'), approval(approvedOn))).json<Card>();
    expect(card.state).toBe('in_preparation');
    expect(card.term).toMatchObject({ approvedOn, plainEnd, endOn: plainEnd, status: 'running', daysLeft: 355, canExtend: true });
    platformId = card.term!.platformId;
    expect(await platformStatus(platformId)).toBe('preparing');
    expect(await notes('preparation.approved', u.gov.id)).toBe(1);
    expect(await count("select count(*) n from audit_log where action = 'recognition.application.approve_preparation' and entity_id = $1", [id])).toBe(1);
  });

  it('refuses the other steps in 筹建: no proposal, no readiness without evidence or reason, not by an expert', async () => {
    expect((await c.bureau.call('POST', applicationUrl(id, '/propose'), { note: '拟认定' })).statusCode).toBe(409);
    expect((await c.bureau.call('POST', applicationUrl(id, '/preparation'), approval(approvedOn))).statusCode).toBe(409);
    const noEvidence = await c.gov.call('POST', applicationUrl(id, '/preparation/readiness'), { note: '已建成' });
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json<Problem>().message).toContain('筹建验收材料');
    expect((await c.gov.call('POST', applicationUrl(id, '/preparation/readiness'), { note: '' })).statusCode).toBe(400);
    expect((await c.expertA.call('POST', applicationUrl(id, '/preparation/readiness'), { note: '已建成' })).statusCode).toBe(403);
    expect((await c.otherGov.call('POST', applicationUrl(id, '/preparation/readiness'), { note: '已建成' })).statusCode).toBe(404);
    expect((await c.bureau.call('POST', applicationUrl(id, '/preparation/accept'), { note: '通过' })).statusCode).toBe(409);
    expect(await stateOf(id)).toBe('in_preparation');
  });

  it('is extended by the bureau with a reason: the end moves, the extension is kept and audited', async () => {
    const url = `/platforms/${platformId}/preparation/extensions`;
    expect((await c.hrss.call('POST', url, { until: newEnd, reason: '用地交付推迟' })).statusCode).toBe(403);
    expect((await c.bureau.call('POST', url, { until: newEnd, reason: '' })).statusCode).toBe(400);
    const early = await c.bureau.call('POST', url, { until: addDays(plainEnd, -1), reason: '用地交付推迟' });
    expect(early.statusCode).toBe(400);
    expect(early.json<Problem>().message).toContain(`晚于 ${plainEnd}`);
    const out = (await expectCall(c.bureau, 'POST', url, { until: newEnd, reason: '项目用地交付推迟四个月' })).json<{ term: Term }>();
    expect(out.term).toMatchObject({ endOn: newEnd, plainEnd, extensions: [{ previousEnd: plainEnd, newEnd, reason: '项目用地交付推迟四个月' }] });
    expect(await count("select count(*) n from audit_log where action = 'preparation.extend' and entity_id = $1", [out.term.id])).toBe(1);
    expect(await notes('preparation.extended', u.hrss.id)).toBe(1);
    // The district reads the term on the platform's page too.
    expect((await expectCall(c.hrss, 'GET', `/platforms/${platformId}/preparation`)).json<{ term: Term }>().term).toMatchObject({ endOn: newEnd, canExtend: false });
  });

  it('reminds the district at 90, 30 and 7 days before the (new) end, each once', async () => {
    const db = ctx.database.db;
    const reminders = () => notes('preparation.reminder', u.gov.id);
    expect((await runPreparationTerms(db, addDays(newEnd, -91))).reminded).toBe(0);
    // Two processes at once (the hourly job in two servers, or the job and `hrsp remind`): one sends.
    const both = await Promise.all([runPreparationTerms(db, addDays(newEnd, -90)), runPreparationTerms(db, addDays(newEnd, -90))]);
    expect(both[0].reminded + both[1].reminded).toBe(1);
    expect((await runPreparationTerms(db, addDays(newEnd, -90))).reminded).toBe(0);
    expect((await runPreparationTerms(db, addDays(newEnd, -60))).reminded).toBe(0);
    expect(await reminders()).toBe(1);
    expect((await runPreparationTerms(db, addDays(newEnd, -30))).reminded).toBe(1);
    expect((await runPreparationTerms(db, addDays(newEnd, -29))).reminded).toBe(0);
    expect((await runPreparationTerms(db, addDays(newEnd, -7))).reminded).toBe(1);
    expect((await runPreparationTerms(db, addDays(newEnd, -1))).reminded).toBe(0);
    expect(await reminders()).toBe(3);
    expect(await notes('preparation.reminder', u.hrss.id)).toBe(3);
    expect(await platformStatus(platformId)).toBe('preparing');
  });

  it('is accepted after readiness with evidence and the acceptance round of experts, then goes through publicity', async () => {
    expect((await evidence(id, c.expertA)).statusCode).toBe(403);
    expect((await evidence(id)).statusCode).toBe(201);
    const ready = (await expectCall(c.gov, 'POST', applicationUrl(id, '/preparation/readiness'), { note: '场地建成，已入驻企业 30 家' })).json<Card>();
    expect(ready.state).toBe('acceptance_review');
    expect(await notes('preparation.readiness', u.bureau.id)).toBe(1);
    // A new round: the assessment's expert is not in it, and is free to be assigned again.
    const round = (await expectCall(c.bureau, 'GET', applicationUrl(id, '/expert-review'))).json<{ experts: unknown[]; canAssign: boolean }>();
    expect(round).toMatchObject({ experts: [], canAssign: true });
    expect(ready.canDecideAcceptance).toBe(false);
    expect((await c.bureau.call('POST', applicationUrl(id, '/preparation/accept'), { note: '验收通过' })).statusCode).toBe(409);
    await assessByExpert({ ...path(), expert: c.expertB, expertUserId: u.expertB.id }, id);
    // The condition check on the current figures is open to the bureau during the acceptance.
    expect((await expectCall(c.bureau, 'GET', applicationUrl(id, '/check'))).json<{ canDecide: boolean }>().canDecide).toBe(true);
    const accepted = (await expectCall(c.bureau, 'POST', applicationUrl(id, '/preparation/accept'), { note: '经验收，达到认定条件' })).json<Card>();
    expect(accepted.state).toBe('proposed');
    expect(accepted.term).toMatchObject({ status: 'accepted', closedOn: todayIso() });
    expect(await count('select count(*) n from recognition_expert_assignments where application_id = $1', [id])).toBe(2);

    await expectCall(c.bureau, 'POST', applicationUrl(id, '/publicity'), { postedOn: addDays(todayIso(), -20), days: 5 });
    await expectCall(c.bureau, 'POST', applicationUrl(id, '/recognize'), { decisionDate: todayIso(), docNo: `渝人社〔${todayIso().slice(0, 4)}〕88号` });
    expect(await stateOf(id)).toBe('recognized');
    expect(await platformStatus(platformId)).toBe('recognized');
    expect(await count('select count(*) n from platforms where name = $1', ['陆海新通道人力资源服务产业园'])).toBe(1);
    // An accepted term never expires.
    expect((await runPreparationTerms(ctx.database.db, addDays(newEnd, 1))).expired).toBe(0);
  });
});

describe('筹建 cancelled', () => {
  it('by a failed acceptance: the application closes and the platform is revoked', async () => {
    const id = await assessed('验收未通过产业园');
    const card = (await expectCall(c.bureau, 'POST', applicationUrl(id, '/preparation'), approval(todayIso()))).json<Card>();
    expect((await evidence(id)).statusCode).toBe(201);
    await expectCall(c.gov, 'POST', applicationUrl(id, '/preparation/readiness'), { note: '已建成' });
    expect((await c.bureau.call('POST', applicationUrl(id, '/preparation/fail'), { reason: '' })).statusCode).toBe(400);
    const failed = (await expectCall(c.bureau, 'POST', applicationUrl(id, '/preparation/fail'), { reason: '入驻企业不足，未达到认定条件' })).json<Card>();
    expect(failed).toMatchObject({ state: 'preparation_cancelled', term: { status: 'cancelled' } });
    expect(await platformStatus(card.term!.platformId)).toBe('revoked');
    expect(await notes('preparation.failed', u.gov.id)).toBe(1);
  });

  it('by the system when the term has ended: exactly once, however often the job runs', async () => {
    const db = ctx.database.db;
    const approvedOn = addDays(todayIso(), -200);
    const end = addYearsCorresponding(approvedOn, 1);
    const id = await assessed('期满未验收产业园');
    const card = (await expectCall(c.bureau, 'POST', applicationUrl(id, '/preparation'), approval(approvedOn))).json<Card>();
    const platformId = card.term!.platformId;
    const termId = card.term!.id;
    // A platform registered 筹建中 before HRSP kept applications: its term has no application.
    const legacy = await makePlatform(db, { level: 'municipal', districtCode: '500107', status: 'preparing', name: '存量筹建平台' });
    const [{ id: legacyTerm }] = await q<{ id: string }>(
      `insert into preparation_terms (platform_id, need_kind, need, consent, approved_on, end_on) values ($1, 'strategy', '成渝地区双城经济圈建设', '同意', $2, $3) returning id`,
      [legacy, approvedOn, end],
    ) as [{ id: string }];

    expect((await runPreparationTerms(db, end)).expired).toBe(0); // the last day still counts
    // Two runs at once (two processes): each term is cancelled by one of them only.
    const first = await Promise.all([runPreparationTerms(db, addDays(end, 1)), runPreparationTerms(db, addDays(end, 1))]);
    expect(first[0].expired + first[1].expired).toBe(2);
    const second = await runPreparationTerms(db, addDays(end, 1));
    const third = await runPreparationTerms(db, addDays(end, 5));
    expect([second.expired, third.expired]).toEqual([0, 0]);

    expect(await stateOf(id)).toBe('preparation_cancelled');
    expect(await platformStatus(platformId)).toBe('revoked');
    expect(await platformStatus(legacy)).toBe('revoked');
    for (const t of [termId, legacyTerm]) {
      const rows = await q<{ user_id: string | null; username: string }>("select user_id, username from audit_log where action = 'preparation.expire' and entity_id = $1", [t]);
      expect(rows).toEqual([{ user_id: null, username: 'system' }]);
    }
    expect(await count("select count(*) n from recognition_history where application_id = $1 and action = 'expire_preparation' and user_id is null", [id])).toBe(1);
    expect(await count("select count(*) n from platform_status_history where platform_id = $1 and to_status = 'revoked'", [platformId])).toBe(1);
    expect(await notes('preparation.expired', u.gov.id)).toBe(2);
    expect(await notes('preparation.expired', u.hrss.id)).toBe(2);
    expect(await notes('preparation.expired', u.bureau.id)).toBe(2);
    expect(await count("select count(*) n from preparation_terms where id = any($1) and status = 'expired'", [[termId, legacyTerm]])).toBe(2);
    // Once cancelled, the term is not extended and no readiness is reported.
    expect((await c.bureau.call('POST', `/platforms/${platformId}/preparation/extensions`, { until: addDays(end, 90), reason: '补救' })).statusCode).toBe(409);
    expect((await c.gov.call('POST', applicationUrl(id, '/preparation/readiness'), { note: '已建成' })).statusCode).toBe(409);
  });

  it('lists a term ending within 90 days on the bureau’s home page, with the days left', async () => {
    const id = await assessed('即将届满产业园');
    const approvedOn = addDays(addYearsCorresponding(todayIso(), -1), 40); // ends in 40 days
    await expectCall(c.bureau, 'POST', applicationUrl(id, '/preparation'), approval(approvedOn));
    const home = (await expectCall(c.bureau, 'GET', '/home')).json<{ tasks: { kind: string; title: string; link: string }[] }>();
    const task = home.tasks.find((t) => t.title.startsWith('即将届满产业园'));
    expect(task).toMatchObject({ kind: 'preparation.ending', link: expect.stringMatching(/^\/app\/platforms\//) });
    expect(task!.title).toContain('还有 40 天');
  });
});
