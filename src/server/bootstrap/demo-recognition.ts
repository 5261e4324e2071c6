/**
 * The recognition part of the demo dataset (Art 14), run through the use cases so every step has its
 * history, audit row and notification: a draft by jlp.gov (九龙坡区), a 九龙坡 application sent on and
 * waiting for jlp.hrss's opinion, and a 万州 (渝东北, Art 17) application with both opinions submitted
 * to the bureau, waiting for staff's check; and a second 万州 application under the experts' assessment, with
 * expert1 assigned and not yet done (its recognition work on its home page). 万州 has no government demo account: its government's
 * steps are taken by a demo actor (username 演示数据) of that district, on the admin account's id.
 */
import { Readable } from 'node:stream';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../domain/auth/actor.js';
import { materialKindLabels, materialKinds } from '../../domain/recognition/materials.js';
import { todayIso } from '../clock.js';
import type { RequestContext } from '../context.js';
import { createApplication, sendToHrss, updateApplication } from '../recognition/application.js';
import { uploadApplicationFile } from '../recognition/materials.js';
import { assignExpert } from '../recognition/experts.js';
import { giveHrssOpinion, govSubmit } from '../recognition/opinions.js';
import type { FormBody } from '../recognition/schema.js';
import { backdateDemoApplication } from './repository.js';
import { demoContexts, seedContext } from './demo-context.js';

