import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../../test/app.js';
import { makeOrg, makePlatform, makeUser } from '../../../../test/factories.js';
import { todayIso } from '../../clock.js';
import { runDeadlineReminders } from './reminders.js';

const ctx = useTestApp();
const shift = (n: number) => new Date(Date.parse(`${todayIso()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
let bureau: Client;
let operator: Client;
let otherOperator: Client;
let district: Client;
let evaluationId = '';

const notes = async (who: Client) => (await who.call('GET', '/notifications')).json<{ items: { kind: string; title: string; link: string }[] }>().items;

beforeAll(async () => {
  const db = ctx.database.db;
  const org = await makeOrg(db, 'operator', '500107');
  const otherOrg = await makeOrg(db, 'operator', '500101');
  await makePlatform(db, { level: 'municipal', districtCode: '500107', operatorOrgId: org, name: '提醒测试园' });
  await makePlatform(db, { level: 'municipal', districtCode: '500101', operatorOrgId: otherOrg, name: '万州测试园', status: 'preparing' });
  bureau = await loginAs(ctx.app, (await makeUser(db, 'bureau')).username);
  operator = await loginAs(ctx.app, (await makeUser(db, 'operator', { organizationId: org })).username);
  otherOperator = await loginAs(ctx.app, (await makeUser(db, 'operator', { organizationId: otherOrg })).username);
  district = await loginAs(ctx.app, (await makeUser(db, 'district', { districtCode: '500107' })).username);
  const created = await bureau.call('POST', '/evaluations', { year: 2025, schemeId: 'cq-2025', selfEvaluationEnd: shift(2), districtReviewEnd: shift(10), municipalReviewEnd: shift(20) });
  expect(created.statusCode, created.body).toBe(201);
  evaluationId = created.json<{ id: string }>().id;
});

describe('deadline reminders', () => {
  it('sends nothing for a campaign that is not open', async () => {
    expect(await runDeadlineReminders(ctx.database.db)).toEqual({ reminders: 0, delivered: 0 });
    expect((await bureau.call('POST', `/evaluations/${evaluationId}/open`)).statusCode).toBe(200);
  });

  it('tells the operator of a self-evaluation due within 3 days, once; only the bureau may trigger a run', async () => {
    expect((await operator.call('POST', '/evaluations/reminders')).statusCode).toBe(403);
    const run = await bureau.call('POST', '/evaluations/reminders');
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toEqual({ reminders: 1, delivered: 1 });
    const [n] = await notes(operator);
    expect(n).toMatchObject({ kind: 'evaluation.deadline.due_soon', title: `提醒测试园的2025年度自评将于 ${shift(2)} 截止` });
    expect(n?.link).toMatch(new RegExp(`^/app/evaluations/${evaluationId}/entries/`));
    expect(await notes(otherOperator)).toEqual([]);
    expect((await bureau.call('POST', '/evaluations/reminders')).json()).toEqual({ reminders: 1, delivered: 0 });
    expect(await notes(operator)).toHaveLength(1);
  });

  it('tells again once overdue, and nobody else', async () => {
    expect(await runDeadlineReminders(ctx.database.db, shift(3))).toEqual({ reminders: 1, delivered: 1 });
    expect((await notes(operator)).map((n) => n.kind)).toEqual(['evaluation.deadline.overdue', 'evaluation.deadline.due_soon']);
    expect(await notes(district)).toEqual([]);
  });
});
