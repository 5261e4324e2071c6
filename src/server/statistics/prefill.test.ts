/**
 * The "self-evaluated figure differs from the registry's figure it was pre-filled from" rule reads
 * the figures kept when the entry was pre-filled (campaign opened, district application), not
 * today's registry: a resident added after the pre-fill must not flag an entry the operator left as
 * it was, and a figure the operator changed must still be flagged.
 */
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluationEntries } from '../../db/schema/index.js';
import { loginAs, useTestApp, type Client } from '../../../test/app.js';
import { makePlatform, makeResidence, makeUser } from '../../../test/factories.js';

const ctx = useTestApp();
const ids: Record<string, string> = {};
let bureau: Client;
let district: Client;

beforeAll(async () => {
  const db = ctx.database.db;
  ids.same = await makePlatform(db, { districtCode: '500107', name: '预填未改园' });
  ids.changed = await makePlatform(db, { districtCode: '500107', name: '预填已改园' });
  ids.applied = await makePlatform(db, { districtCode: '500107', level: 'district', name: '区县申请园' });
  for (const p of [ids.same, ids.changed, ids.applied]) {
    for (let i = 0; i < 2; i++) await makeResidence(db, { platformId: p, year: 2025, revenueYuan: 2_000_000, taxYuan: 20_000 });
  }
  bureau = await loginAs(ctx.app, (await makeUser(db, 'bureau')).username);
  district = await loginAs(ctx.app, (await makeUser(db, 'district', { districtCode: '500107' })).username);
});

describe('the pre-filled figures rule', () => {
  it('compares with the figures kept at pre-fill, not with the registry as it is today', async () => {
    const db = ctx.database.db;
    const created = await bureau.call('POST', '/evaluations', { year: 2025, schemeId: 'cq-2025', selfEvaluationEnd: '2099-01-10', districtReviewEnd: '2099-01-20', municipalReviewEnd: '2099-01-30' });
    expect(created.statusCode, created.body).toBe(201);
    const evaluationId = created.json<{ id: string }>().id;
    expect((await bureau.call('POST', `/evaluations/${evaluationId}/open`)).statusCode).toBe(200);
    const applied = await district.call('POST', `/evaluations/${evaluationId}/district-applications`, { platformId: ids.applied });
    expect(applied.statusCode, applied.body).toBe(201);

    // Every entry keeps what it was pre-filled with.
    const entries = await db.select().from(evaluationEntries).where(eq(evaluationEntries.evaluationId, evaluationId));
    expect(entries).toHaveLength(3);
    for (const e of entries) {
      expect(e.prefilledFacts).toEqual(e.facts);
      expect(e.prefilledFacts).toMatchObject({ residentRevenueYuan: '4000000' });
    }

    // Submitted: one as pre-filled, one with a figure changed by the operator, the district's as pre-filled.
    await db.update(evaluationEntries).set({ status: 'submitted' }).where(eq(evaluationEntries.evaluationId, evaluationId));
    await db.update(evaluationEntries).set({ facts: sql`${evaluationEntries.facts} || '{"residentRevenueYuan": "5000000"}'::jsonb` })
      .where(eq(evaluationEntries.platformId, ids.changed!));
    // The registry moves on after the pre-fill: a resident added to every platform.
    for (const p of [ids.same, ids.changed, ids.applied]) await makeResidence(db, { platformId: p!, year: 2025, revenueYuan: 1_000_000 });

    const res = await bureau.call('GET', '/statistics/anomalies?year=2025');
    expect(res.statusCode, res.body).toBe(200);
    const flagged = res.json<{ items: { rule: string; platformId: string; explanation: string }[] }>().items.filter((i) => i.rule === 'prefill_changed');
    expect(flagged.map((i) => i.platformId)).toEqual([ids.changed]);
    expect(flagged[0]?.explanation).toContain('登记 4000000');
    expect(flagged[0]?.explanation).toContain('自评 5000000');
  });

  it('does not flag an entry made before the pre-filled figures were kept', async () => {
    const db = ctx.database.db;
    await db.update(evaluationEntries).set({ prefilledFacts: null }).where(eq(evaluationEntries.platformId, ids.changed!));
    const items = (await bureau.call('GET', '/statistics/anomalies?year=2025')).json<{ items: { rule: string }[] }>().items;
    expect(items.filter((i) => i.rule === 'prefill_changed')).toEqual([]);
  });
});
