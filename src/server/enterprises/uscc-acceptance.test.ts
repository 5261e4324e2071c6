import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, useTestApp, type Client } from '../../../test/app.js';
import { makeOrg, makePlatform, makeUscc, makeUser } from '../../../test/factories.js';
import { registryAggregates } from '../yeardata/repository.js';

/**
 * RULES.md §7: a code failing the check is accepted by a reviewer (district or bureau staff)
 * with a recorded reason. An operator's reason waits, flagged, and is not counted until accepted.
 */
const ctx = useTestApp();
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const names: Record<string, string> = {};

beforeAll(async () => {
  const db = ctx.database.db;
  ids.op = await makeOrg(db, 'operator', '500107');
  ids.jlp = await makePlatform(db, { districtCode: '500107', operatorOrgId: ids.op });
  for (const [key, role, opts] of [['bureau', 'bureau', {}], ['district', 'district', { districtCode: '500107' }], ['wzDistrict', 'district', { districtCode: '500101' }], ['operator', 'operator', { organizationId: ids.op }]] as const) {
    const u = await makeUser(db, role, opts);
    names[key] = u.username;
    c[key] = await loginAs(ctx.app, u.username);
  }
});

/** A real-looking code whose check character is wrong. */
function failingCode(): string {
  const good = makeUscc();
  return `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
}

const residence = (uscc: string) => ({
  year: 2025, uscc, name: '重庆核对中人力资源有限公司', industry: 'L 租赁和商务服务业', isHrService: true, aboveScale: false,
  mode: 'offline', entryDate: '2024-03-01', revenueYuan: 1_000_000, passThroughYuan: 0, taxYuan: 10_000, usccOverrideReason: '营业执照原件如此，已核对',
});
const counted = async () => (await registryAggregates(ctx.database.db, ids.jlp!, 2025)).hrAnyMode.other;

interface EnterpriseRow { id: string; usccWaiting: boolean; usccAcceptedBy: string | null }

describe('a code failing the check, entered by the operator', () => {
  let enterpriseId = '';

  it('waits, flagged, and is not counted', async () => {
    const before = await counted();
    const res = await c.operator!.call('POST', `/platforms/${ids.jlp!}/residences`, residence(failingCode()));
    expect(res.statusCode, res.body).toBe(201);
    enterpriseId = res.json<{ enterpriseId: string }>().enterpriseId;
    const e = (await c.district!.call('GET', `/enterprises/${enterpriseId}`)).json<EnterpriseRow>();
    expect(e).toMatchObject({ usccWaiting: true, usccAcceptedBy: null });
    expect(await counted()).toBe(before);
    const waiting = (await c.district!.call('GET', '/enterprises?usccWaiting=true')).json<{ items: EnterpriseRow[] }>().items;
    expect(waiting.map((x) => x.id)).toContain(enterpriseId);
  });

  it('cannot be accepted by the operator, nor by another district', async () => {
    expect((await c.operator!.call('POST', `/enterprises/${enterpriseId}/accept-uscc`)).statusCode).toBe(403);
    expect((await c.wzDistrict!.call('POST', `/enterprises/${enterpriseId}/accept-uscc`)).statusCode).toBe(404);
  });

  it('is accepted by its district, audited, and counted from then on', async () => {
    const before = await counted();
    const res = await c.district!.call('POST', `/enterprises/${enterpriseId}/accept-uscc`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<EnterpriseRow>()).toMatchObject({ usccWaiting: false, usccAcceptedBy: names.district });
    expect(await counted()).toBe(before + 1);
    const audited = await ctx.database.pool.query("select count(*)::int n from audit_log where action = 'enterprise.accept_uscc' and entity_id = $1", [enterpriseId]);
    expect(audited.rows[0]).toEqual({ n: 1 });
    const again = await c.district!.call('POST', `/enterprises/${enterpriseId}/accept-uscc`);
    expect(again.statusCode).toBe(409);
  });
});

describe('a code failing the check, entered by a reviewer', () => {
  it('counts at once as accepted by that reviewer', async () => {
    const before = await counted();
    const res = await c.bureau!.call('POST', `/platforms/${ids.jlp!}/residences`, residence(failingCode()));
    expect(res.statusCode, res.body).toBe(201);
    const e = (await c.bureau!.call('GET', `/enterprises/${res.json<{ enterpriseId: string }>().enterpriseId}`)).json<EnterpriseRow>();
    expect(e).toMatchObject({ usccWaiting: false, usccAcceptedBy: names.bureau });
    expect(await counted()).toBe(before + 1);
  });
});
