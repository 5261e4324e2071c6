/**
 * The enterprise directory of an application (入驻企业名录, material 4 of Art 14 (一)), read with the
 * registry's import (same template, same row checks, same gate) so that the resident figures of
 * the conditions are derived from it, not typed: the file is kept as the application's material and
 * the counts and revenues replace those of the form, in one transaction.
 */
import crypto from 'node:crypto';
import type { MultipartFile } from '@fastify/multipart';
import type { Db } from '../../db/client.js';
import { figuresFromDirectory } from '../../domain/recognition/directory.js';
import { applicationStateLabels, governmentMayEdit } from '../../domain/recognition/workflow.js';
import { audit } from '../audit/audit.js';
import type { RequestContext } from '../context.js';
import { AppError, errors } from '../errors.js';
import { detectContent } from '../files/content.js';
import * as filesRepo from '../files/repository.js';
import { inImportGate, readValidDirectory } from '../imports/service.js';
import { partBuffer } from '../multipart.js';
import { sm3 } from '../crypto/gm.js';
import { formOf, loadApplication } from './access.js';
import { getApplication } from './application.js';
import * as repo from './repository.js';
import type { ApplicationDetail } from './schema.js';
import { art } from '../../domain/measures.js';

export async function uploadDirectory(db: Db, ctx: RequestContext, id: string, maxBytes: number, part: MultipartFile): Promise<ApplicationDetail> {
  const a = await loadApplication(db, ctx, id);
  const refuse = (e: AppError): never => {
    part.file.resume();
    throw e;
  };
  if (ctx.actor.role !== 'district_gov') refuse(errors.forbidden('上传入驻企业名录'));
  if (!governmentMayEdit(a.state)) refuse(new AppError('APPLICATION_LOCKED', 409, `「${applicationStateLabels[a.state]}」状态下不能增删申报材料`));
  const form = formOf(a);
  if (form.type === 'specialized_market') refuse(errors.invalid('file', `入驻企业名录：专业性行业性市场的认定条件（${art(13)}）不计入驻企业，请作为其他证明材料上传`));
  const year = form.dataYear;
  if (year === undefined) return refuse(errors.invalid('dataYear', '数据年度（上年度）：上传入驻企业名录前须先填写数据年度'));
  const content = await partBuffer(part, maxBytes);
  const detected = await detectContent(content, part.filename);
  if (!detected.ok) throw new AppError('FILE_TYPE_REFUSED', 400, detected.message, [{ field: 'file', message: detected.message }]);
  const rows = await inImportGate(ctx.actor.userId, () => readValidDirectory(content, year));
  const derived = figuresFromDirectory(form.type, year, rows.map((r) => ({ ...r, industry: r.industry === '' ? null : r.industry })));
  const figures = { ...form.figures, ...derived };
  const { name: _n, type: _t, ...stored } = form;
  const sha256 = crypto.createHash('sha256').update(content).digest('hex');
  const hash = sm3(content);
  await db.transaction(async (tx) => {
    const fileId = await filesRepo.insertFile(tx, {
      platformId: null, ownerType: repo.APPLICATION_FILE_OWNER, ownerId: a.id, purpose: 'residents', year, originalName: part.filename.slice(0, 255),
      mimeType: detected.mime, sizeBytes: content.length, storedName: null, sha256, uploadedBy: ctx.actor.userId,
    });
    await filesRepo.storeContent(tx, fileId, content, hash);
    if (!(await repo.updateApplication(tx, a.id, a.state, { form: { ...stored, figures } }))) throw errors.conflict('该认定申请已被他人处理，请刷新后重试');
    await audit(tx, ctx, {
      action: 'recognition.application.directory', entityType: 'recognition_application', entityId: a.id,
      summary: { fileId, filename: part.filename, sha256, sm3: hash, year, rows: rows.length, before: form.figures ?? {}, after: figures },
    });
  });
  return getApplication(db, ctx, id);
}
