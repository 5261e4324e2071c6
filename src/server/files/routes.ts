import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { filePart } from '../multipart.js';
import { contextOf } from '../plugins/auth.js';
import { fileListQuery, fileParams, fileRow, uploadFields } from './schema.js';
import { sendStoredFile } from './send.js';
import * as service from './service.js';

export async function fileRoutes(app: FastifyInstance, { db, maxFileBytes }: { db: Db; maxFileBytes: number }): Promise<void> {
  await app.register(multipart, { limits: { fileSize: maxFileBytes, files: 1, fields: 10, parts: 12 } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['附件'];
  r.post('/files', { config: { access: 'user' },
    schema: { tags, summary: '上传附件（multipart：platformId、ownerType、ownerId、year、purpose 字段在前，file 在后）', consumes: ['multipart/form-data'], response: { 201: fileRow } },
  }, async (req, reply) => {
    const { part, fields } = await filePart(req, uploadFields, maxFileBytes);
    return reply.status(201).send(await service.uploadFile(db, contextOf(req), maxFileBytes, fields, part));
  });
  r.get('/files', { config: { access: 'user' }, schema: { tags, summary: '附件列表', querystring: fileListQuery, response: { 200: z.array(fileRow) } } },
    async (req) => service.listFiles(db, contextOf(req), req.query));
  r.get('/files/:id/download', { config: { access: 'user' }, schema: { tags, summary: '下载附件', params: fileParams } },
    async (req, reply) => sendStoredFile(reply, await service.openFile(db, contextOf(req), req.params.id, false), false));
  r.get('/files/:id/preview', { config: { access: 'user' }, schema: { tags, summary: '在线预览（仅 PDF 与图片）', params: fileParams } },
    async (req, reply) => sendStoredFile(reply, await service.openFile(db, contextOf(req), req.params.id, true), true));
  r.delete('/files/:id', { config: { access: 'user' }, schema: { tags, summary: '删除附件', params: fileParams } },
    async (req, reply) => {
      await service.deleteFile(db, contextOf(req), req.params.id);
      return reply.status(204).send();
    });
}
