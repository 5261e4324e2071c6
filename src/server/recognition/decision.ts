/**
 * The decision on an application (Art 14 (三) (四)): the bureau proposes it for publicity once the
 * experts have given their opinions, posts the notice (at least five days, RULES.md §6), records the
 * objections and their resolution, and then recognizes it — not before the period has ended nor
 * while an objection is open — creating the registry record of a new platform or promoting the
 * district-level one, with the application's Art 17 terms; or, an objection upheld, does not.
 */
import type { Db, Executor } from '../../db/client.js';
import { checkEntry, checkRecognitionTransition } from '../../domain/platforms/lifecycle.js';
import { docNoRefusal, normalizeDocNo } from '../../domain/platforms/doc-number.js';
import { dayCountingLabels, noticePeriod, objectionOutcomeLabels, objectionStatusLabels } from '../../domain/publicity/notice.js';
import { isOpenObjection } from '../../domain/publicity/objection.js';
import { applicationStateLabels } from '../../domain/recognition/workflow.js';
import { audit } from '../audit/audit.js';
import { loadWorkCalendar } from '../calendar/service.js';
import { todayIso } from '../clock.js';
import type { RequestContext } from '../context.js';
import { AppError, errors } from '../errors.js';
import { maskName, maskPhone } from '../pagination.js';
import * as platformsRepo from '../platforms/repository.js';
import { applyStatusChange } from '../platforms/status.js';
import * as publicity from '../publicity/service.js';
import * as publicityRepo from '../publicity/repository.js';
import { assertAction, districtAudience, formOf, loadApplication, refusal, takeStep, termsOf } from './access.js';
import { getApplication } from './application.js';
import { proposeRefusalOf } from './experts.js';
import * as repo from './repository.js';
import type { ApplicationDetail } from './schema.js';
import type { ObjectionInput, PublicityInput, PublicityOut, RecognizeInput, ResolveInput } from './review-schema.js';
import { art } from '../../domain/measures.js';

const subjectOf = (a: repo.ApplicationRecord): publicity.Subject => ({ type: 'recognition_application', id: a.id });
const RECOGNITION_BASIS = `经区县政府申报、专家评估、公示无异议，由市人力社保局认定（${art(14)}）`;

/** Proposes the application for publicity: at least one submitted opinion and no expert still working; the bureau's note is the step's reason. */
export async function propose(db: Db, ctx: RequestContext, id: string, note: string): Promise<ApplicationDetail> {
  const a = await loadApplication(db, ctx, id);
  assertAction(ctx, a, 'propose', note);
  const refused = proposeRefusalOf(await repo.listAssignments(db, a.id));
  if (refused !== null) throw refusal('NOT_ALLOWED', refused);
  await takeStep(db, ctx, a, 'propose', { reason: note });
  return getApplication(db, ctx, id);
}

/** Posts the notice: the period computed and stored, the application 公示中, the district told. */
export async function postPublicity(db: Db, ctx: RequestContext, id: string, input: PublicityInput): Promise<PublicityOut> {
  const a = await loadApplication(db, ctx, id);
  assertAction(ctx, a, 'post_publicity');
  if (input.postedOn > todayIso()) throw errors.invalid('postedOn', '公示发布日期：不能晚于今天（请在发布当日或之后登记）');
  const period = noticePeriod(input.postedOn, input.days, input.counting ?? 'calendar_days', await loadWorkCalendar(db));
  const lastDay = period.ok ? period.value.lastDay : '';
  await takeStep(db, ctx, a, 'post_publicity', {
    summary: { postedOn: input.postedOn, days: input.days, counting: input.counting ?? 'calendar_days', lastDay },
    also: async (tx) => {
      await publicity.postNotice(tx, ctx, 'recognition_application', [{ id: a.id, title: a.name, detail: '拟认定为市级平台' }], {
        ...input, title: input.title ?? `关于拟认定${a.name}为重庆市市级人力资源服务发展平台的公示`,
      });
    },
    notice: {
      audience: districtAudience(a, ['district_gov', 'district']), kind: 'recognition.application.in_publicity',
      title: `${a.name}已列入拟认定市级平台名单并公示`, body: `公示期 ${input.postedOn} 发布，至 ${lastDay} 届满`,
    },
  });
  return getPublicity(db, ctx, id);
}

