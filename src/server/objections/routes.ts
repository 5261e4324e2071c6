import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Readable } from 'node:stream';
import type { Db } from '../../db/client.js';
import { MAX_OBJECTION_FILES } from '../../domain/publicity/objection.js';
import { AppError, errors } from '../errors.js';
import { tooLarge } from '../multipart.js';
import { contextOf } from '../plugins/auth.js';
import { receiveUpload, type CheckedUpload } from '../recognition/materials.js';
import { sendStoredFile } from '../files/send.js';
import { newChallenge } from './challenge.js';
import { fileObjection, lookupObjection, objectionForm, type FilingFields } from './filing.js';
import {
  assignBody, assigneesOut, bureauNoticeParams, challengeOut, decideBody, filingOut, lookupOut, lookupQuery, mineOut, mineQuery, noteBody, noticeObjectionsOut,
  noticeParams, objectionDetail, objectionFileParams, objectionFormOut, objectionListQuery, objectionParams, recordBody, replyBody,
} from './schema.js';
import * as service from './service.js';

const FIELD_NAMES = ['name', 'phone', 'email', 'itemId', 'grounds', 'challengeToken', 'challengeAnswer'] as const;
const isFieldName = (n: string): n is (typeof FIELD_NAMES)[number] => (FIELD_NAMES as readonly string[]).includes(n);

const filesRefused = (message: string): AppError => new AppError('FILE_TYPE_REFUSED', 400, message, [{ field: 'files', message }]);

/**
 * The public form as multipart: its text fields and up to five attachments, each received whole and
 * passed by the attachments' content check before anything is stored.
 */
