import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { checkUscc } from '../../domain/ids/uscc.js';
import { checkDocument, scoreDocument } from '../rules/service.js';
import { conditionFactsFor, sheetFactsFor } from '../yeardata/facts.js';
import { seedDemo } from './demo.js';

const ctx = useTestApp();
const platformIds = new Map<string, string>();

beforeAll(async () => {
  expect(await seedDemo(ctx.database.db)).toBe(true);
  const rows = await ctx.database.pool.query<{ id: string; name: string }>('select id, name from platforms');
  for (const r of rows.rows) platformIds.set(r.name, r.id);
});

const q = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await ctx.database.pool.query<T>(sql, params)).rows;

describe('the demo registry', () => {
  it('gives every demo platform sites, staff, services, a contact, residents for 2025 and year data', async () => {
    const rows = await q<{ name: string; sites: string; staff: string; residents: string; services: number; contact: string | null; data: string }>(`
      select p.name, (select count(*) from platform_sites s where s.platform_id = p.id) sites, (select count(*) from platform_staff s where s.platform_id = p.id) staff,
        (select count(*) from residences r where r.platform_id = p.id and r.year = 2025) residents, cardinality(p.services) services, p.contact_phone contact,
        (select count(*) from platform_year_data d where d.platform_id = p.id and d.year = 2025) data from platforms p`);
    expect(rows).toHaveLength(8);
    for (const r of rows) {
      expect(Number(r.sites), r.name).toBeGreaterThan(0);
      expect(Number(r.staff), r.name).toBeGreaterThanOrEqual(3);
      expect(Number(r.residents), r.name).toBeGreaterThanOrEqual(6);
      expect(r.services, r.name).toBeGreaterThan(0);
      expect(r.contact, r.name).not.toBeNull();
      expect(Number(r.data), r.name).toBe(1);
    }
    expect(Number(rows.find((r) => r.name === '九龙坡区人力资源服务产业园')!.residents)).toBeGreaterThanOrEqual(36);
  });

  it('uses valid codes only, and flags one enterprise resident offline in 九龙坡 and 万州', async () => {
    const codes = await q<{ uscc: string }>('select uscc from enterprises');
    expect(codes.length).toBeGreaterThan(200);
    expect(codes.filter((c) => !checkUscc(c.uscc).ok)).toEqual([]);
    const dups = await q<{ districts: string }>(`
      select string_agg(distinct p.district_code, ',' order by p.district_code) districts from residences r join platforms p on p.id = r.platform_id
      where r.year = 2025 and r.mode = 'offline' group by r.enterprise_id having count(distinct r.platform_id) > 1`);
    expect(dups).toEqual([{ districts: '500101,500107' }]);
  });

  it('shows meaningful condition checks: 九龙坡 meets the quantitative conditions, 万州 falls short on revenue', async () => {
    const check = async (name: string) => {
      const input = await conditionFactsFor(ctx.database.db, platformIds.get(name)!, 2025);
      const res = checkDocument(input);
      if (!res.ok) throw new Error(JSON.stringify(res.value));
      return res.value;
    };
    const jlp = await check('九龙坡区人力资源服务产业园');
    expect(jlp.conditions.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual([]);
    expect(jlp.outcome).toBe('needs_confirmation');
    const wz = await check('万州区人力资源服务产业园');
    expect(wz.conditions.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual(['revenue']);
    expect((await check('重庆市卫生健康人才市场')).conditions.every((c) => c.status === 'pass')).toBe(true);
    expect((await check('两江新区数字经济人力资源服务产业园')).conditions.find((c) => c.id === 'hrShare')?.status).toBe('pass');
  });

  it('scores every demo platform’s 2025 sheet', async () => {
    const totals: Record<string, number> = {};
    for (const [name, id] of platformIds) {
      const facts = await sheetFactsFor(ctx.database.db, id, 2025);
      const sheet = scoreDocument(facts);
      if (!sheet.ok) throw new Error(`${name}: ${JSON.stringify(sheet.value)}`);
      totals[name] = Number(sheet.value.total);
    }
    expect(totals['九龙坡区人力资源服务产业园']).toBeGreaterThan(40);
    expect(totals['九龙坡区人力资源服务产业园']).toBeGreaterThan(totals['万州区人力资源服务产业园']!);
    expect(Object.values(totals).every((t) => t > 10)).toBe(true);
  });

  it('is loaded once', async () => {
    expect(await seedDemo(ctx.database.db)).toBe(false);
  });
});
