import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../test/app.js';
import { makeOrg, makePlatform, makeUser } from '../../../test/factories.js';

const ctx = useTestApp();
const ids: Record<string, string> = {};
const clients: Record<string, Client> = {};

// Two districts, three platforms: 九龙坡 (500107) has two, one of them run by our operator; 万州 (500101) has one.
beforeAll(async () => {
  const db = ctx.database.db;
  const ourOperator = await makeOrg(db, 'operator', '500107');
  ids.jlpOwn = await makePlatform(db, { districtCode: '500107', operatorOrgId: ourOperator, name: '九龙坡甲园' });
  ids.jlpOther = await makePlatform(db, { districtCode: '500107', name: '九龙坡乙园' });
  ids.wz = await makePlatform(db, { districtCode: '500101', name: '万州丙园' });
  const users = {
    admin: await makeUser(db, 'admin'),
    bureau: await makeUser(db, 'bureau'),
    district: await makeUser(db, 'district', { districtCode: '500107' }),
    district_gov: await makeUser(db, 'district_gov', { districtCode: '500107' }),
    operator: await makeUser(db, 'operator', { organizationId: ourOperator }),
    expert: await makeUser(db, 'expert'),
  };
  for (const [role, u] of Object.entries(users)) clients[role] = await loginAs(ctx.app, u.username);
});

async function visibleNames(role: string): Promise<string[]> {
  const res = await clients[role]!.call('GET', '/platforms?pageSize=100');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { name: string }[] }>().items.map((p) => p.name).sort();
}

describe('platform scope, enforced in the query', () => {
  it.each([
    ['admin', ['万州丙园', '九龙坡乙园', '九龙坡甲园']],
    ['bureau', ['万州丙园', '九龙坡乙园', '九龙坡甲园']],
    ['district', ['九龙坡乙园', '九龙坡甲园']],
    ['district_gov', ['九龙坡乙园', '九龙坡甲园']],
    ['operator', ['九龙坡甲园']],
    ['expert', []],
  ])('%s lists exactly its scope', async (role, expected) => {
    expect(await visibleNames(role)).toEqual([...expected].sort());
  });

  it.each([
    ['district', 'wz', 404],
    ['district', 'jlpOther', 200],
    ['district_gov', 'wz', 404],
    ['operator', 'jlpOther', 404],
    ['operator', 'jlpOwn', 200],
    ['expert', 'jlpOwn', 404],
    ['bureau', 'wz', 200],
  ])('%s asking for platform %s by id gets %i', async (role, key, status) => {
    const res = await clients[role]!.call('GET', `/platforms/${ids[key]!}`);
    expect(res.statusCode).toBe(status);
    if (status === 404) expect(res.body).not.toContain('万州丙园');
  });

  it('a filter for another district does not widen a district user’s scope', async () => {
    const res = await clients.district!.call('GET', '/platforms?districtCode=500101');
    expect(res.json<{ total: number }>().total).toBe(0);
  });

  it('anonymous visitors reach public pages only', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/platforms' })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/platforms/${ids.wz!}` })).statusCode).toBe(401);
    const pub = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/platforms' });
    expect(pub.statusCode).toBe(200);
    expect(pub.json<{ total: number }>().total).toBe(3);
    expect(pub.body).not.toMatch(/operator|phone/i);
  });
});

describe('user scope', () => {
  async function usernames(role: string): Promise<string[]> {
    const res = await clients[role]!.call('GET', '/users?pageSize=100');
    expect(res.statusCode).toBe(200);
    return res.json<{ items: { username: string; role: string }[] }>().items.map((u) => u.role);
  }

  it('admin and bureau staff see all users; others see their district or organization only', async () => {
    expect((await usernames('admin')).sort()).toEqual(['admin', 'bureau', 'district', 'district_gov', 'expert', 'operator']);
    expect((await usernames('bureau')).length).toBe(6);
    // 九龙坡: the district unit, the district government and the operator are all in 500107.
    expect((await usernames('district')).sort()).toEqual(['district', 'district_gov', 'operator']);
    expect(await usernames('operator')).toEqual(['operator']);
    expect(await usernames('expert')).toEqual(['expert']);
  });

  it('only the administrator manages users, organizations, logs and settings', async () => {
    for (const role of ['bureau', 'district', 'district_gov', 'operator', 'expert']) {
      const c = clients[role]!;
      const create = await c.call('POST', '/users', { username: `x${role}`, displayName: '某人', role: 'admin', organizationId: '00000000-0000-4000-8000-000000000000' });
      expect(create.statusCode, role).toBe(403);
      expect((await c.call('GET', '/audit-log')).statusCode).toBe(403);
      expect((await c.call('GET', '/login-log')).statusCode).toBe(403);
      expect((await c.call('GET', '/sessions')).statusCode).toBe(403);
      expect((await c.call('GET', '/settings')).statusCode).toBe(403);
    }
  });
});

describe('sorting', () => {
  it('orders by name either way', async () => {
    const asc = await clients.bureau!.call('GET', '/platforms?sort=name&order=asc');
    const desc = await clients.bureau!.call('GET', '/platforms?sort=name&order=desc');
    const names = (r: typeof asc) => r.json<{ items: { name: string }[] }>().items.map((p) => p.name);
    expect(names(desc)).toEqual([...names(asc)].reverse());
  });
});
