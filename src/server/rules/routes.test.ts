import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../test/app.js';
import { makeUser } from '../../../test/factories.js';
import { scoreDocument } from './service.js';

const ctx = useTestApp();
let operator: Client;

beforeAll(async () => {
  operator = await loginAs(ctx.app, (await makeUser(ctx.database.db, 'operator')).username);
});

const input = {
  type: 'comprehensive_park' as const,
  level: 'municipal' as const,
  facts: { residentEnterprises: { aboveScale: 6, other: 38 }, residentRevenueYuan: 1_250_000_000, violations: 2 },
};

describe('POST /api/v1/rules/score and /check', () => {
  it('gives logged-in users the same sheet as the engine, with the arithmetic explained', async () => {
    const res = await operator.call('POST', '/rules/score', input);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ total: string; rows: { code: string; explanation: string; score: string }[] }>();
    const direct = scoreDocument(input);
    if (!direct.ok) throw new Error('engine refused the input');
    expect(body.total).toBe(direct.value.total);
    const row11 = body.rows.find((r) => r.code === '1.1');
    expect(row11?.score).toBe('10.00');
    expect(row11?.explanation).toContain('上限 10');
  });

  it('refuses anonymous callers and names the bad field in Chinese', async () => {
    const anon = await ctx.app.inject({ method: 'POST', url: '/api/v1/rules/score', payload: input });
    expect(anon.statusCode).toBe(401);
    const bad = await operator.call('POST', '/rules/score', { ...input, facts: { residentRevenueYuan: 1.5 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toMatch(/residentRevenueYuan|营收|收入/);
  });

  it('checks recognition conditions with thresholds and articles', async () => {
    const res = await operator.call('POST', '/rules/check', {
      type: 'specialized_market', level: 'municipal', facts: { district: '500107', areaM2: 999, personTimesServed: 5001 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ conditions: { id: string; passed: boolean; article: string }[] }>();
    const area = body.conditions.find((c) => /area/i.test(c.id));
    expect(area?.passed).toBe(false);
    expect(area?.article).toMatch(/第十三条/);
  });
});
