/**
 * The experts' assessment of an application (Art 14 (二)), in the annual review's shapes: the bureau
 * assigns experts (the first assignment starts the assessment), refusing one with a stake in the
 * application; each expert verifies the five kinds of material, records the site visit with photos
 * and private notes, and submits an opinion on necessity and feasibility with a recommendation — or
 * declines with a reason. The bureau reads the submitted opinions side by side.
 */
import { Readable } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import {
  proposeRefusal, recommendationLabels, submitProblems, verificationResults, type ExpertWork, type Verification,
} from '../../domain/recognition/expert-review.js';
import { materialKindLabels, materialKindNumbers, materialKinds } from '../../domain/recognition/materials.js';
import { applicationStateLabels, expertsMayWork } from '../../domain/recognition/workflow.js';
import { audit } from '../audit/audit.js';
import type { RequestContext } from '../context.js';
import { AppError, errors } from '../errors.js';
import { findCandidate, operatorOrgOf } from '../evaluations/3-expert-review/repository.js';
import { assignmentStatusLabels, siteVisit as siteVisitSchema } from '../evaluations/3-expert-review/schema.js';
import { assertAssignable, type Stake } from '../experts/conflict.js';
import * as filesRepo from '../files/repository.js';
import { notify } from '../notifications/service.js';
import { loadApplication, refusal, takeStep } from './access.js';
import { receiveUpload, storeUpload } from './materials.js';
import * as repo from './repository.js';
import type { AssignmentOut, ExpertReviewOut, OwnAssignment, PhotoOut, SaveReviewInput } from './review-schema.js';

const storedVerifications = z.partialRecord(z.enum(materialKinds), z.object({ result: z.enum(verificationResults), note: z.string().nullable().optional() }));

function verificationsOf(v: unknown): ExpertWork['verifications'] {
  const r = storedVerifications.safeParse(v);
  return r.success ? r.data : {};
}

function workOf(a: repo.AssignmentRecord): ExpertWork {
  return { verifications: verificationsOf(a.verifications), siteVisit: a.siteVisit, necessity: a.necessity, feasibility: a.feasibility, recommendation: a.recommendation };
}

type PhotoRecord = Awaited<ReturnType<typeof repo.listPhotos>>[number];
const photoOut = (f: PhotoRecord): PhotoOut => ({ id: f.id, originalName: f.originalName, mimeType: f.mimeType, sizeBytes: f.sizeBytes, uploadedAt: f.uploadedAt.toISOString() });

/** An assignment as others see it: never the private notes, and the work only once submitted (a draft is the expert's own). */
function assignmentOut(a: repo.AssignmentRecord, photos: readonly PhotoRecord[], showWork: boolean): AssignmentOut {
  const visit = siteVisitSchema.safeParse(a.siteVisit);
  const verifications = verificationsOf(a.verifications);
  return {
    id: a.id, expertUserId: a.expertUserId, expertName: a.expertName, status: a.status, statusLabel: assignmentStatusLabels[a.status], declineReason: a.declineReason,
    verifications: showWork ? Object.fromEntries(Object.entries(verifications).map(([k, v]) => [k, { result: v.result, note: v.note ?? null }])) : {},
    siteVisit: showWork && visit.success ? visit.data : null,
    photos: showWork ? photos.filter((p) => p.ownerId === a.id).map(photoOut) : [],
    necessity: showWork ? a.necessity : null, feasibility: showWork ? a.feasibility : null,
    recommendation: showWork ? a.recommendation : null, recommendationLabel: showWork && a.recommendation !== null ? recommendationLabels[a.recommendation] : null,
    assignedAt: a.assignedAt.toISOString(), submittedAt: a.submittedAt?.toISOString() ?? null,
  };
}

const working = (all: readonly repo.AssignmentRecord[]) => all.filter((a) => a.status === 'assigned');

/** Whether the application may be proposed for publicity now, as a Chinese refusal, or null. */
export function proposeRefusalOf(all: readonly repo.AssignmentRecord[]): string | null {
  const tally = { assigned: working(all).length, declined: all.filter((a) => a.status === 'declined').length, submitted: all.filter((a) => a.status === 'submitted').length };
  return proposeRefusal(tally, working(all).map((a) => a.expertName));
}

// ——— The bureau ———