const shift = (days: number) => new Date(Date.parse(`${todayIso()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** A working-hours time `days` from today (Beijing time), for a step of the procedure. */
const at = (days: number, hour: number) => new Date(`${shift(days)}T${String(hour).padStart(2, '0')}:30:00+08:00`);
/** The days (from today) of each step of a demo application, in the order the procedure takes them. */
const steps = (days: Record<string, number>) => (action: string) => at(days[action] ?? days.create ?? 0, action === 'create' ? 9 : 15);

/** A one-page PDF standing for a scanned material (the content check reads the header). */
function demoPdf(title: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${encodeURIComponent(title)}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
}

async function uploadFiveMaterials(db: Db, ctx: RequestContext, id: string, platformName: string): Promise<void> {
  for (const kind of materialKinds) {
    const file = Object.assign(Readable.from([demoPdf(materialKindLabels[kind])]), { truncated: false });
    const part = { filename: `${platformName}-材料${materialKinds.indexOf(kind) + 1}（演示）.pdf`, file };
    await uploadApplicationFile(db, ctx, id, 10 * 1024 * 1024, () => Promise.resolve({ part, fields: { purpose: kind } }));
  }
}

const JLP_MARKET: FormBody = {
  name: '九龙坡区智能制造人才市场', type: 'specialized_market', address: '重庆市九龙坡区科城路 68 号（演示地址）', carrier: 'online_offline',
  contactName: '陈晓（演示）', contactPhone: '023-68000001', siteAreaM2: 6200, siteCount: 2, construction: 'renovated', investmentYuan: 18_000_000,
  operationMode: 'entrusted', teamSize: 36, services: ['policy', 'information', 'registration', 'opening', 'platform', 'other'],
  servedField: '智能制造产业技术技能人才', dataYear: 2024, figures: { personTimesServed: 52_000 },
};

const WZ_PARK: FormBody = {
  name: '万州三峡人力资源服务产业园', type: 'comprehensive_park', address: '重庆市万州区江南新区南滨大道 1 号（演示地址）', carrier: 'online_offline',
  contactName: '李军（演示）', contactPhone: '023-58000002', siteAreaM2: 9800, siteCount: 1, construction: 'new', investmentYuan: 45_000_000,
  operationMode: 'self', teamSize: 22, services: ['policy', 'information', 'registration', 'licensing', 'opening', 'fitout', 'property', 'financing'],
  dataYear: 2024,
  figures: { managementStaff: 4, operatingStaff: 16, hrEnterprises: 24, aboveScaleEnterprises: 4, revenueYuan: 620_000_000, passThroughYuan: 180_000_000 },
};

const WZ_MARKET: FormBody = {
  name: '万州区三峡库区人才市场', type: 'specialized_market', address: '重庆市万州区高笋塘 9 号（演示地址）', carrier: 'online_offline',
  contactName: '刘芳（演示）', contactPhone: '023-58000003', siteAreaM2: 5200, siteCount: 2, construction: 'renovated', investmentYuan: 12_000_000,
  operationMode: 'self', teamSize: 28, services: ['policy', 'information', 'registration', 'opening', 'platform'],
  servedField: '库区移民和返乡创业人才', dataYear: 2024, figures: { personTimesServed: 41_000 },
};

export async function seedDemoRecognition(db: Db): Promise<void> {
  const ctxOf = await demoContexts(db, ['admin', 'staff', 'jlp.gov', 'jlp.hrss', 'wz.hrss', 'expert1']);
  const admin = ctxOf('admin');
  const jlpGov = ctxOf('jlp.gov');
  const wzGovActor: Actor = { ...admin.actor, username: '演示数据', role: 'district_gov', organizationName: '演示数据（万州区人民政府）', districtCode: '500101' };
  const wzGov: RequestContext = seedContext(wzGovActor);

  // 1. jlp.gov's draft: started, partly filled, no material yet.
  const draft = await createApplication(db, jlpGov, { name: '九龙坡区数字经济人力资源服务产业园', type: 'comprehensive_park' });
  await updateApplication(db, jlpGov, draft.id, {
    name: draft.name, type: 'comprehensive_park', address: '重庆市九龙坡区西部物流园 18 号（演示地址）', carrier: 'offline', siteAreaM2: 12000, siteCount: 1,
    construction: 'new', operationMode: 'entrusted', services: ['policy', 'information', 'registration'], dataYear: 2024,
  });
  await backdateDemoApplication(db, draft.id, steps({ create: -2 }));

  // 2. Sent to 九龙坡区人力社保局 (jlp.hrss), waiting for its opinion.
  const market = await createApplication(db, jlpGov, { name: JLP_MARKET.name, type: JLP_MARKET.type });
  await updateApplication(db, jlpGov, market.id, JLP_MARKET);
  await uploadFiveMaterials(db, jlpGov, market.id, JLP_MARKET.name);
  await sendToHrss(db, jlpGov, market.id);
  await backdateDemoApplication(db, market.id, steps({ create: -12, upload: -9, send_to_hrss: -8 }));

  // 3. 万州 (渝东北): both opinions given, submitted to the bureau for its check (Art 17 applies).
  const park = await createApplication(db, wzGov, { name: WZ_PARK.name, type: WZ_PARK.type });
  await updateApplication(db, wzGov, park.id, WZ_PARK);
  await uploadFiveMaterials(db, wzGov, park.id, WZ_PARK.name);
  await sendToHrss(db, wzGov, park.id);
  await giveHrssOpinion(db, ctxOf('wz.hrss'), park.id, {
    opinion: '经审核，该园区申报材料真实完整，入驻企业和营业收入数据与名录一致，同意推荐申报市级人力资源服务产业园（演示数据）。',
    opinionDate: shift(-6), signer: '王明（演示）',
  });
  await govSubmit(db, wzGov, park.id, {
    opinion: '同意推荐万州三峡人力资源服务产业园申报市级人力资源服务发展平台，区政府将持续给予政策和资金支持（演示数据）。',
    opinionDate: shift(-3), signer: '张华（演示）',
  });
  await backdateDemoApplication(db, park.id, steps({ create: -30, upload: -24, send_to_hrss: -21, hrss_opinion: -6, gov_submit: -3 }));

  // 4. A second 万州 application past the bureau's check, under the experts' assessment: expert1 assigned (Art 14 (二)).
  const wzMarket = await createApplication(db, wzGov, { name: WZ_MARKET.name, type: WZ_MARKET.type });
  await updateApplication(db, wzGov, wzMarket.id, WZ_MARKET);
  await uploadFiveMaterials(db, wzGov, wzMarket.id, WZ_MARKET.name);
  await sendToHrss(db, wzGov, wzMarket.id);
  await giveHrssOpinion(db, ctxOf('wz.hrss'), wzMarket.id, {
    opinion: '经审核，该人才市场申报材料真实完整，服务人次与台账一致，同意推荐（演示数据）。', opinionDate: shift(-15), signer: '王明（演示）',
  });
  await govSubmit(db, wzGov, wzMarket.id, {
    opinion: '同意推荐万州区三峡库区人才市场申报市级人力资源服务发展平台（演示数据）。', opinionDate: shift(-12), signer: '张华（演示）',
  });
  await assignExpert(db, ctxOf('staff'), wzMarket.id, ctxOf('expert1').actor.userId);
  await backdateDemoApplication(db, wzMarket.id, steps({ create: -40, upload: -35, send_to_hrss: -30, hrss_opinion: -15, gov_submit: -12, start_expert_review: -5 }));
}
