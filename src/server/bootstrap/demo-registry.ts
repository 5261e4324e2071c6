/**
 * The registry part of the demo dataset: for each demo platform its sites, staff, services,
 * contacts, a few dozen resident enterprises for 2025 with valid codes (check characters from
 * the domain's usccCheckChar) and its 2025 operating data; one enterprise resident offline in
 * two platforms shows the duplicate flag. A seeded generator keeps every start identical.
 */
import type { Executor } from '../../db/client.js';
import { USCC_CHARSET, usccCheckChar } from '../../domain/ids/uscc.js';
import { insertEnterprises, upsertAboveScale, upsertResidences, type ResidenceFields } from '../imports/repository.js';
import { insertStatusHistory, updatePlatform } from '../platforms/repository.js';
import { insertSite, insertStaff } from '../sites/repository.js';
import { upsertYearData } from '../yeardata/repository.js';
import { demoProfiles, type DemoProfile } from './demo-profiles.js';

export const DEMO_YEAR = 2025;

/** mulberry32: small, seeded, good enough for demo figures. */
function generator(seed: number) {
  let s = seed;
  const next = (): number => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  return { int, pick: <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] ?? (xs[0] as T) };
}
type Gen = ReturnType<typeof generator>;

const firstNames = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭'];
const givenNames = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '超'];
const titles = ['经济师', '高级经济师', '人力资源管理师', '助理经济师'];
const words = ['渝才', '巴渝', '山城', '锦程', '智联', '英才', '众合', '恒信', '博远', '卓越', '汇智', '嘉陵', '长江', '龙腾', '华岳', '鑫源', '天成', '新途', '立信', '同创'];
const hrKinds = ['人力资源服务有限公司', '人力资源管理咨询有限公司', '劳务派遣有限公司', '猎头服务有限公司', '人才服务有限公司', '职业技能培训有限公司'];
const serviceKinds: [string, string][] = [['信息技术有限公司', 'I'], ['企业管理咨询有限公司', 'L'], ['科技服务有限公司', 'M'], ['商贸有限公司', 'F']];

function uscc(g: Gen, districtCode: string): string {
  const area = /^\d{6}$/.test(districtCode) ? districtCode : '500100';
  const body = `9150${area.slice(2)}MA${Array.from({ length: 7 }, () => USCC_CHARSET.charAt(g.int(0, USCC_CHARSET.length - 1))).join('')}`;
  return `${body}${usccCheckChar(body) ?? ''}`;
}

interface Resident { uscc: string; name: string; industry: string; isHrService: boolean; aboveScale: boolean; residence: ResidenceFields }

function residentsOf(g: Gen, p: DemoProfile, districtCode: string, shortName: string): Resident[] {
  const used = new Set<string>();
  const out: Resident[] = [];
  const wan = (band: [number, number]) => BigInt(g.int(band[0], band[1])) * 10_000n;
  const add = (kind: 'hr' | 'service' | 'other', aboveScale: boolean, mode: ResidenceFields['mode'], exited: boolean) => {
    let name = '';
    let industry = 'L';
    do {
      if (kind === 'hr') name = `重庆${g.pick(words)}${g.pick(hrKinds)}`;
      else if (kind === 'service') [name, industry] = ((k) => [`重庆${g.pick(words)}${k[0]}`, k[1]])(g.pick(serviceKinds));
      else [name, industry] = [`重庆${g.pick(words)}精密制造有限公司`, 'C'];
      if (used.has(name)) name = name.replace('重庆', `重庆${shortName}`);
    } while (used.has(name));
    used.add(name);
    const revenueYuan = wan(aboveScale ? p.revenueWan.above : p.revenueWan.other);
    const passThroughYuan = kind === 'hr' ? (revenueYuan * BigInt(g.int(5, 35))) / 100n : 0n;
    const entryYear = g.int(2019, 2025);
    out.push({
      uscc: uscc(g, districtCode), name, industry, isHrService: kind === 'hr', aboveScale,
      residence: {
        mode, entryDate: `${entryYear}-${String(g.int(1, entryYear === 2025 ? 6 : 12)).padStart(2, '0')}-${String(g.int(1, 28)).padStart(2, '0')}`,
        exitDate: exited ? `2025-${String(g.int(7, 11)).padStart(2, '0')}-15` : null,
        revenueYuan, passThroughYuan, taxYuan: (revenueYuan * BigInt(g.int(15, 40))) / 1000n,
      },
    });
  };
  const r = p.residents;
  for (let i = 0; i < r.hrAbove; i++) add('hr', true, 'offline', false);
  for (let i = 0; i < r.hrOther; i++) add('hr', false, 'offline', false);
  for (let i = 0; i < r.serviceOther; i++) add('service', i % 3 === 0, 'offline', false);
  for (let i = 0; i < r.nonService; i++) add('other', i === 0, 'offline', false);
  for (let i = 0; i < r.remote; i++) add(i % 2 === 0 ? 'hr' : 'service', false, i % 2 === 0 ? 'agreement' : 'online', false);
  for (let i = 0; i < r.exited; i++) add('hr', false, 'offline', true);
  return out;
}