export async function getExpertReview(db: Db, ctx: RequestContext, id: string): Promise<ExpertReviewOut> {
  const a = await loadApplication(db, ctx, id);
  const all = await repo.listAssignments(db, a.id);
  const submitted = all.filter((x) => x.status === 'submitted');
  const photos = await repo.listPhotos(db, submitted.map((x) => x.id));
  // In the 筹建 acceptance the same opinions decide the acceptance's result (Art 15).
  const refused = a.state === 'under_expert_review' || a.state === 'acceptance_review' ? proposeRefusalOf(all) : `「${applicationStateLabels[a.state]}」状态下不能确定为拟认定平台`;
  return {
    applicationId: a.id, state: a.state,
    tally: { assigned: working(all).length, declined: all.filter((x) => x.status === 'declined').length, submitted: submitted.length },
    experts: all.map((x) => assignmentOut(x, photos, x.status === 'submitted')),
    materials: materialKinds.map((kind) => ({
      kind, number: materialKindNumbers[kind], label: materialKindLabels[kind],
      verdicts: submitted.flatMap((x) => {
        const v: Verification | undefined = verificationsOf(x.verifications)[kind];
        return v === undefined ? [] : [{ assignmentId: x.id, expertName: x.expertName, result: v.result, note: v.note ?? null }];
      }),
    })),
    canAssign: a.state === 'submitted' || expertsMayWork(a.state),
    canPropose: refused === null, proposeRefusal: refused,
  };
}

/** The organizations with a stake in the application: the platform's operator (a registered platform) and the applicant district's government and HRSS bureau. */
async function stakesOf(db: Executor, a: repo.ApplicationRecord): Promise<Stake[]> {
  const operator = a.platformId === null ? null : await operatorOrgOf(db, a.platformId);
  const applicant = await repo.applicantOrgIds(db, a.districtCode);
  return [
    ...(operator === null ? [] : [{ orgId: operator, what: '该平台的运营机构' }]),
    ...applicant.map((orgId) => ({ orgId, what: `申报地区（${a.districtName}）的区县政府或人力社保部门` })),
  ];
}

/** Assigns an expert; the first assignment of a submitted application starts the assessment in the same transaction. */
export async function assignExpert(db: Db, ctx: RequestContext, id: string, expertUserId: string): Promise<ExpertReviewOut> {
  const a = await loadApplication(db, ctx, id);
  const starts = a.state === 'submitted';
  if (!starts && !expertsMayWork(a.state)) throw refusal('NOT_ALLOWED', `「${applicationStateLabels[a.state]}」状态下不能分配评估专家`);
  const acceptance = a.state === 'acceptance_review';
  const u = assertAssignable(await findCandidate(db, expertUserId), await stakesOf(db, a));
  const existing = (await repo.listAssignments(db, a.id)).find((x) => x.expertUserId === u.id);
  if (existing) throw errors.conflict(existing.status === 'declined' ? `${u.displayName}已申请回避该申请，不能再次分配` : `${u.displayName}已分配评估该申请`);
  const writes = async (tx: Executor): Promise<void> => {
    const newId = await repo.insertAssignment(tx, a.id, u.id, ctx.actor.userId);
    await audit(tx, ctx, {
      action: 'recognition.expert.assign', entityType: 'recognition_expert_assignment', entityId: newId,
      summary: { applicationId: a.id, name: a.name, expertUserId: u.id, expertName: u.displayName, ...(acceptance ? { round: '筹建验收' } : {}) },
    });
    await notify(tx, { kind: 'users', userIds: [u.id] }, {
      kind: 'recognition.expert.assigned',
      ...(acceptance
        ? { title: `请对${a.name}进行筹建验收评估`, body: '请核验筹建验收材料、实地考察，并出具验收评估意见' }
        : { title: `请评估${a.name}的市级平台认定申请`, body: '请核验申报材料、实地考察，并出具必要性、可行性评估意见' }),
      target: { applicationId: a.id }, data: { applicationId: a.id },
    });
  };
  if (starts) await takeStep(db, ctx, a, 'start_expert_review', { summary: { firstExpert: u.id }, also: writes });
  else await db.transaction(writes);
  return getExpertReview(db, ctx, id);
}

