/**
 * The application's files: the five kinds of material of Art 14 (一) (the government, while the
 * application is in its hands) and the scans of the seals on the two opinions (whoever gives the
 * opinion, at that step). Uploads pass the attachments' content check and are stored like every
 * attachment (files + file_blobs), owned by the application and by no platform.
 */
import { Readable } from 'node:stream';
import type { Db, Executor } from '../../db/client.js';
import { isMaterialKind, materialKindLabels } from '../../domain/recognition/materials.js';
import { applicationStateLabels, governmentMayEdit, type ApplicationState } from '../../domain/recognition/workflow.js';
import type { Role } from '../../domain/auth/roles.js';
import { audit } from '../audit/audit.js';
import type { RequestContext } from '../context.js';
import { AppError, errors } from '../errors.js';
import { detectContent, PREVIEWABLE_MIMES } from '../files/content.js';
import * as filesRepo from '../files/repository.js';
import { receive } from '../files/storage.js';
import { tooLarge } from '../multipart.js';
import { loadApplication } from './access.js';
import * as repo from './repository.js';
import type { FileOut } from './schema.js';

/** Why `role` may not add or remove a file of this purpose now, or null. */
export function fileRefusal(purpose: string, role: Role, state: ApplicationState): string | null {
  if (isMaterialKind(purpose)) {
    if (role !== 'district_gov') return '申报材料由区县人民政府上传';
    return governmentMayEdit(state) ? null : `「${applicationStateLabels[state]}」状态下不能增删申报材料`;
  }
  // The evidence of readiness for the 筹建 acceptance (Art 15): the applicant or the operator, while in preparation.
  if (purpose === 'acceptance_evidence') {
    if (role !== 'district_gov' && role !== 'district' && role !== 'operator') return '筹建验收材料由区县政府、区县人社局或平台运营机构上传';
    return state === 'in_preparation' ? null : `「${applicationStateLabels[state]}」状态下不能增删筹建验收材料`;
  }
  // The seal goes with the opinion being given: the district unit's in its review, the government's after it.
  if ((role === 'district' && state === 'hrss_review') || (role === 'district_gov' && state === 'gov_opinion')) return null;
  return `「${applicationStateLabels[state]}」状态下您不能上传或删除意见盖章件`;
}

const fileOut = (f: repo.ApplicationFileRecord): FileOut => ({
  id: f.id, originalName: f.originalName, mimeType: f.mimeType, sizeBytes: f.sizeBytes, sha256: f.sha256, uploadedAt: f.uploadedAt.toISOString(), uploadedByName: f.uploadedByName,
});

/** A received file: a multipart part, or (demo seed) any stream with its name. */
export interface FilePart { filename: string; file: Readable & { truncated: boolean } }

/** An upload received whole and passed by the attachments' content check, ready to store. */
export interface CheckedUpload { content: Buffer; size: number; sha256: string; sm3: string; mime: string; originalName: string }

export async function receiveUpload(part: FilePart, maxBytes: number): Promise<CheckedUpload> {
  const received = await receive(part.file);
  if (part.file.truncated) throw tooLarge(maxBytes);
  const detected = await detectContent(received.content, part.filename);
  if (!detected.ok) throw new AppError('FILE_TYPE_REFUSED', 400, detected.message, [{ field: 'file', message: detected.message }]);
  return { ...received, mime: detected.mime, originalName: part.filename.slice(0, 255) };
}

/** Stores a checked upload as a file of the procedure (owned by an application or an assignment, by no platform). */
export async function storeUpload(tx: Executor, u: CheckedUpload, owner: { ownerType: string; ownerId: string; purpose: string }, userId: string): Promise<string> {
  const newId = await filesRepo.insertFile(tx, {
    platformId: null, ...owner, year: null, originalName: u.originalName, mimeType: u.mime, sizeBytes: u.size, storedName: null, sha256: u.sha256, uploadedBy: userId,
  });
  await filesRepo.storeContent(tx, newId, u.content, u.sm3);
  return newId;
}

/**
 * `read` parses the multipart request; it runs only after the application is found in the caller's scope,
 * so a caller outside it gets 404 whatever the form holds.
 */
export async function uploadApplicationFile(
  db: Db, ctx: RequestContext, id: string, maxBytes: number, read: () => Promise<{ part: FilePart; fields: { purpose: string } }>,
): Promise<FileOut> {
  const a = await loadApplication(db, ctx, id);
  const { part, fields: { purpose } } = await read();
  const refused = fileRefusal(purpose, ctx.actor.role, a.state);
  if (refused !== null) {
    part.file.resume();
    throw new AppError('APPLICATION_LOCKED', 409, refused);
  }
  const u = await receiveUpload(part, maxBytes);
  const fileId = await db.transaction(async (tx) => {
    const newId = await storeUpload(tx, u, { ownerType: repo.APPLICATION_FILE_OWNER, ownerId: a.id, purpose }, ctx.actor.userId);
    await audit(tx, ctx, {
      action: 'recognition.material.upload', entityType: 'recognition_application', entityId: a.id,
      summary: { fileId: newId, purpose, kind: isMaterialKind(purpose) ? materialKindLabels[purpose] : '意见盖章件', filename: u.originalName, sizeBytes: u.size, sm3: u.sm3 },
    });
    return newId;
  });
  const f = await repo.findApplicationFile(db, a.id, fileId);
  if (!f) throw new Error('uploaded file not found');
  return fileOut(f);
}

async function applicationFile(db: Db, ctx: RequestContext, id: string, fileId: string) {
  const a = await loadApplication(db, ctx, id);
  const f = await repo.findApplicationFile(db, a.id, fileId);
  if (!f) throw errors.notFound('申报材料');
  return { a, f };
}

export async function deleteApplicationFile(db: Db, ctx: RequestContext, id: string, fileId: string): Promise<void> {
  const { a, f } = await applicationFile(db, ctx, id, fileId);
  const refused = fileRefusal(f.purpose ?? '', ctx.actor.role, a.state);
  if (refused !== null) throw new AppError('APPLICATION_LOCKED', 409, refused);
  await db.transaction(async (tx) => {
    await filesRepo.deleteFile(tx, f.id);
    await audit(tx, ctx, { action: 'recognition.material.delete', entityType: 'recognition_application', entityId: a.id, summary: { fileId: f.id, purpose: f.purpose, filename: f.originalName } });
  });
}

/** Every reader of the application may read its files, streamed piece by piece; `inline` (a preview) for PDFs and images only. */
export async function openApplicationFile(db: Db, ctx: RequestContext, id: string, fileId: string, inline: boolean): Promise<{ file: FileOut; stream: Readable }> {
  const { f } = await applicationFile(db, ctx, id, fileId);
  if (inline && !PREVIEWABLE_MIMES.includes(f.mimeType)) throw new AppError('NOT_PREVIEWABLE', 415, '该类型的附件不能在线预览，请下载后查看');
  if (f.sm3 === null) throw new AppError('FILE_CONTENT_MISSING', 404, '附件内容缺失，请重新上传');
  return { file: fileOut(f), stream: Readable.from(filesRepo.readContent(db, f.id)) };
}
