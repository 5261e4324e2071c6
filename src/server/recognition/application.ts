/**
 * The application (Art 14 (一), 附表1): the district government starts it for a new platform or for a
 * district-level platform of its district moving up (filled in from the registry), edits it while it
 * is in its hands, and sends it to the district HRSS bureau once the form and the five kinds of
 * material are complete; or withdraws it.
 */
import type { Db } from '../../db/client.js';
import { platformScope } from '../../domain/auth/scope.js';
import type { ConditionFacts } from '../../domain/conditions/types.js';
import { findDistrict, isArt17District } from '../../domain/reference/districts.js';
import { cq2025 } from '../../domain/index.js';
import { missingFormFields, type ApplicationFigures, type ApplicationForm } from '../../domain/recognition/form.js';
import { materialKindLabels, materialKindNumbers, materialKinds, missingMaterialKinds, missingMaterialsMessage } from '../../domain/recognition/materials.js';
import {
  actionsFor, applicationStateLabels, checkApplicationAction, governmentMayEdit, waitingOn,
} from '../../domain/recognition/workflow.js';
import { audit } from '../audit/audit.js';
import { lastYear } from '../clock.js';
import type { RequestContext } from '../context.js';
import { AppError, errors } from '../errors.js';
import { maskName, maskPhone, offsetOf, toPage, type Page } from '../pagination.js';
import { findPlatform, type PlatformRecord, platformStats } from '../platforms/repository.js';
import { conditionFactsFor } from '../yeardata/facts.js';
import { districtAudience, formOf, loadApplication, takeStep, termsOf } from './access.js';
import * as repo from './repository.js';
import type { ApplicationDetail, ApplicationRow, CreateBody, FileOut, FormBody, ListQuery } from './schema.js';

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

function rowOf(a: Omit<repo.ApplicationRecord, 'form' | 'terms' | 'contactName' | 'contactPhone' | 'region' | 'decisionDate' | 'decisionDocNo'>): ApplicationRow {
  return {
    id: a.id, districtCode: a.districtCode, districtName: a.districtName, platformId: a.platformId, name: a.name, type: a.type,
    state: a.state, stateLabel: applicationStateLabels[a.state], waitingOn: waitingOn(a.state),
    createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString(), submittedAt: iso(a.submittedAt),
  };
}

export async function listApplications(db: Db, ctx: RequestContext, q: ListQuery): Promise<Page<ApplicationRow>> {
  const r = await repo.listApplications(db, platformScope(ctx.actor), { state: q.state, limit: q.pageSize, offset: offsetOf(q) });
  return toPage(r, q, rowOf);
}

const fileOut = (f: repo.ApplicationFileRecord): FileOut => ({
  id: f.id, originalName: f.originalName, mimeType: f.mimeType, sizeBytes: f.sizeBytes, sha256: f.sha256, uploadedAt: f.uploadedAt.toISOString(), uploadedByName: f.uploadedByName,
});

/** The contact is personal data: those who handle the application see it; the platform's operator and the assessing experts do not. */
const seesContact = (ctx: RequestContext): boolean => ctx.actor.role !== 'operator' && ctx.actor.role !== 'expert';

export async function getApplication(db: Db, ctx: RequestContext, id: string): Promise<ApplicationDetail> {
  const a = await loadApplication(db, ctx, id);
  const [fileRows, opinions, history] = await Promise.all([repo.listApplicationFiles(db, a.id), repo.listOpinions(db, a.id), repo.listHistory(db, a.id)]);
  const form = formOf(a);
  const district = findDistrict(a.districtCode);
  const opinion = (kind: 'district_hrss' | 'district_gov') => {
    const o = opinions.find((x) => x.kind === kind);
    return o === undefined ? null : { id: o.id, opinion: o.opinion, opinionDate: o.opinionDate, signer: o.signer, sealFileId: o.sealFileId, createdAt: o.createdAt.toISOString(), createdByName: o.createdByName };
  };
  return {
    ...rowOf(a),
    region: a.region, art17: district !== undefined && isArt17District(district, cq2025.recognition.art17Regions),
    form,
    contactName: seesContact(ctx) ? a.contactName : null, contactPhone: seesContact(ctx) ? a.contactPhone : null,
    missingFields: missingFormFields(form, { contactName: a.contactName, contactPhone: a.contactPhone }),
    materials: materialKinds.map((kind) => ({ kind, number: materialKindNumbers[kind], label: materialKindLabels[kind], files: fileRows.filter((f) => f.purpose === kind).map(fileOut) })),
    missingMaterials: missingMaterialKinds(fileRows.flatMap((f) => (f.purpose === null ? [] : [f.purpose]))),
    seals: fileRows.filter((f) => f.purpose === 'opinion_seal').map(fileOut),
    opinions: { district_hrss: opinion('district_hrss'), district_gov: opinion('district_gov') },
    history: history.map((h) => ({ action: h.action, fromState: h.fromState, toState: h.toState, reason: h.reason, userName: h.userName, at: h.at.toISOString() })),
    terms: termsOf(a),
    allowedActions: actionsFor(a.state, ctx.actor.role),
    canEdit: ctx.actor.role === 'district_gov' && governmentMayEdit(a.state),
  };
}