export interface DemoPlatform { id: string; name: string; districtCode: string; status: 'preparing' | 'recognized' | 'pending_filing' | 'filed'; recognizedAt: string | null; origin: 'registered' | 'legacy' }

async function seedPlatform(tx: Executor, g: Gen, p: DemoPlatform, profile: DemoProfile, shared: Resident | null): Promise<Resident[]> {
  const { sites, staff, residents: _r, revenueWan: _w, yearData, ...fields } = profile;
  await updatePlatform(tx, p.id, fields);
  const reason = p.origin === 'legacy' ? `存量平台登记：依${profile.recognitionDocNo ?? ''}认定（演示数据）` : '演示数据：初始登记';
  await insertStatusHistory(tx, { platformId: p.id, fromStatus: null, toStatus: p.status, reason, effectiveDate: p.recognizedAt ?? '2025-01-15', userId: null });
  for (const s of sites) await insertSite(tx, { platformId: p.id, name: s.name, address: s.address, buildingArea: s.area.toFixed(2) });
  const person = () => `${g.pick(firstNames)}${g.pick(givenNames)}${g.pick(givenNames)}`;
  for (let i = 0; i < staff.management; i++) await insertStaff(tx, { platformId: p.id, name: person(), team: 'management', position: i === 0 ? '主任' : '专员', fullTime: true });
  for (let i = 0; i < staff.operating; i++) {
    await insertStaff(tx, { platformId: p.id, name: person(), team: 'operating', position: i === 0 ? '运营总监' : '运营专员', fullTime: true, professionalTitle: i < staff.titled ? g.pick(titles) : null });
  }
  const residents = residentsOf(g, profile, p.districtCode, p.name.slice(0, 2));
  if (shared) residents.push(shared);
  const ids = await insertEnterprises(tx, residents.map((r) => ({ uscc: r.uscc, name: r.name, industry: r.industry, isHrService: r.isHrService, usccOverrideReason: null })));
  const idOf = (r: Resident) => ids.get(r.uscc) ?? '';
  await upsertAboveScale(tx, residents.map((r) => ({ enterpriseId: idOf(r), year: DEMO_YEAR, aboveScale: r.aboveScale })));
  await upsertResidences(tx, residents.map((r) => ({ platformId: p.id, enterpriseId: idOf(r), year: DEMO_YEAR, ...r.residence })));
  await upsertYearData(tx, p.id, DEMO_YEAR, yearData, null);
  return residents;
}

export async function seedRegistryDemo(tx: Executor, platforms: DemoPlatform[]): Promise<void> {
  const g = generator(20250324);
  let shared: Resident | null = null;
  for (const p of platforms) {
    const profile = demoProfiles[p.name];
    if (!profile) continue;
    const residents = await seedPlatform(tx, g, p, profile, p.districtCode === '500101' ? shared : null);
    // The first HR enterprise of 九龙坡's park also sits offline in 万州's (seeded after it): flagged to both districts.
    if (p.districtCode === '500107' && shared === null) {
      const first = residents.find((r) => r.isHrService && r.residence.mode === 'offline' && r.residence.exitDate === null);
      shared = first ? { ...first, residence: { ...first.residence, entryDate: '2025-02-10' } } : null;
    }
  }
}
