import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { filePart } from '../multipart.js';
import { contextOf } from '../plugins/auth.js';
import { contentDisposition } from '../xlsx.js';
import { fileListQuery, fileParams, fileRow, uploadFields } from './schema.js';
import * as service from './service.js';

/**
 * Inline previews may show the file and nothing else: no scripts, no forms, no framing by other
 * sites. Images are also sandboxed; a PDF is not, because browsers refuse to run their PDF
 * viewer in a sandboxed document (object-src 'self' lets the viewer embed the file itself).
 */
const PREVIEW_CSP = {
  image: "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
  pdf: "default-src 'none'; object-src 'self'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
};

function sendFile(reply: FastifyReply, opened: Awaited<ReturnType<typeof service.openFile>>, inline: boolean): FastifyReply {
  void reply
    .header('content-type', opened.file.mimeType)
    .header('content-length', String(opened.file.sizeBytes))
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', opened.file.originalName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store');
  if (inline) void reply.header('content-security-policy', opened.file.mimeType === 'application/pdf' ? PREVIEW_CSP.pdf : PREVIEW_CSP.image);
  return reply.send(opened.stream);
}

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
    async (req, reply) => sendFile(reply, await service.openFile(db, contextOf(req), req.params.id, false), false));
  r.get('/files/:id/preview', { config: { access: 'user' }, schema: { tags, summary: '在线预览（仅 PDF 与图片）', params: fileParams } },
    async (req, reply) => sendFile(reply, await service.openFile(db, contextOf(req), req.params.id, true), true));
  r.delete('/files/:id', { config: { access: 'user' }, schema: { tags, summary: '删除附件', params: fileParams } },
    async (req, reply) => {
      await service.deleteFile(db, contextOf(req), req.params.id);
      return reply.status(204).send();
    });
}
