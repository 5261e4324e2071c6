/**
 * District-level recognition and filing in the demo (Art 16), through the use cases: 九龙坡区 records
 * its recognition policy (2024), recognizes 九龙坡区智能制造人力资源服务产业园 under it, files it, and
 * the bureau acknowledges (已备案, on their 2024 dates); 永川区 (no demo account: a demo actor of that
 * district) has a policy and a filing of 永川区职业技能人才市场 waiting for the bureau. Runs before the
 * evaluations, which take the 智能制造 park as a filed district-level platform.
 */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../domain/auth/actor.js';
import { todayIso, withClock } from '../clock.js';
import type { RequestContext } from '../context.js';
import { acknowledge, createPolicy, decide, file } from '../district/service.js';
import { DEMO_YEAR } from './demo-registry.js';
import { demoContexts, seedContext } from './demo-context.js';

const shift = (days: number) => new Date(Date.parse(`${todayIso()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const on = (date: string, hour = 10) => () => new Date(`${date}T${String(hour).padStart(2, '0')}:30:00+08:00`);

export async function seedDemoDistrictFiling(db: Db, platforms: readonly { id: string; name: string }[]): Promise<void> {
  const ctxOf = await demoContexts(db, ['admin', 'staff', 'jlp.hrss']);
  const idOf = (name: string): string => {
    const p = platforms.find((x) => x.name === name);
    if (!p) throw new Error(`demo platform ${name} missing`);
    return p.id;
  };
  const jlp = ctxOf('jlp.hrss');
  const bureau = ctxOf('staff');
  const admin = ctxOf('admin').actor;
  const yongchuanActor: Actor = { ...admin, username: '演示数据', role: 'district', organizationName: '演示数据（永川区人力社保局）', districtCode: '500118' };
  const yongchuan: RequestContext = seedContext(yongchuanActor);

  await withClock(on('2024-03-01'), () => createPolicy(db, jlp, {
    docNo: '九龙坡人社发〔2024〕8号', effectiveFrom: '2024-03-01', note: '九龙坡区区县级人力资源服务产业园、人才市场认定标准（演示数据）',
    thresholds: {
      comprehensive_park: { area: '5000', hrEnterprises: '10', aboveScaleEnterprises: '2', revenue: '200000000' },
      specialized_park: { area: '3000', hrEnterprises: '8', aboveScaleEnterprises: '2', revenue: '50000000', hrShare: '50' },
      specialized_market: { area: '800', 'serviceEffect.personTimes': '2000', 'serviceEffect.humanCapital': '200000000' },
    },
  }));
  const manufacturing = idOf('九龙坡区智能制造人力资源服务产业园');
  await withClock(on('2024-09-02'), () => decide(db, jlp, manufacturing, { year: DEMO_YEAR, docNo: '九龙坡人社〔2024〕11号', decidedOn: '2024-09-02' }));
  await withClock(on('2024-09-03', 15), () => file(db, jlp, manufacturing, undefined));
  await withClock(on('2024-09-10', 11), () => acknowledge(db, bureau, manufacturing, '材料齐全，同意备案（演示数据）'));

  await withClock(on('2024-01-10'), () => createPolicy(db, yongchuan, {
    docNo: '永人社发〔2024〕2号', effectiveFrom: '2024-01-10',
    thresholds: { specialized_market: { area: '800', 'serviceEffect.personTimes': '1000', 'serviceEffect.humanCapital': '100000000' } },
  }));
  const market = idOf('永川区职业技能人才市场');
  await withClock(on(shift(-6)), () => decide(db, yongchuan, market, { year: DEMO_YEAR, docNo: '永人社〔2024〕21号', decidedOn: shift(-6) }));
  await withClock(on(shift(-5), 15), () => file(db, yongchuan, market, undefined));
}
