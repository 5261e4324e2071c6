import type { Db } from '../../db/client.js';
import type { Role } from '../../domain/auth/roles.js';
import { hashPassword } from '../auth/passwords.js';
import { writeSetting, readSetting } from '../settings/repository.js';
import { bureauOrgCode } from './reference.js';
import { seedDemoRecognition } from './demo-recognition.js';
import { seedDemoPreparation } from './demo-preparation.js';
import { seedDemoReporting } from './demo-reporting.js';
import { seedDemoSupport } from './demo-support.js';
import { seedDemoDistrictFiling } from './demo-district.js';
import { seedDemoEvaluations, type DemoSeedPlatform } from './demo-evaluations.js';
import { seedRegistryDemo, type DemoPlatform } from './demo-registry.js';
import { ensureOrganization, insertPlatform, insertUser } from './repository.js';

/** Every demo account shares this password; the banner 演示数据 marks the whole dataset. */
export const demoPassword = 'Demo@2025';

export interface DemoAccount {
  username: string;
  role: Role;
  organization: string;
}

type PlatformSeed = {
  name: string;
  level: 'national' | 'municipal' | 'district';
  type: 'comprehensive_park' | 'specialized_park' | 'specialized_market';
  district: string;
  status: 'preparing' | 'recognized' | 'pending_filing' | 'filed';
  recognizedAt: string | null;
  operator: string;
};

const demoPlatforms: PlatformSeed[] = [
  { name: '中国重庆人力资源服务产业园', level: 'national', type: 'comprehensive_park', district: '500112', status: 'recognized', recognizedAt: '2019-06-18', operator: '重庆人力资源服务产业园运营管理有限公司' },
  { name: '九龙坡区人力资源服务产业园', level: 'municipal', type: 'comprehensive_park', district: '500107', status: 'recognized', recognizedAt: '2022-11-08', operator: '重庆九龙人力资源开发有限公司' },
  { name: '万州区人力资源服务产业园', level: 'municipal', type: 'comprehensive_park', district: '500101', status: 'recognized', recognizedAt: '2023-04-20', operator: '万州区人力资源服务中心' },
  { name: '两江新区数字经济人力资源服务产业园', level: 'municipal', type: 'specialized_park', district: 'LJXQ', status: 'recognized', recognizedAt: '2024-03-15', operator: '两江数智人力资源服务有限公司' },
  { name: '九龙坡区智能制造人力资源服务产业园', level: 'district', type: 'specialized_park', district: '500107', status: 'pending_filing', recognizedAt: '2024-09-02', operator: '九龙坡区智造人才服务有限公司' },
  { name: '重庆市卫生健康人才市场', level: 'municipal', type: 'specialized_market', district: '500103', status: 'recognized', recognizedAt: '2023-12-01', operator: '重庆市卫生健康人才交流服务中心' },
  { name: '永川区职业技能人才市场', level: 'district', type: 'specialized_market', district: '500118', status: 'pending_filing', recognizedAt: null, operator: '永川区职教人才服务有限公司' },
  { name: '黔江区人力资源服务产业园', level: 'municipal', type: 'comprehensive_park', district: '500114', status: 'preparing', recognizedAt: null, operator: '黔江区人力资源开发有限公司' },
];

type OrgKey = 'bureau' | 'jlpHrss' | 'wzHrss' | 'jlpGov' | 'jlpOperator' | 'experts';

