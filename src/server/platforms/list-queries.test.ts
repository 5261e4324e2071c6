/**
 * The platform list and detail as built for speed (repository.ts): a page of ids chosen first and
 * the names joined to it, totals kept between writes yet exact, refreshed by this process's writes
 * at once and by anyone's writes (another process, plain SQL) through the change notifications.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/db.js';
import { loginAs, testApp, type Client } from '../../../test/app.js';
import { makeOrg, makePlatform, makeSite, makeStaff, makeUser } from '../../../test/factories.js';
import { startChangeListener, type ChangeListener } from '../cluster/changes.js';
import { platformCounts } from './repository.js';

const DISTRICT = '500103';
const OTHER = '500104';
let database: Awaited<ReturnType<typeof freshDatabase>>;
let listener: ChangeListener;
let app: FastifyInstance;
let district: Client;
let bureau: Client;
const ids: Record<string, string> = {};

interface Row { id: string; name: string; districtName: string; operatorName: string | null; parentPlatformName: string | null }
interface Page { items: Row[]; total: number }
const page = (res: LightMyRequestResponse): Page => {
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
};

const until = async (done: () => Promise<boolean>, ms = 5_000): Promise<boolean> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await done()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return done();
};

beforeAll(async () => {
  database = await freshDatabase();
  listener = await startChangeListener(database.url, () => undefined);
  const db = database.db;
  ids.opA = await makeOrg(db, 'operator', DISTRICT, '渝中甲运营公司');
  ids.opB = await makeOrg(db, 'operator', DISTRICT, '渝中乙运营公司');
  ids.mother = await makePlatform(db, { districtCode: OTHER, operatorOrgId: ids.opA, name: '大渡口母园' });
  // Names sort as 1 < 2 < 3 < 4; the mother platform is in another district, so only its name shows.
  ids.c1 = await makePlatform(db, { districtCode: DISTRICT, level: 'district', operatorOrgId: ids.opA, name: '渝中园1', parentPlatformId: ids.mother });
  ids.c2 = await makePlatform(db, { districtCode: DISTRICT, level: 'district', operatorOrgId: ids.opB, name: '渝中园2', parentPlatformId: ids.mother });
  ids.c3 = await makePlatform(db, { districtCode: DISTRICT, level: 'district', operatorOrgId: ids.opB, name: '渝中园3' });
  ids.c4 = await makePlatform(db, { districtCode: DISTRICT, operatorOrgId: ids.opA, name: '渝中园4' });
  // The detail's figures are of its own platform only.
  await makeSite(db, ids.c2, 1200);
  await makeSite(db, ids.c2, 800);
  await makeSite(db, ids.c3, 5000);
  await makeStaff(db, ids.c2, { team: 'management' });
  await makeStaff(db, ids.c2, { team: 'operating', professionalTitle: '经济师' });
  await makeStaff(db, ids.c2, { team: 'operating', professionalTitle: null });
  await makeStaff(db, ids.c3, { team: 'operating' });
  app = await testApp(db);
  district = await loginAs(app, (await makeUser(db, 'district', { districtCode: DISTRICT })).username);
  bureau = await loginAs(app, (await makeUser(db, 'bureau')).username);
}, 60_000);

afterAll(async () => {
  await app.close();
  await listener.stop();
  await database.drop();
});

describe('the page and its names', () => {
  it('joins district, operator and parent names to the rows of the page asked for', async () => {
    const p = page(await district.call('GET', '/platforms?sort=name&pageSize=2&page=2'));
    expect(p.total).toBe(4);
    expect(p.items.map((r) => [r.name, r.districtName, r.operatorName, r.parentPlatformName])).toEqual([
      ['渝中园3', '渝中区', '渝中乙运营公司', null],
      ['渝中园4', '渝中区', '渝中甲运营公司', null],
    ]);
    const first = page(await district.call('GET', '/platforms?sort=name&order=desc&pageSize=2&page=2'));
    expect(first.items.map((r) => [r.name, r.operatorName, r.parentPlatformName])).toEqual([
      ['渝中园2', '渝中乙运营公司', '大渡口母园'],
      ['渝中园1', '渝中甲运营公司', '大渡口母园'],
    ]);
  });

  it('finds platforms by their operator name without joining it to every row', async () => {
    const p = page(await district.call('GET', '/platforms?q=乙运营&sort=name'));
    expect(p.items.map((r) => r.name)).toEqual(['渝中园2', '渝中园3']);
    expect(p.total).toBe(2);
  });

  it('tells the total on a page past the end (the old window count gave 0 there)', async () => {
    const p = page(await district.call('GET', '/platforms?page=50'));
    expect(p.items).toEqual([]);
    expect(p.total).toBe(4);
  });

  it('shows the parent, operator and branches on the detail', async () => {
    const child = (await district.call('GET', `/platforms/${ids.c2}`)).json<Row & { siteCount: number; totalAreaM2: number; staff: Record<string, number> }>();
    expect([child.parentPlatformName, child.operatorName, child.districtName]).toEqual(['大渡口母园', '渝中乙运营公司', '渝中区']);
    expect([child.siteCount, child.totalAreaM2, child.staff]).toEqual([2, 2000, { managementFullTime: 1, operatingFullTime: 2, operatingTitled: 1 }]);
    const mother = (await bureau.call('GET', `/platforms/${ids.mother}`)).json<{ branches: { name: string; districtName: string }[] }>();
    expect(mother.branches).toEqual([
      expect.objectContaining({ name: '渝中园1', districtName: '渝中区' }),
      expect.objectContaining({ name: '渝中园2', districtName: '渝中区' }),
    ]);
    // Out of scope: the district user does not see the mother platform.
    expect((await district.call('GET', `/platforms/${ids.mother}`)).statusCode).toBe(404);
  });
});

describe('list totals', () => {
  const total = async (c: Client, query = '') => page(await c.call('GET', `/platforms${query}`)).total;

  it('counts once, then answers the next pages from memory', async () => {
    await total(bureau);
    const hits = platformCounts.stats.hits;
    expect(await total(bureau, '?page=2')).toBe(5);
    expect(await total(bureau, '?page=3')).toBe(5);
    expect(platformCounts.stats.hits).toBe(hits + 2);
  });

  it("is right at once after this process's own write", async () => {
    expect(await total(district, '?q=新名')).toBe(0);
    const res = await bureau.call('PATCH', `/platforms/${ids.c4}`, { name: '渝中园4新名' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await total(district, '?q=新名')).toBe(1);
  });

  it('is refreshed after a write by someone else (plain SQL, as another process): platforms and operator names', async () => {
    expect(await total(district)).toBe(4);
    await makePlatform(database.db, { districtCode: DISTRICT, operatorOrgId: ids.opA, name: '渝中园5' });
    expect(await until(async () => (await total(district)) === 5)).toBe(true);
    expect(await total(bureau)).toBe(6);

    expect(await total(district, '?q=丙运营')).toBe(0);
    await database.pool.query('update organizations set name = $1 where id = $2', ['渝中丙运营公司', ids.opB]);
    expect(await until(async () => (await total(district, '?q=丙运营')) === 2)).toBe(true);
  });

  it('is counted on every page while this process cannot hear changes', async () => {
    await listener.stop();
    await total(district);
    const hits = platformCounts.stats.hits;
    await makePlatform(database.db, { districtCode: DISTRICT, name: '渝中园6' });
    expect(await total(district)).toBe(6);
    expect(platformCounts.stats.hits).toBe(hits);
    listener = await startChangeListener(database.url, () => undefined);
  });
});