/** The request's form as stored: empty values left out, money and area as exact decimal strings. */
export function formFromBody(b: FormBody): { form: ApplicationForm; contactName: string | null; contactPhone: string | null } {
  const { contactName, contactPhone, figures, siteAreaM2, investmentYuan, ...rest } = b;
  const form: ApplicationForm = { name: b.name, type: b.type };
  for (const [k, v] of Object.entries(rest)) if (v !== null && v !== undefined) Reflect.set(form, k, v);
  if (siteAreaM2 !== null && siteAreaM2 !== undefined) form.siteAreaM2 = String(siteAreaM2);
  if (investmentYuan !== null && investmentYuan !== undefined) form.investmentYuan = String(investmentYuan);
  if (figures !== undefined) {
    const f: ApplicationFigures = {};
    for (const [k, v] of Object.entries(figures)) if (v !== undefined) Reflect.set(f, k, typeof v === 'number' && k.endsWith('Yuan') ? String(v) : v);
    form.figures = f;
  }
  return { form, contactName: contactName ?? null, contactPhone: contactPhone ?? null };
}

const int = (v: ConditionFacts[keyof ConditionFacts]): number | undefined => (typeof v === 'number' || typeof v === 'string' ? Number(v) : undefined);
const money = (v: ConditionFacts[keyof ConditionFacts]): string | undefined => (typeof v === 'number' || typeof v === 'string' ? String(v) : undefined);

/**
 * 附表1 filled in from a district-level platform's registry record: its fields, sites and staff, and
 * last year's resident figures as the registry counts them (conditionFactsFor), so that they are derived, not typed.
 */
async function prefill(db: Db, p: PlatformRecord): Promise<FormBody> {
  const year = lastYear();
  const [stats, { facts }] = await Promise.all([platformStats(db, p.id), conditionFactsFor(db, p.id, year)]);
  const figures = p.type === 'specialized_market'
    ? { personTimesServed: int(facts.personTimesServed), humanCapitalYuan: money(facts.humanCapitalYuan) }
    : {
      managementStaff: stats.managementFullTime, operatingStaff: stats.operatingFullTime, hrEnterprises: int(facts.hrEnterprises),
      aboveScaleEnterprises: int(facts.aboveScaleEnterprises), revenueYuan: money(facts.revenueYuan), passThroughYuan: money(facts.passThroughYuan),
      ...(p.type === 'specialized_park' ? { hrRevenueYuan: money(facts.hrRevenueYuan) } : {}),
    };
  return {
    name: p.name, type: p.type, address: p.address, carrier: p.carrier, contactName: p.contactName, contactPhone: p.contactPhone,
    siteAreaM2: stats.siteCount > 0 ? stats.totalAreaM2 : null, siteCount: stats.siteCount > 0 ? stats.siteCount : null,
    operationMode: p.operationMode, teamSize: stats.managementFullTime + stats.operatingFullTime, services: p.services,
    orientation: p.orientation, servedField: p.servedField, dataYear: year,
    figures: Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined)),
  };
}

/** The platform moving up: a district-level platform of the government's own district, in good standing. */
async function platformMovingUp(db: Db, ctx: RequestContext, platformId: string): Promise<PlatformRecord> {
  const p = await findPlatform(db, platformScope(ctx.actor), platformId);
  if (!p) throw errors.invalid('platformId', '平台：不存在或不在本区县');
  if (p.level !== 'district' || p.status !== 'filed') throw errors.invalid('platformId', '平台：只有已备案的区县级平台可以申报市级平台，新平台请直接填写申请表');
  const open = await repo.findOpenForPlatform(db, p.id);
  if (open) throw openExists(p.name);
  return p;
}

const openExists = (name: string): AppError => new AppError('APPLICATION_OPEN', 409, `${name}已有未办结的认定申请，不能重复申请`, [{ field: 'platformId', message: '平台：已有未办结的认定申请' }]);
const isUniqueViolation = (e: unknown): boolean => typeof e === 'object' && e !== null && 'code' in e && e.code === '23505';

