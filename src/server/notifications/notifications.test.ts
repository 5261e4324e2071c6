import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../test/app.js';
import { makeOrg, makePlatform, makeUser } from '../../../test/factories.js';
import { notify } from './service.js';

const ctx = useTestApp();
let a: Client;
let b: Client;
let aId = '';
let operatorOrg = '';
let platformId = '';

interface Page { items: { id: string; kind: string; title: string; readAt: string | null }[]; total: number; unread: number }
const page = async (who: Client, q = '') => (await who.call('GET', `/notifications${q}`)).json<Page>();

beforeAll(async () => {
  const db = ctx.database.db;
  const ua = await makeUser(db, 'district', { districtCode: '500107' });
  aId = ua.id;
  a = await loginAs(ctx.app, ua.username);
  b = await loginAs(ctx.app, (await makeUser(db, 'district', { districtCode: '500101' })).username);
  operatorOrg = await makeOrg(db, 'operator', '500107');
  platformId = await makePlatform(db, { level: 'municipal', districtCode: '500107', operatorOrgId: operatorOrg });
});

describe('notifications', () => {
  it('reach the audience only: a district, an operator of a platform, named users', async () => {
    const db = ctx.database.db;
    const op = await makeUser(db, 'operator', { organizationId: operatorOrg });
    const disabledOp = await makeUser(db, 'operator', { organizationId: operatorOrg });
    await ctx.database.pool.query('update users set disabled = true where id = $1', [disabledOp.id]);
    expect(await notify(db, { kind: 'district', districtCode: '500107', roles: ['district'] }, { kind: 'evaluation.entry.submitted', title: '九龙坡' })).toBe(1);
    expect(await notify(db, { kind: 'platform_operator', platformId }, { kind: 'evaluation.entry.returned', title: '运营' })).toBe(1);
    expect(await notify(db, { kind: 'users', userIds: [] }, { kind: 'evaluation.expert.assigned', title: '无' })).toBe(0);
    expect((await page(a)).items.map((n) => n.kind)).toEqual(['evaluation.entry.submitted']);
    expect((await page(b)).items).toEqual([]);
    const opClient = await loginAs(ctx.app, op.username);
    expect((await page(opClient)).items.map((n) => n.kind)).toEqual(['evaluation.entry.returned']);
  });

  it('delivers a reminder with the same dedupe key once', async () => {
    const db = ctx.database.db;
    const n = { kind: 'evaluation.deadline.due_soon' as const, title: '截止提醒', dedupeKey: 'remind:x:2026-11-27' };
    expect(await notify(db, { kind: 'users', userIds: [aId] }, n)).toBe(1);
    expect(await notify(db, { kind: 'users', userIds: [aId] }, n)).toBe(0);
    expect((await page(a)).items.filter((x) => x.kind === 'evaluation.deadline.due_soon')).toHaveLength(1);
  });

  it('counts unread and marks only one’s own as read', async () => {
    const before = await page(a);
    expect(before.unread).toBe(2);
    expect((await a.call('GET', '/notifications/unread-count')).json()).toEqual({ unread: 2 });
    const first = before.items[0]!;
    // Another user naming a's notification changes nothing.
    expect((await b.call('POST', '/notifications/read', { ids: [first.id] })).json()).toEqual({ updated: 0 });
    expect((await page(a)).unread).toBe(2);
    expect((await a.call('POST', '/notifications/read', { ids: [first.id] })).json()).toEqual({ updated: 1 });
    expect((await page(a, '?unread=true')).items.map((x) => x.id)).not.toContain(first.id);
    expect((await a.call('POST', '/notifications/read', {})).json()).toEqual({ updated: 1 });
    expect((await page(a)).unread).toBe(0);
    const bad = await a.call('POST', '/notifications/read', { ids: ['not-a-uuid'] });
    expect(bad.statusCode).toBe(400);
  });

  it('needs a session', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
  });
});