export async function getPublicity(db: Db, ctx: RequestContext, id: string): Promise<PublicityOut> {
  const a = await loadApplication(db, ctx, id);
  const n = await publicityRepo.latestNotice(db, 'recognition_application', a.id);
  const all = n === null ? [] : await publicityRepo.listObjections(db, n.itemId);
  // Objections are the bureau's only: the district and the government see the gate's reasons, not the objections.
  const objections = ctx.actor.role === 'admin' || ctx.actor.role === 'bureau' ? all : [];
  const gate = a.state !== 'in_publicity' || n === null
    ? { allowed: false, reasons: [`「${applicationStateLabels[a.state]}」状态下不能作出认定`] }
    : await publicity.gateOf(db, n, todayIso());
  const upheld = all.filter((o) => o.outcome === 'upheld').length;
  return {
    applicationId: a.id, state: a.state,
    notice: n === null ? null : {
      id: n.id, title: n.title, body: n.body, postedOn: n.postedOn, days: n.days, counting: n.counting, countingLabel: dayCountingLabels[n.counting],
      firstDay: n.firstDay, lastDay: n.lastDay, decisionFrom: n.decisionFrom, postedByName: n.postedByName,
    },
    objections: objections.map((o) => ({
      id: o.id, receivedOn: o.receivedOn, summary: o.summary, status: o.status, statusLabel: objectionStatusLabels[o.status],
      outcome: o.outcome, outcomeLabel: o.outcome === null ? null : objectionOutcomeLabels[o.outcome], resolution: o.resolution, resolvedOn: o.resolvedOn,
    })),
    openObjections: all.filter((o) => isOpenObjection(o.status)).length, upheldObjections: upheld,
    recognition: upheld > 0 && gate.allowed ? { allowed: false, reasons: ['有异议经核实成立，不能认定'] } : { allowed: gate.allowed, reasons: [...gate.reasons] },
    decision: a.decisionDate === null || a.decisionDocNo === null ? null : { decisionDate: a.decisionDate, docNo: a.decisionDocNo },
  };
}

async function noticeInPublicity(db: Db, ctx: RequestContext, id: string, what: string) {
  const a = await loadApplication(db, ctx, id);
  if (a.state !== 'in_publicity') throw refusal('NOT_ALLOWED', `「${applicationStateLabels[a.state]}」状态下不能${what}`);
  return { a, notice: await publicity.currentNotice(db, subjectOf(a)) };
}

export async function addObjection(db: Db, ctx: RequestContext, id: string, input: ObjectionInput): Promise<PublicityOut> {
  const { notice } = await noticeInPublicity(db, ctx, id, '登记异议');
  await publicity.addObjection(db, ctx, notice, input, todayIso());
  return getPublicity(db, ctx, id);
}

export async function resolveObjection(db: Db, ctx: RequestContext, id: string, objectionId: string, input: ResolveInput): Promise<PublicityOut> {
  const { notice } = await noticeInPublicity(db, ctx, id, '处理异议');
  await publicity.resolveObjection(db, ctx, notice, objectionId, { ...input, resolvedOn: input.resolvedOn ?? todayIso() }, todayIso());
  return getPublicity(db, ctx, id);
}

/** The document number and date of the decision, refused with the field named. */
function checkDecision(input: RecognizeInput): { docNo: string; decisionDate: string } {
  const today = todayIso();
  const problem = docNoRefusal(input.docNo, 'municipal', Number(today.slice(0, 4)));
  if (problem !== null) throw errors.invalid('docNo', problem);
  if (input.decisionDate > today) throw errors.invalid('decisionDate', '认定日期：不能晚于今天');
  return { docNo: normalizeDocNo(input.docNo), decisionDate: input.decisionDate };
}

/** A new platform's registry record, from 附表1, entered by the entry table's `recognition` kind. */
async function createRecognized(tx: Executor, ctx: RequestContext, a: repo.ApplicationRecord, d: { docNo: string; decisionDate: string }, meaning: string): Promise<string> {
  const form = formOf(a);
  const row = {
    name: form.name, level: 'municipal' as const, type: form.type, districtCode: a.districtCode, address: form.address ?? null,
    carrier: form.carrier ?? 'offline', servedField: form.servedField ?? null, orientation: form.orientation ?? null, operationMode: form.operationMode ?? 'self',
    services: form.services ?? [], contactName: a.contactName, contactPhone: a.contactPhone, recognizedAt: d.decisionDate, recognitionDocNo: d.docNo,
    recognitionBasis: RECOGNITION_BASIS, recognitionTerms: termsOf(a), status: 'recognized' as const, origin: 'registered' as const,
  };
  const platformId = await platformsRepo.insertPlatform(tx, row);
  await platformsRepo.insertStatusHistory(tx, { platformId, fromStatus: null, toStatus: 'recognized', reason: `${meaning}：${d.docNo}`, effectiveDate: d.decisionDate, userId: ctx.actor.userId });
  await audit(tx, ctx, {
    action: 'platform.create', entityType: 'platform', entityId: platformId,
    summary: { applicationId: a.id, meaning, after: { ...row, contactName: maskName(row.contactName), contactPhone: maskPhone(row.contactPhone) } },
  });
  return platformId;
}