const accounts: (DemoAccount & { displayName: string; org: OrgKey })[] = [
  { username: 'admin', displayName: '系统管理员（演示）', role: 'admin', org: 'bureau', organization: '重庆市人力资源和社会保障局' },
  { username: 'secadmin', displayName: '安全管理员（演示）', role: 'security_admin', org: 'bureau', organization: '重庆市人力资源和社会保障局' },
  { username: 'auditor', displayName: '安全审计员（演示）', role: 'auditor', org: 'bureau', organization: '重庆市人力资源和社会保障局' },
  { username: 'staff', displayName: '市局业务员（演示）', role: 'bureau', org: 'bureau', organization: '重庆市人力资源和社会保障局' },
  { username: 'jlp.hrss', displayName: '九龙坡区人社局经办人（演示）', role: 'district', org: 'jlpHrss', organization: '九龙坡区人力社保局' },
  { username: 'wz.hrss', displayName: '万州区人社局经办人（演示）', role: 'district', org: 'wzHrss', organization: '万州区人力社保局' },
  { username: 'jlp.gov', displayName: '九龙坡区政府联络员（演示）', role: 'district_gov', org: 'jlpGov', organization: '九龙坡区人民政府' },
  { username: 'jlp.operator', displayName: '九龙坡产业园运营专员（演示）', role: 'operator', org: 'jlpOperator', organization: '重庆九龙人力资源开发有限公司' },
  { username: 'expert1', displayName: '评审专家甲（演示）', role: 'expert', org: 'experts', organization: '评审专家库' },
];

/** The demo accounts, one per role (two district units, to show scope), as printed at start. */
export const demoAccounts: DemoAccount[] = accounts.map(({ username, role, organization }) => ({ username, role, organization }));

/**
 * Loads the demo dataset once; returns false when it was loaded before. The registry and accounts are
 * written in one transaction; the evaluations follow through the use cases, each step in its own.
 */
export async function seedDemo(db: Db): Promise<boolean> {
  if ((await readSetting(db, 'demo')) === true) return false;
  const hash = await hashPassword(demoPassword);
  const forEvaluations: DemoSeedPlatform[] = [];
  await db.transaction(async (tx) => {
    const operatorIds: string[] = [];
    const seeded: DemoPlatform[] = [];
    for (const [i, p] of demoPlatforms.entries()) {
      const op = await ensureOrganization(tx, { kind: 'operator', name: p.operator, code: `DEMO-OP-${i + 1}`, districtCode: p.district });
      operatorIds.push(op);
      // The demo's recognized national and municipal platforms predate HRSP: 存量登记 on their original documents (demo-profiles.ts).
      const origin = p.status === 'recognized' && p.level !== 'district' ? 'legacy' : 'registered';
      const id = await insertPlatform(tx, { name: p.name, level: p.level, type: p.type, districtCode: p.district, operatorOrgId: op, status: p.status, recognizedAt: p.recognizedAt, origin });
      seeded.push({ id, name: p.name, districtCode: p.district, status: p.status, recognizedAt: p.recognizedAt, origin });
      forEvaluations.push({ id, name: p.name, districtCode: p.district, operatorOrgId: op, operatorName: p.operator });
    }
    await seedRegistryDemo(tx, seeded);
    const orgs: Record<OrgKey, string> = {
      bureau: await ensureOrganization(tx, { kind: 'bureau', name: '重庆市人力资源和社会保障局', code: bureauOrgCode }),
      jlpHrss: await ensureOrganization(tx, { kind: 'district', name: '九龙坡区人力社保局', code: 'HRSS-500107', districtCode: '500107' }),
      wzHrss: await ensureOrganization(tx, { kind: 'district', name: '万州区人力社保局', code: 'HRSS-500101', districtCode: '500101' }),
      jlpGov: await ensureOrganization(tx, { kind: 'district_gov', name: '九龙坡区人民政府', code: 'GOV-500107', districtCode: '500107' }),
      jlpOperator: operatorIds[1] ?? '',
      experts: await ensureOrganization(tx, { kind: 'expert_pool', name: '重庆市人力资源服务发展平台评审专家库', code: 'EXPERTS' }),
    };
    for (const a of accounts) {
      await insertUser(tx, { username: a.username, displayName: a.displayName, role: a.role, organizationId: orgs[a.org], passwordHash: hash, mustChangePassword: false, phone: '13800000000' });
    }
    await writeSetting(tx, 'demo', true);
  });
  // District-level platforms enter 待备案; 九龙坡's is filed and acknowledged before the evaluations take it (Art 16).
  await seedDemoDistrictFiling(db, forEvaluations);
  await seedDemoEvaluations(db, forEvaluations);
  await seedDemoRecognition(db);
  await seedDemoPreparation(db);
  await seedDemoReporting(db, forEvaluations);
  await seedDemoSupport(db, forEvaluations);
  return true;
}
