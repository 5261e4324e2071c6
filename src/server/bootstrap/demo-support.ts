/**
 * The support register in the demo (Art 23–26, 32): items of the published 2024 grades and of the demo year,
 * recommendations without an amount and funds with one (integer yuan), granted, pending and not granted, one
 * given without a qualifying grade and so with its reason; recorded by the bureau, and 九龙坡's district funds
 * by jlp.hrss, each through the use case on its own day (withClock).
 */
import type { Db } from '../../db/client.js';
import type { SupportKind, SupportOutcome } from '../../domain/support/eligibility.js';
import { withClock } from '../clock.js';
import type { RequestContext } from '../context.js';
import { createItem, eligibility } from '../support/service.js';
import type { DemoSeedPlatform } from './demo-evaluations.js';
import { DEMO_YEAR } from './demo-registry.js';
import { demoUsers } from './repository.js';
import { seedContext } from './demo-context.js';

interface DemoItem { platform: string; year: number; kind: SupportKind; title: string; amountYuan: number | null; outcome: SupportOutcome; by: 'staff' | 'jlp.hrss'; on: string }

export const DEMO_SUPPORT_ITEMS: readonly DemoItem[] = [
  { platform: '中国重庆人力资源服务产业园', year: 2024, kind: 'cluster', title: '推荐纳入现代生产性服务业集聚区', amountYuan: null, outcome: 'granted', by: 'staff', on: '2025-04-18' },
  { platform: '九龙坡区人力资源服务产业园', year: 2024, kind: 'star_building', title: '推荐申报“五星级”商务楼宇', amountYuan: null, outcome: 'granted', by: 'staff', on: '2025-04-25' },
  { platform: '万州区人力资源服务产业园', year: 2024, kind: 'city_fund', title: '市级人力资源服务业发展专项资金', amountYuan: 500_000, outcome: 'granted', by: 'staff', on: '2025-05-20' },
  { platform: '重庆市卫生健康人才市场', year: 2024, kind: 'city_fund', title: '市级人力资源服务业发展专项资金', amountYuan: 200_000, outcome: 'not_granted', by: 'staff', on: '2025-05-20' },
  { platform: '两江新区数字经济人力资源服务产业园', year: DEMO_YEAR, kind: 'major_project', title: '数字经济人才服务重大项目', amountYuan: 1_200_000, outcome: 'pending', by: 'staff', on: '2025-09-12' },
  { platform: '九龙坡区人力资源服务产业园', year: DEMO_YEAR, kind: 'district_fund', title: '九龙坡区人力资源服务产业发展补助', amountYuan: 300_000, outcome: 'granted', by: 'jlp.hrss', on: '2025-07-08' },
  { platform: '九龙坡区智能制造人力资源服务产业园', year: DEMO_YEAR, kind: 'district_fund', title: '入驻企业场地租金补贴', amountYuan: 120_000, outcome: 'pending', by: 'jlp.hrss', on: '2025-10-15' },
];

/** The reason recorded when the grade of the year does not qualify the item. */
const REASON = '列入市级人力资源服务重大项目库，经局务会研究同意支持申报（演示数据）';

export async function seedDemoSupport(db: Db, platforms: readonly DemoSeedPlatform[]): Promise<void> {
  const users = await demoUsers(db, ['staff', 'jlp.hrss']);
  for (const item of DEMO_SUPPORT_ITEMS) {
    const actor = users.get(item.by);
    const platform = platforms.find((p) => p.name === item.platform);
    if (!actor || !platform) throw new Error(`demo support item ${item.title} has no ${actor ? 'platform' : 'account'}`);
    const ctx: RequestContext = seedContext(actor);
    await withClock(() => new Date(`${item.on}T10:00:00+08:00`), async () => {
      const e = await eligibility(db, ctx, { platformId: platform.id, year: item.year, kind: item.kind });
      await createItem(db, ctx, {
        platformId: platform.id, year: item.year, kind: item.kind, title: item.title, amountYuan: item.amountYuan, outcome: item.outcome,
        reason: e.qualifies ? null : REASON, note: null,
      });
    });
  }
}