/**
 * Recognizes the application (Art 14 (四)): refused before the publicity's end, while an objection is
 * open, or with one upheld; the registry record is created (new platform) or promoted through the
 * lifecycle tables, carries the Art 17 terms, and is linked to the application.
 */
export async function recognize(db: Db, ctx: RequestContext, id: string, input: RecognizeInput): Promise<ApplicationDetail> {
  const a = await loadApplication(db, ctx, id);
  assertAction(ctx, a, 'recognize');
  const d = checkDecision(input);
  const notice = await publicity.currentNotice(db, subjectOf(a));
  const gate = await publicity.gateOf(db, notice, d.decisionDate);
  const reasons = [...gate.reasons];
  if ((await publicityRepo.countObjections(db, notice.itemId, { outcome: 'upheld' })) > 0) reasons.push('有异议经核实成立，不能认定，请办理「经公示异议成立，不予认定」');
  if (reasons.length > 0) throw new AppError('RECOGNITION_REFUSED', 409, `不能认定：${reasons.join('；')}`);

  const existing = a.platformId === null ? null : await platformsRepo.findPlatform(db, { kind: 'all' }, a.platformId);
  const check = existing === null ? checkEntry('recognition', 'municipal', 'recognized', ctx.actor.role) : checkRecognitionTransition(existing.level, existing.status, ctx.actor.role);
  if (!check.ok) throw new AppError('RECOGNITION_REFUSED', 409, check.message);
  const summary: Record<string, unknown> = { decisionDate: d.decisionDate, docNo: d.docNo, terms: termsOf(a) };
  await takeStep(db, ctx, a, 'recognize', {
    set: { decisionDate: d.decisionDate, decisionDocNo: d.docNo },
    summary,
    also: async (tx) => {
      let platformId: string;
      if (existing === null) {
        platformId = await createRecognized(tx, ctx, a, d, check.meaning);
        await repo.linkPlatform(tx, a.id, platformId);
      } else {
        platformId = existing.id;
        await applyStatusChange(tx, ctx, existing, { to: 'recognized', reason: `依${d.docNo}认定为市级平台`, effectiveDate: d.decisionDate }, check.meaning, { applicationId: a.id });
        await platformsRepo.updatePlatform(tx, existing.id, { recognizedAt: d.decisionDate, recognitionDocNo: d.docNo, recognitionBasis: RECOGNITION_BASIS, recognitionTerms: termsOf(a) });
      }
      summary.platformId = platformId;
      summary.created = existing === null;
    },
    notice: {
      audience: districtAudience(a, ['district_gov', 'district']), kind: 'recognition.application.recognized',
      title: `${a.name}经公示无异议，已认定为市级平台`, body: `认定文号：${d.docNo}，认定日期：${d.decisionDate}`,
    },
  });
  return getApplication(db, ctx, id);
}

/** Not recognized after an objection was upheld (Art 14 (四) read the other way): the application closes as 不予认定. */
export async function notRecognize(db: Db, ctx: RequestContext, id: string, reason: string): Promise<ApplicationDetail> {
  const a = await loadApplication(db, ctx, id);
  assertAction(ctx, a, 'not_recognize', reason);
  const notice = await publicity.currentNotice(db, subjectOf(a));
  if ((await publicityRepo.countObjections(db, notice.itemId, { outcome: 'upheld' })) === 0) {
    throw refusal('NOT_ALLOWED', '只有公示期间的异议经核实成立的，才能作出不予认定；请先登记并处理异议');
  }
  await takeStep(db, ctx, a, 'not_recognize', {
    reason,
    notice: { audience: districtAudience(a, ['district_gov', 'district']), kind: 'recognition.application.rejected', title: `${a.name}经公示异议成立，不予认定`, body: reason },
  });
  return getApplication(db, ctx, id);
}
