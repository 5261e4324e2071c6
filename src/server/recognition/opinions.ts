/**
 * The two opinions on 附表1 (Art 14 (一)): the district HRSS bureau first (or it returns the
 * application to the government with a reason), then the district government, whose opinion
 * sends the application to the bureau. Each opinion has its text, date, signer and optionally the
 * scan of its seal, a file uploaded to the application at that step.
 */
import type { Db } from '../../db/client.js';
import { missingMaterialsMessage } from '../../domain/recognition/materials.js';
import type { OpinionKind } from '../../domain/recognition/workflow.js';
import type { RequestContext } from '../context.js';
import { AppError, errors } from '../errors.js';
import { districtAudience, loadApplication, takeStep } from './access.js';
import { getApplication } from './application.js';
import * as repo from './repository.js';
import type { ApplicationDetail, OpinionBody } from './schema.js';

/** The seal must be a seal scan of this application uploaded by the opinion's side (not a material, not the other side's seal). */
async function sealOf(db: Db, applicationId: string, body: OpinionBody, ctx: RequestContext): Promise<string | null> {
  if (body.sealFileId === undefined || body.sealFileId === null) return null;
  const f = await repo.findApplicationFile(db, applicationId, body.sealFileId);
  if (!f || f.purpose !== 'opinion_seal' || f.uploadedByRole !== ctx.actor.role) throw errors.invalid('sealFileId', '盖章件：须为本单位为本申请上传的意见盖章件');
  return f.id;
}

const opinionRow = (applicationId: string, kind: OpinionKind, body: OpinionBody, sealFileId: string | null, userId: string) => ({
  applicationId, kind, text: body.opinion, opinionDate: body.opinionDate, signer: body.signer, sealFileId, createdBy: userId,
});

export async function giveHrssOpinion(db: Db, ctx: RequestContext, id: string, body: OpinionBody): Promise<ApplicationDetail> {
  const a = await loadApplication(db, ctx, id);
  const sealFileId = await sealOf(db, a.id, body, ctx);
  await takeStep(db, ctx, a, 'hrss_opinion', {
    summary: { opinion: body.opinion, opinionDate: body.opinionDate, signer: body.signer, sealFileId },
    also: async (tx) => repo.insertOpinion(tx, opinionRow(a.id, 'district_hrss', body, sealFileId, ctx.actor.userId)),
    notice: { audience: districtAudience(a, ['district_gov']), kind: 'recognition.application.hrss_opinion', title: `区县人社局已对${a.name}的认定申请出具意见，请出具区县政府意见并报送市局`, body: body.opinion },
  });
  return getApplication(db, ctx, id);
}

export async function hrssReturn(db: Db, ctx: RequestContext, id: string, reason: string): Promise<ApplicationDetail> {
  const a = await loadApplication(db, ctx, id);
  await takeStep(db, ctx, a, 'hrss_return', {
    reason,
    notice: { audience: districtAudience(a, ['district_gov']), kind: 'recognition.application.returned_to_gov', title: `${a.name}的认定申请被区县人社局退回修改`, body: reason },
  });
  return getApplication(db, ctx, id);
}

/** The government's opinion sends the application to the bureau; the materials are checked once more (a file may have gone meanwhile). */
export async function govSubmit(db: Db, ctx: RequestContext, id: string, body: OpinionBody): Promise<ApplicationDetail> {
  const a = await loadApplication(db, ctx, id);
  const missing = missingMaterialsMessage((await repo.listApplicationFiles(db, a.id)).flatMap((f) => (f.purpose === null ? [] : [f.purpose])));
  if (missing !== null && a.state === 'gov_opinion') throw new AppError('APPLICATION_INCOMPLETE', 400, missing, [{ field: 'materials', message: missing }]);
  const sealFileId = await sealOf(db, a.id, body, ctx);
  await takeStep(db, ctx, a, 'gov_submit', {
    set: { submittedAt: new Date() },
    summary: { opinion: body.opinion, opinionDate: body.opinionDate, signer: body.signer, sealFileId },
    also: async (tx) => repo.insertOpinion(tx, opinionRow(a.id, 'district_gov', body, sealFileId, ctx.actor.userId)),
    notice: { audience: { kind: 'roles', roles: ['bureau'] }, kind: 'recognition.application.submitted', title: `${a.districtName}人民政府报送${a.name}的市级平台认定申请` },
  });
  return getApplication(db, ctx, id);
}