/** Withdraws an assignment the expert has not submitted; the expert loses the application with it. */
export async function unassignExpert(db: Db, ctx: RequestContext, id: string, assignmentId: string): Promise<ExpertReviewOut> {
  const a = await loadApplication(db, ctx, id);
  const x = await repo.findAssignment(db, a.id, assignmentId);
  if (!x) throw errors.notFound('专家分配');
  if (x.status === 'submitted') throw errors.conflict('该专家已提交评估意见，不能撤销分配');
  if (!expertsMayWork(a.state)) throw refusal('NOT_ALLOWED', `「${applicationStateLabels[a.state]}」状态下不能撤销专家分配`);
  await db.transaction(async (tx) => {
    if (!(await repo.deleteAssignment(tx, x.id))) throw errors.conflict('该专家已提交评估意见，不能撤销分配');
    await audit(tx, ctx, {
      action: 'recognition.expert.unassign', entityType: 'recognition_expert_assignment', entityId: x.id,
      summary: { applicationId: a.id, expertUserId: x.expertUserId, status: x.status },
    });
  });
  return getExpertReview(db, ctx, id);
}

// ——— The expert ———

async function loadOwn(db: Db, ctx: RequestContext, id: string) {
  const a = await loadApplication(db, ctx, id);
  const own = await repo.findOwnAssignment(db, a.id, ctx.actor.userId);
  if (!own) throw errors.notFound('评估任务');
  return { a, own };
}

export async function getOwnAssignment(db: Db, ctx: RequestContext, id: string): Promise<OwnAssignment> {
  const { a, own } = await loadOwn(db, ctx, id);
  const photos = await repo.listPhotos(db, [own.id]);
  return {
    ...assignmentOut(own, photos, true), privateNotes: own.privateNotes,
    canWork: own.status === 'assigned' && expertsMayWork(a.state), missing: submitProblems(workOf(own)),
  };
}

function assertWorking(a: repo.ApplicationRecord, own: repo.AssignmentRecord, what: string): void {
  if (own.status !== 'assigned') throw refusal('NOT_ALLOWED', own.status === 'submitted' ? `评估意见已提交，不能${what}` : `已回避该申请，不能${what}`);
  if (!expertsMayWork(a.state)) throw refusal('NOT_ALLOWED', `「${applicationStateLabels[a.state]}」状态下不能${what}`);
}

const blankToNull = (s: string | null | undefined): string | null | undefined => (s === undefined ? undefined : s === null || s.trim() === '' ? null : s);

/** Saves the draft; the audit row says which parts changed, never what the private notes say. */
export async function saveOwnAssignment(db: Db, ctx: RequestContext, id: string, input: SaveReviewInput): Promise<OwnAssignment> {
  const { a, own } = await loadOwn(db, ctx, id);
  assertWorking(a, own, '修改评估意见');
  const privateNotes = blankToNull(input.privateNotes);
  const set = {
    ...(input.verifications === undefined ? {} : { verifications: input.verifications }),
    ...(input.siteVisit === undefined ? {} : { siteVisit: input.siteVisit }),
    ...(privateNotes === undefined ? {} : { privateNotes }),
    ...(input.necessity === undefined ? {} : { necessity: input.necessity }),
    ...(input.feasibility === undefined ? {} : { feasibility: input.feasibility }),
    ...(input.recommendation === undefined ? {} : { recommendation: input.recommendation }),
  };
  await db.transaction(async (tx) => {
    if (!(await repo.saveAssignment(tx, own.id, set))) throw errors.conflict('该评估任务已提交或已回避，请刷新后重试');
    await audit(tx, ctx, {
      action: 'recognition.expert.save', entityType: 'recognition_expert_assignment', entityId: own.id,
      summary: { applicationId: a.id, parts: Object.keys(set), ...(input.recommendation === undefined ? {} : { recommendation: input.recommendation }) },
    });
  });
  return getOwnAssignment(db, ctx, id);
}

/** Declines (a conflict of interest or another reason); the bureau is told so that it can assign another expert. */
export async function declineOwnAssignment(db: Db, ctx: RequestContext, id: string, reason: string): Promise<{ declined: true }> {
  const { a, own } = await loadOwn(db, ctx, id);
  if (own.status !== 'assigned') throw refusal('NOT_ALLOWED', '评估意见已提交，不能再申请回避');
  await db.transaction(async (tx) => {
    if (!(await repo.closeAssignment(tx, own.id, 'declined', reason))) throw errors.conflict('该评估任务已提交或已回避，请刷新后重试');
    await audit(tx, ctx, { action: 'recognition.expert.decline', entityType: 'recognition_expert_assignment', entityId: own.id, summary: { applicationId: a.id, reason } });
    await notify(tx, { kind: 'roles', roles: ['bureau'] }, {
      kind: 'recognition.expert.declined', title: `${own.expertName}申请回避${a.name}认定申请的评估，请另行分配专家`, body: `回避理由：${reason}`,
      target: { applicationId: a.id }, data: { applicationId: a.id },
    });
  });
  return { declined: true };
}