export async function createApplication(db: Db, ctx: RequestContext, body: CreateBody): Promise<ApplicationDetail> {
  const districtCode = ctx.actor.districtCode;
  if (districtCode === null) throw errors.forbidden('申报市级平台（账号未关联区县）');
  const { platformId, ...given } = body;
  const platform = platformId === undefined ? null : await platformMovingUp(db, ctx, platformId);
  const base = platform === null ? null : await prefill(db, platform);
  const name = given.name ?? base?.name;
  const type = platform?.type ?? given.type;
  if (name === undefined) throw errors.invalid('name', '平台名称：须填写');
  if (type === undefined) throw errors.invalid('type', '类型：须选择平台性质');
  const merged: FormBody = { ...base, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)), name, type };
  const { form, contactName, contactPhone } = formFromBody(merged);
  const { name: _n, type: _t, ...stored } = form;
  let id: string;
  try {
    id = await db.transaction(async (tx) => {
      const newId = await repo.insertApplication(tx, { districtCode, platformId: platform?.id ?? null, name, type, form: stored, contactName, contactPhone, createdBy: ctx.actor.userId });
      await repo.insertHistory(tx, { applicationId: newId, action: 'create', fromState: null, toState: 'draft', userId: ctx.actor.userId });
      await audit(tx, ctx, {
        action: 'recognition.application.create', entityType: 'recognition_application', entityId: newId,
        summary: { name, type, districtCode, platformId: platform?.id ?? null, prefilled: platform !== null, after: { ...stored, contactName: maskName(contactName), contactPhone: maskPhone(contactPhone) } },
      });
      return newId;
    });
  } catch (e) {
    // Two creations racing for one platform: the unique index lets one through.
    if (isUniqueViolation(e)) throw openExists(name);
    throw e;
  }
  return getApplication(db, ctx, id);
}

/** Replaces the form while the application is with the government. */
export async function updateApplication(db: Db, ctx: RequestContext, id: string, body: FormBody): Promise<ApplicationDetail> {
  const a = await loadApplication(db, ctx, id);
  if (!governmentMayEdit(a.state)) throw new AppError('APPLICATION_LOCKED', 409, `「${applicationStateLabels[a.state]}」状态下不能修改申请表`);
  if (a.platformId !== null && body.type !== a.type) throw errors.invalid('type', '类型：申报市级平台的区县级平台须保持原平台性质');
  const { form, contactName, contactPhone } = formFromBody(body);
  const { name, type, ...stored } = form;
  await db.transaction(async (tx) => {
    if (!(await repo.updateApplication(tx, a.id, a.state, { name, type, form: stored, contactName, contactPhone }))) throw errors.conflict('该认定申请已被他人处理，请刷新后重试');
    await audit(tx, ctx, {
      action: 'recognition.application.update', entityType: 'recognition_application', entityId: a.id,
      summary: { before: formOf(a), after: form, contactChanged: contactName !== a.contactName || contactPhone !== a.contactPhone },
    });
  });
  return getApplication(db, ctx, id);
}

/** Sends the application to the district HRSS bureau for its opinion: the form and all five kinds of material must be there. */
export async function sendToHrss(db: Db, ctx: RequestContext, id: string): Promise<ApplicationDetail> {
  const a = await loadApplication(db, ctx, id);
  const files = await repo.listApplicationFiles(db, a.id);
  const gaps = missingFormFields(formOf(a), { contactName: a.contactName, contactPhone: a.contactPhone });
  const missing = missingMaterialsMessage(files.flatMap((f) => (f.purpose === null ? [] : [f.purpose])));
  // The role and state refusals come first: a district unit pressing this is told it is not theirs, not what is missing.
  const check = checkApplicationAction('send_to_hrss', a.state, ctx.actor.role);
  if (check.ok && (gaps.length > 0 || missing !== null)) {
    const details = [...gaps, ...(missing === null ? [] : [{ field: 'materials', message: missing }])];
    throw new AppError('APPLICATION_INCOMPLETE', 400, `申请不完整，不能提交：${details.map((d) => d.message).join('；')}`, details);
  }
  await takeStep(db, ctx, a, 'send_to_hrss', {
    notice: { audience: districtAudience(a, ['district']), kind: 'recognition.application.sent', title: `${a.name}的市级平台认定申请待出具区县人社局意见` },
  });
  return getApplication(db, ctx, id);
}

export async function withdrawApplication(db: Db, ctx: RequestContext, id: string, reason: string): Promise<ApplicationDetail> {
  const a = await loadApplication(db, ctx, id);
  await takeStep(db, ctx, a, 'withdraw', { reason });
  return getApplication(db, ctx, id);
}