async function readFiling(req: FastifyRequest, maxBytes: number): Promise<{ fields: FilingFields; uploads: CheckedUpload[] }> {
  if (!req.isMultipart()) throw errors.invalid('files', '请以 multipart/form-data 提交异议表单');
  const fields: FilingFields = {};
  const uploads: CheckedUpload[] = [];
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: MAX_OBJECTION_FILES, fields: 20, parts: 30, fieldSize: 20_000 } })) {
      if (part.type === 'field') {
        if (isFieldName(part.fieldname) && typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      // A file input left empty still sends a part, without a name and without bytes.
      if (part.filename === '') {
        part.file.resume();
        continue;
      }
      try {
        uploads.push(await receiveUpload(part, maxBytes));
      } catch (e) {
        if (e instanceof AppError && e.code === 'FILE_TYPE_REFUSED') throw filesRefused(`附件「${part.filename}」：${e.userMessage}`);
        if (e instanceof AppError && e.code === 'FILE_TOO_LARGE') throw new AppError('FILE_TOO_LARGE', 413, `附件「${part.filename}」：${e.userMessage}`, [{ field: 'files', message: `附件：${e.userMessage}` }]);
        throw e;
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    if (code === 'FST_FILES_LIMIT') throw filesRefused(`附件：最多 ${MAX_OBJECTION_FILES} 个`);
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      const t = tooLarge(maxBytes);
      throw new AppError('FILE_TOO_LARGE', 413, `附件：${t.userMessage}`, [{ field: 'files', message: `附件：${t.userMessage}` }]);
    }
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw errors.invalid('files', '表单字段过多');
    throw e;
  }
  return { fields, uploads };
}

/**
 * Objections to publicity notices: the public form, filing and lookup (no login; a challenge and a
 * per-address budget instead), and the bureau's handling (admin and bureau staff only: objections
 * are never shown to anyone else).
 */
export async function objectionRoutes(app: FastifyInstance, { db, maxFileBytes, ratePerHour }: { db: Db; maxFileBytes: number; ratePerHour: number }): Promise<void> {
  await app.register(multipart, { limits: { fileSize: maxFileBytes, files: MAX_OBJECTION_FILES, fields: 20, parts: 30 } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const publicTags = ['公众门户'];
  const tags = ['公示异议'];
  const open = { access: 'public' as const };
  const bureau = { access: ['admin', 'bureau'] as const };

  r.get('/public/challenge', { config: open, schema: { tags: publicTags, summary: '获取提交异议的验证问题（文字题，10 分钟内有效，只能使用一次）', response: { 200: challengeOut } } },
    async (_req, reply) => reply.header('cache-control', 'no-store').send(newChallenge()));
  r.get('/public/notices/:id/objection-form', { config: open, schema: { tags: publicTags, summary: '异议表单：公示标题、公示名单、公示期、当前能否提出异议', params: noticeParams, response: { 200: objectionFormOut } } },
    async (req) => objectionForm(db, req.params.id, maxFileBytes));
  r.post('/public/notices/:id/objection', {
    config: open,
    schema: {
      tags: publicTags, consumes: ['multipart/form-data'], params: noticeParams, response: { 201: filingOut },
      summary: '提出异议（multipart：name、phone 或 email、itemId、grounds、challengeToken、challengeAnswer，附件 files 最多 5 个；公示期内；同一地址每小时有上限）',
    },
  }, async (req, reply) => {
    const { fields, uploads } = await readFiling(req, maxFileBytes);
    return reply.status(201).send(await fileObjection(db, { noticeId: req.params.id, fields, uploads, ip: req.ip, ratePerHour }));
  });
  r.get('/public/objections/lookup', { config: open, schema: { tags: publicTags, summary: '凭回执编号和提交时的联系方式查询异议处理情况', querystring: lookupQuery, response: { 200: lookupOut } } },
    async (req, reply) => reply.header('cache-control', 'no-store').send(await lookupObjection(db, req.query.receipt, req.query.contact, req.ip, ratePerHour)));

  r.get('/publicity/notices/:noticeId/objections', { config: bureau, schema: { tags, summary: '公示的异议（按公示名单逐项，可按状态筛选）', params: bureauNoticeParams, querystring: objectionListQuery, response: { 200: noticeObjectionsOut } } },
    async (req) => service.noticeObjections(db, req.params.noticeId, req.query.status));
  r.post('/publicity/notices/:noticeId/objections', { config: bureau, schema: { tags, summary: '登记来信、来电、来访收到的异议', params: bureauNoticeParams, body: recordBody, response: { 201: objectionDetail } } },
    async (req, reply) => reply.status(201).send(await service.recordObjection(db, contextOf(req), req.params.noticeId, req.body)));
  r.get('/publicity/objections/mine', { config: bureau, schema: { tags, summary: '分派给我办理的异议', querystring: mineQuery, response: { 200: mineOut } } },
    async (req) => service.myObjections(db, contextOf(req), req.query.open));
  r.get('/publicity/objections/assignees', { config: bureau, schema: { tags, summary: '可分派的承办人（市局业务人员）', response: { 200: assigneesOut } } },
    async () => service.assignees(db));
  r.get('/publicity/objections/:id', { config: bureau, schema: { tags, summary: '异议详情（含异议人联系方式、调查记录、附件）', params: objectionParams, response: { 200: objectionDetail } } },
    async (req) => service.objectionDetail(db, req.params.id));
  r.post('/publicity/objections/:id/assign', { config: bureau, schema: { tags, summary: '分派承办人（处理决定前可改派）', params: objectionParams, body: assignBody, response: { 200: objectionDetail } } },
    async (req) => service.assignObjection(db, contextOf(req), req.params.id, req.body.userId));
  r.post('/publicity/objections/:id/notes', { config: bureau, schema: { tags, summary: '记录调查情况（只增不改）', params: objectionParams, body: noteBody, response: { 200: objectionDetail } } },
    async (req) => service.addNote(db, contextOf(req), req.params.id, req.body.body));
  r.post('/publicity/objections/:id/decide', { config: bureau, schema: { tags, summary: '作出处理决定（异议成立或不成立，写明理由）', params: objectionParams, body: decideBody, response: { 200: objectionDetail } } },
    async (req) => service.decideObjection(db, contextOf(req), req.params.id, req.body));
  r.post('/publicity/objections/:id/reply', { config: bureau, schema: { tags, summary: '记录答复（答复内容、日期、方式）', params: objectionParams, body: replyBody, response: { 200: objectionDetail } } },
    async (req) => service.recordReply(db, contextOf(req), req.params.id, req.body));
  r.get('/publicity/objections/:id/files/:fileId/download', { config: bureau, schema: { tags, summary: '下载异议附件', params: objectionFileParams } },
    async (req, reply) => {
      const { file, chunks } = await service.openObjectionFile(db, req.params.id, req.params.fileId);
      return sendStoredFile(reply, { file, stream: Readable.from(chunks) }, false);
    });
}
