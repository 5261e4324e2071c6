/**
 * Judged rows under the scheme setting 「综合评定项取评审组评分」 (judged = panel, RULES.md §8): the
 * bureau enters the review panel's score when it finishes the municipal review; finishing with a
 * judged row still unscored is refused, naming the rows, instead of freezing them at 0.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../../test/app.js';
import { makeOrg, makePlatform, makeResidence, makeSite, makeUser, makeYearData } from '../../../../test/factories.js';
import { cq2025 } from '../../../domain/index.js';
import { todayIso } from '../../clock.js';

const ctx = useTestApp();
const c: Partial<Record<'bureau' | 'jlp' | 'operator' | 'expert', Client>> = {};
let expertId = '';
let evaluationId = '';
let entryId = '';

const shift = (n: number) => new Date(Date.parse(`${todayIso()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const url = (rest = '') => `/evaluations/${evaluationId}/entries/${entryId}${rest}`;
const ok = async (who: Client, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, status = 200) => {
  const res = await who.call(method, path, body);
  expect(res.statusCode, res.body).toBe(status);
  return res;
};
const judged = cq2025.tables.comprehensive_park.rows.flatMap((r) => (r.rule.kind === 'judged' ? [{ code: r.code, name: r.name, fact: r.rule.fact, cap: r.cap }] : []));

interface Review {
  status: string; frozen: boolean; reviewedTotal: string | null; panelRows: { fact: string; code: string }[]; panelScores: Record<string, string>;
  rows: { code: string; reviewedScore: string | null; pending: boolean }[];
}

beforeAll(async () => {
  const db = ctx.database.db;
  // The campaign's scheme takes judged rows from the panel (set before the scheme is first read).
  await ctx.database.pool.query(`update score_schemes set document = jsonb_set(document, '{settings,judged}', '"panel"') where id = 'cq-2025'`);
  const operatorOrg = await makeOrg(db, 'operator', '500107');
  const platformId = await makePlatform(db, { level: 'municipal', districtCode: '500107', operatorOrgId: operatorOrg, name: '评审组评分园' });
  for (let i = 0; i < 4; i++) await makeResidence(db, { platformId, revenueYuan: 50_000_000 });
  await makeSite(db, platformId, 15_000);
  await makeYearData(db, platformId, 2025, { safety: 'full', valueOrientation: 'sound' });
  c.bureau = await loginAs(ctx.app, (await makeUser(db, 'bureau')).username);
  c.jlp = await loginAs(ctx.app, (await makeUser(db, 'district', { districtCode: '500107' })).username);
  c.operator = await loginAs(ctx.app, (await makeUser(db, 'operator', { organizationId: operatorOrg })).username);
  const expert = await makeUser(db, 'expert');
  expertId = expert.id;
  c.expert = await loginAs(ctx.app, expert.username);

  evaluationId = (await ok(c.bureau, 'POST', '/evaluations', { year: 2025, schemeId: 'cq-2025', selfEvaluationEnd: shift(5), districtReviewEnd: shift(10), municipalReviewEnd: shift(20) }, 201)).json<{ id: string }>().id;
  await ok(c.bureau, 'POST', `/evaluations/${evaluationId}/open`);
  entryId = (await ok(c.operator, 'GET', `/evaluations/${evaluationId}/entries`)).json<{ id: string; platformId: string }[]>().find((e) => e.platformId === platformId)!.id;
  await ok(c.operator, 'POST', url('/submit'));
  const d = (await ok(c.jlp, 'GET', url())).json<{ sheet: { rows: { code: string; counted: boolean }[] } }>();
  for (const r of d.sheet.rows.filter((x) => x.counted)) await ok(c.jlp, 'PUT', url(`/rows/${r.code}/review`), { decision: 'accepted' });
  await ok(c.jlp, 'POST', url('/forward'));
  await ok(c.bureau, 'POST', url('/experts'), { expertUserId: expertId }, 201);
  await ok(c.expert, 'PUT', url('/assignment'), { judgedScores: Object.fromEntries(judged.map((r) => [r.fact, '1.00'])) });
  await ok(c.expert, 'POST', url('/assignment/submit'));
});

describe('the review panel’s score for judged rows (judged = panel)', () => {
  it('lists the judged rows the panel scores beside the review', async () => {
    const review = (await ok(c.bureau!, 'GET', url('/review'))).json<Review>();
    expect(judged.length).toBeGreaterThan(0);
    expect(review.panelRows.map((r) => r.fact)).toEqual(judged.map((r) => r.fact));
    for (const r of judged) expect(review.rows.find((x) => x.code === r.code)?.pending).toBe(true);
  });

  it('refuses to finish while a judged row has no panel score, naming the rows, and changes nothing', async () => {
    const [first, ...rest] = judged;
    const res = await c.bureau!.call('POST', url('/finish-review'), { panelScores: { [first!.fact]: '1.00' } });
    expect(res.statusCode).toBe(409);
    const message = res.json<{ message: string }>().message;
    expect(message).toContain('评审组评分');
    for (const r of rest) expect(message).toContain(`${r.code} ${r.name}`);
    expect(message).not.toContain(`${first!.code} ${first!.name}`);
    const none = await c.bureau!.call('POST', url('/finish-review'));
    expect(none.statusCode, none.body).toBe(409);
    expect((await ok(c.bureau!, 'GET', url('/review'))).json<Review>().status).toBe('under_review');
  });

  it('refuses a panel score out of range, naming the row', async () => {
    const r = judged[0]!;
    const res = await c.bureau!.call('POST', url('/finish-review'), { panelScores: { [r.fact]: '999' } });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toContain(`${r.code} ${r.name}的评分须在 0 至`);
  });

  it('scores the judged rows with the panel’s score, freezes it and audits it', async () => {
    const panelScores = Object.fromEntries(judged.map((r) => [r.fact, '2.00']));
    const finished = (await ok(c.bureau!, 'POST', url('/finish-review'), { panelScores })).json<Review>();
    expect(finished).toMatchObject({ status: 'reviewed', frozen: true, panelScores });
    for (const r of judged) expect(finished.rows.find((x) => x.code === r.code)).toMatchObject({ pending: false, reviewedScore: '2.00' });
    const audit = (await ctx.database.pool.query<{ summary: { panelScores: Record<string, string> } }>(
      "select summary from audit_log where action = 'evaluation.entry.finish_review' order by seq desc limit 1")).rows[0]!;
    expect(audit.summary.panelScores).toEqual(panelScores);
  });
});
