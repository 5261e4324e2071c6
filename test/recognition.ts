import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { materialKinds } from '../src/domain/recognition/materials.js';
import { lastYear, todayIso } from '../src/server/clock.js';
import type { Client } from './app.js';
import { tinyPdf, upload } from './multipart.js';

/**
 * A recognition application's way to 拟认定，待公示 (Art 14 (一)–(二)) through the API, as the db tests
 * of recognition, publicity, 筹建 and the holiday calendar take it: the district government applies
 * with the five kinds of material, its HRSS and itself give their opinions, the bureau assigns an
 * expert who assesses and recommends, the bureau proposes. Each step expects success.
 */
export interface ApplicationPath {
  app: FastifyInstance;
  /** The district government applying, and its district's HRSS unit. */
  gov: Client;
  hrss: Client;
  bureau: Client;
  expert: Client;
  expertUserId: string;
}

/** A complete 附表1 of a comprehensive park whose residents' revenue misses Art 11 (四)'s 10亿 (a soft shortfall). */
export const parkApplication = (name: string) => ({
  name, type: 'comprehensive_park', address: '重庆市九龙坡区某路 1 号', carrier: 'offline', contactName: '张三', contactPhone: '13800000000',
  siteAreaM2: 12000, siteCount: 2, construction: 'new', investmentYuan: 30_000_000, operationMode: 'self', teamSize: 6,
  services: ['policy', 'information', 'registration'], dataYear: lastYear(),
  figures: { managementStaff: 2, operatingStaff: 4, hrEnterprises: 25, aboveScaleEnterprises: 6, revenueYuan: 950_000_000, passThroughYuan: 50_000_000 },
});
export const districtOpinion = (signer: string) => ({ opinion: '同意申报', opinionDate: todayIso(), signer });
/** An expert's complete assessment recommending recognition: every material verified, the site visited. */
export const recommendingAssessment = {
  verifications: Object.fromEntries(materialKinds.map((k) => [k, { result: 'verified' }])),
  siteVisit: { date: todayIso(), participants: ['专家甲'], findings: '场地与申报材料一致' },
  necessity: '区域人力资源服务业集聚需要', feasibility: '场地、团队、入驻企业具备条件', recommendation: 'recommend',
};

export const applicationUrl = (id: string, rest = '') => `/recognition/applications/${id}${rest}`;

/** A call that must answer `status`; the body is in the message when it does not. */
export async function expectCall(who: Client, method: InjectOptions['method'], url: string, body?: unknown, status = 200): Promise<LightMyRequestResponse> {
  const res = await who.call(method, url, body);
  expect(res.statusCode, `${String(method)} ${url}: ${res.body}`).toBe(status);
  return res;
}

/** A new draft by the district government. */
export async function createApplication(p: Pick<ApplicationPath, 'gov'>, form: object): Promise<string> {
  return (await expectCall(p.gov, 'POST', '/recognition/applications', form, 201)).json<{ id: string }>().id;
}

/** From a draft: the five kinds of material, sent to the HRSS unit, both district opinions: 已报市局. */
export async function sendToBureau(p: Pick<ApplicationPath, 'app' | 'gov' | 'hrss'>, id: string): Promise<void> {
  for (const k of materialKinds) {
    const res = await upload(p.app, p.gov, applicationUrl(id, '/files'), { purpose: k }, { name: `${k}.pdf`, content: tinyPdf, type: 'application/pdf' });
    expect(res.statusCode, res.body).toBe(201);
  }
  await expectCall(p.gov, 'POST', applicationUrl(id, '/send'));
  await expectCall(p.hrss, 'POST', applicationUrl(id, '/hrss-opinion'), districtOpinion('李四'));
  await expectCall(p.gov, 'POST', applicationUrl(id, '/gov-submit'), districtOpinion('王五'));
}

/** The bureau assigns the expert, who submits `assessment`: the bureau may then propose (or approve 筹建). */
export async function assessByExpert(p: Pick<ApplicationPath, 'bureau' | 'expert' | 'expertUserId'>, id: string, assessment: object = recommendingAssessment): Promise<void> {
  await expectCall(p.bureau, 'POST', applicationUrl(id, '/experts'), { expertUserId: p.expertUserId }, 201);
  await expectCall(p.expert, 'PUT', applicationUrl(id, '/my-review'), assessment);
  await expectCall(p.expert, 'POST', applicationUrl(id, '/my-review/submit'));
}

/** A new application taken to the experts' submitted assessment, ready for the bureau's decision. */
export async function assessedApplication(p: ApplicationPath, name: string, form: object = parkApplication(name)): Promise<string> {
  const id = await createApplication(p, form);
  await sendToBureau(p, id);
  await assessByExpert(p, id);
  return id;
}

/** A new application taken through the district and the experts to 拟认定，待公示. */
export async function proposedApplication(p: ApplicationPath, name: string, form: object = parkApplication(name)): Promise<string> {
  const id = await assessedApplication(p, name, form);
  await expectCall(p.bureau, 'POST', applicationUrl(id, '/propose'), { note: '经研究，拟认定' });
  return id;
}