/** Submits the opinion: every kind of material verified, the site visit recorded, both opinions and the recommendation given. */
export async function submitOwnAssignment(db: Db, ctx: RequestContext, id: string): Promise<OwnAssignment> {
  const { a, own } = await loadOwn(db, ctx, id);
  assertWorking(a, own, '提交评估意见');
  const problems = submitProblems(workOf(own));
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', 400, problems.map((p) => p.message).join('；'), problems);
  await db.transaction(async (tx) => {
    if (!(await repo.closeAssignment(tx, own.id, 'submitted'))) throw errors.conflict('该评估任务已提交或已回避，请刷新后重试');
    await audit(tx, ctx, {
      action: 'recognition.expert.submit', entityType: 'recognition_expert_assignment', entityId: own.id,
      summary: { applicationId: a.id, recommendation: own.recommendation, problems: Object.entries(verificationsOf(own.verifications)).filter(([, v]) => v.result === 'problem').map(([k]) => k) },
    });
    await notify(tx, { kind: 'roles', roles: ['bureau'] }, {
      kind: 'recognition.expert.submitted', title: `${own.expertName}已提交${a.name}认定申请的评估意见`,
      body: own.recommendation === null ? undefined : `评估结论：${recommendationLabels[own.recommendation]}`,
      target: { applicationId: a.id }, data: { applicationId: a.id },
    });
  });
  return getOwnAssignment(db, ctx, id);
}

// ——— Site visit photos ———

export async function uploadPhoto(db: Db, ctx: RequestContext, id: string, maxBytes: number, part: MultipartFile): Promise<PhotoOut> {
  const { a, own } = await loadOwn(db, ctx, id);
  try {
    assertWorking(a, own, '上传实地考察照片');
  } catch (e) {
    part.file.resume();
    throw e;
  }
  const u = await receiveUpload(part, maxBytes);
  if (!u.mime.startsWith('image/')) throw new AppError('FILE_TYPE_REFUSED', 400, '实地考察照片：须为图片（JPG、PNG）', [{ field: 'file', message: '实地考察照片：须为图片（JPG、PNG）' }]);
  const fileId = await db.transaction(async (tx) => {
    const newId = await storeUpload(tx, u, { ownerType: repo.SITE_PHOTO_OWNER, ownerId: own.id, purpose: 'site_photo' }, ctx.actor.userId);
    await audit(tx, ctx, {
      action: 'recognition.expert.photo_upload', entityType: 'recognition_expert_assignment', entityId: own.id,
      summary: { applicationId: a.id, fileId: newId, filename: u.originalName, sizeBytes: u.size, sm3: u.sm3 },
    });
    return newId;
  });
  const f = await repo.findPhoto(db, [own.id], fileId);
  if (!f) throw new Error('uploaded photo not found');
  return photoOut(f);
}

export async function deletePhoto(db: Db, ctx: RequestContext, id: string, fileId: string): Promise<void> {
  const { a, own } = await loadOwn(db, ctx, id);
  const f = await repo.findPhoto(db, [own.id], fileId);
  if (!f) throw errors.notFound('实地考察照片');
  assertWorking(a, own, '删除实地考察照片');
  await db.transaction(async (tx) => {
    await filesRepo.deleteFile(tx, f.id);
    await audit(tx, ctx, { action: 'recognition.expert.photo_delete', entityType: 'recognition_expert_assignment', entityId: own.id, summary: { applicationId: a.id, fileId: f.id, filename: f.originalName } });
  });
}

/** The expert reads its own photos; the bureau those of submitted opinions. */
export async function openPhoto(db: Db, ctx: RequestContext, id: string, fileId: string): Promise<{ file: PhotoOut; stream: Readable }> {
  const a = await loadApplication(db, ctx, id);
  const owners = ctx.actor.role === 'expert'
    ? [(await repo.findOwnAssignment(db, a.id, ctx.actor.userId))?.id].filter((x): x is string => x !== undefined)
    : (await repo.listAssignments(db, a.id)).filter((x) => x.status === 'submitted').map((x) => x.id);
  const f = await repo.findPhoto(db, owners, fileId);
  if (!f) throw errors.notFound('实地考察照片');
  if (f.sm3 === null) throw new AppError('FILE_CONTENT_MISSING', 404, '附件内容缺失，请重新上传');
  return { file: photoOut(f), stream: Readable.from(filesRepo.readContent(db, f.id)) };
}
