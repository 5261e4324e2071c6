/**
 * Each role's home to-dos computed from seeded rows: an item is there while the work is pending
 * and gone once it is done, links to the screen where it is done, and carries its deadline; the
 * chart shows figures of the role's scope (summed here from the seeded platforms).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../test/app.js';
import { makeOrg, makePlatform, makeUser } from '../../../test/factories.js';
import { evaluationEntries, evaluations, expertAssignments } from '../../db/schema/index.js';

const ctx = useTestApp();
type Who = 'bureau' | 'jlp' | 'yz' | 'operator' | 'expert';
let c: Record<Who, Client>;
let evaluationId = '';
let entryId = '';
let otherEntryId = '';
let expertId = '';
interface Task { kind: string; title: string; link: string; due?: string | null }
interface Home { tasks: Task[]; chart: { title: string; categories: string[]; series: { name: string; data: (number | null)[] }[] } | null }

const home = async (who: Who) => {
  const res = await c[who].call('GET', '/home');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Home>();
};
const setStatus = (id: string, status: string) => ctx.database.pool.query('update evaluation_entries set status = $2 where id = $1', [id, status]);
const entryTasks = (h: Home) => h.tasks.filter((t) => t.kind.startsWith('evaluation.'));

beforeAll(async () => {
  const db = ctx.database.db;
  const org = await makeOrg(db, 'operator', '500107');
  const mine = await makePlatform(db, { name: '我的产业园', operatorOrgId: org });
  const other = await makePlatform(db, { name: '渝中产业园', districtCode: '500103' });
  await makePlatform(db, { name: '九龙坡区县级平台', level: 'district' });
  const [ev] = await db.insert(evaluations).values({
    year: 2025, schemeId: 'cq-2025', selfEvaluationEnd: '2099-03-01', districtReviewEnd: '2099-04-01', municipalReviewEnd: '2099-05-01', status: 'open',
  }).returning({ id: evaluations.id });
  evaluationId = ev!.id;
  const entry = (platformId: string) => ({ evaluationId, platformId, level: 'municipal' as const, type: 'comprehensive_park' as const, factor: '1' });
  const rows = await db.insert(evaluationEntries).values([entry(mine), entry(other)]).returning({ id: evaluationEntries.id, platformId: evaluationEntries.platformId });
  entryId = rows.find((r) => r.platformId === mine)!.id;
  otherEntryId = rows.find((r) => r.platformId === other)!.id;
  const u = {
    bureau: await makeUser(db, 'bureau'), jlp: await makeUser(db, 'district', { districtCode: '500107' }), yz: await makeUser(db, 'district', { districtCode: '500103' }),
    operator: await makeUser(db, 'operator', { organizationId: org }), expert: await makeUser(db, 'expert'),
  };
  expertId = u.expert.id;
  c = Object.fromEntries(await Promise.all(Object.entries(u).map(async ([k, x]) => [k, await loginAs(ctx.app, x.username)] as const))) as Record<Who, Client>;
});

describe('home to-dos follow the entry through its steps', () => {
  it('operator: this year’s self-evaluation, deep-linked, with its deadline; then the return to fix; gone once submitted', async () => {
    const link = `/app/evaluations/${evaluationId}/entries/${entryId}`;
    expect(entryTasks(await home('operator'))).toEqual([expect.objectContaining({ kind: 'evaluation.entry.draft', link, due: '2099-03-01' })]);
    await setStatus(entryId, 'returned');
    expect(entryTasks(await home('operator'))).toEqual([expect.objectContaining({ kind: 'evaluation.entry.returned', link })]);
    await setStatus(entryId, 'submitted');
    expect(entryTasks(await home('operator'))).toEqual([]);
  });

  it('district: the submitted entries of its own district to review, not another district’s', async () => {
    const jlp = entryTasks(await home('jlp'));
    expect(jlp).toEqual([expect.objectContaining({ kind: 'evaluation.entry.submitted', link: `/app/evaluations/${evaluationId}/entries/${entryId}`, due: '2099-04-01' })]);
    expect(jlp[0]!.title).toContain('我的产业园');
    expect(entryTasks(await home('yz'))).toEqual([]);
    await setStatus(otherEntryId, 'submitted');
    expect(entryTasks(await home('yz'))).toHaveLength(1);
    expect(entryTasks(await home('jlp'))).toHaveLength(1);
  });

  it('bureau: counts per step (experts to assign, panel), each linking to its screen; expert: its assignment until submitted', async () => {
    expect(entryTasks(await home('bureau'))).toEqual([]);
    await setStatus(entryId, 'forwarded');
    await setStatus(otherEntryId, 'forwarded');
    expect(entryTasks(await home('bureau'))).toEqual([expect.objectContaining({ kind: 'evaluation.forwarded', link: '/app/municipal-review', due: '2099-05-01' })]);
    expect(entryTasks(await home('bureau'))[0]!.title).toContain('2 个平台已由区县报送市局');
    expect(entryTasks(await home('jlp'))).toEqual([]);

    await setStatus(entryId, 'under_review');
    const [a] = await ctx.database.db.insert(expertAssignments).values({ entryId, expertUserId: expertId }).returning({ id: expertAssignments.id });
    expect(entryTasks(await home('expert'))).toEqual([expect.objectContaining({ kind: 'evaluation.expert.assigned', link: `/app/review/${evaluationId}/${entryId}`, due: '2099-05-01' })]);
    await ctx.database.pool.query("update expert_assignments set status = 'submitted' where id = $1", [a!.id]);
    expect(entryTasks(await home('expert'))).toEqual([]);

    await setStatus(entryId, 'reviewed');
    const kinds = entryTasks(await home('bureau')).map((t) => [t.kind, t.link]);
    expect(kinds).toEqual([['evaluation.forwarded', '/app/municipal-review'], ['evaluation.reviewed', '/app/panel']]);
    await setStatus(entryId, 'published');
    await setStatus(otherEntryId, 'published');
    expect(entryTasks(await home('bureau'))).toEqual([]);
  });
});

describe('home charts', () => {
  it('bureau: platforms by district and level, adding up to the platforms; district: its own by status', async () => {
    const chart = (await home('bureau')).chart!;
    const total = chart.series.flatMap((s) => s.data).reduce<number>((a, b) => a + (b ?? 0), 0);
    const n = Number((await ctx.database.pool.query<{ n: string }>('select count(*) n from platforms')).rows[0]!.n);
    expect(total).toBe(n);
    expect(chart.categories).toContain('九龙坡区');
    const jlp = (await home('jlp')).chart!;
    expect(jlp.series.flatMap((s) => s.data).reduce<number>((a, b) => a + (b ?? 0), 0)).toBe(
      Number((await ctx.database.pool.query<{ n: string }>("select count(*) n from platforms where district_code = '500107'")).rows[0]!.n),
    );
    expect(jlp.series.map((s) => s.name).sort()).toEqual(['区县级', '市级'].sort());
  });

  it('operator: its platforms’ scores over the years', async () => {
    await ctx.database.pool.query("update evaluation_entries set reviewed_total = '88.5' where id = $1", [entryId]);
    const chart = (await home('operator')).chart!;
    expect(chart.categories).toEqual(['2025 年']);
    expect(chart.series).toEqual([{ name: '我的产业园', data: [88.5] }]);
  });
});
