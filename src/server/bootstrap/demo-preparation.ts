/**
 * The demo's 筹建 platform (Art 15): 黔江区人力资源服务产业园 has been 筹建中 since 2025-01-15 (registered in
 * preparation, so its term has no application). Its one-year term would have ended on 2026-01-15; the
 * bureau (staff) extended it on 2026-01-09, with a reason, to 2027-01-15 — so in December 2026 the
 * countdown shows some 40 days and the term is on the bureau's to-do list. Seeded after that date
 * passes, the hourly job cancels it, as it would any term.
 */
import type { Db } from '../../db/client.js';
import { addYearsCorresponding } from '../../domain/dates/iso-date.js';
import { withClock } from '../clock.js';
import * as preparationRepo from '../preparation/repository.js';
import { extendTerm } from '../preparation/service.js';
import { demoUsers } from './repository.js';
import { seedContext } from './demo-context.js';

export const DEMO_PREPARATION = {
  platform: '黔江区人力资源服务产业园',
  approvedOn: '2025-01-15',
  extendedOn: new Date('2026-01-09T15:30:00+08:00'),
  until: '2027-01-15',
  reason: '园区主体楼宇受渝湘高铁黔江站配套工程影响延期交付，区政府申请延长；经研究，同意延长筹建期至 2027 年 1 月 15 日（演示数据）',
} as const;

export async function seedDemoPreparation(db: Db): Promise<void> {
  const platformId = await preparationRepo.platformIdByName(db, DEMO_PREPARATION.platform);
  const staff = (await demoUsers(db, ['staff'])).get('staff');
  if (platformId === null || staff === undefined) throw new Error('demo 筹建 platform or staff account missing');
  await preparationRepo.insertTerm(db, {
    platformId, applicationId: null, needKind: 'strategy', approvedOn: DEMO_PREPARATION.approvedOn, endOn: addYearsCorresponding(DEMO_PREPARATION.approvedOn, 1),
    need: '成渝地区双城经济圈建设和渝东南武陵山区城镇群发展：武陵山区人力资源服务枢纽（演示数据）',
    consent: '经市人力资源和社会保障局研究，同意黔江区人力资源服务产业园先行筹建，筹建期一年（演示数据）',
    createdBy: staff.userId,
  });
  await withClock(() => DEMO_PREPARATION.extendedOn, () => extendTerm(db, seedContext(staff), platformId, {
    until: DEMO_PREPARATION.until, reason: DEMO_PREPARATION.reason,
  }));
}
