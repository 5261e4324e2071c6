import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { filePart } from '../multipart.js';
import { contextOf } from '../plugins/auth.js';
import { contentDisposition } from '../xlsx.js';
import * as notices from './notices.js';
import {
  bureauNoticeOut, bureauNoticePage, correctNoticeBody, createNoticeBody, decideItemBody, noticeFileParams, noticeItemParams, noticeListQuery, noticeParams,
  periodBody, periodOut, publicNoticeListQuery, publicNoticeOut, publicNoticePage, withdrawNoticeBody,
} from './schema.js';

/**
 * Publicity notices (公示, Art 14 (三), Art 30 (四)): the bureau posts, corrects and withdraws them
 * (公示管理); the public reads the posted ones without anything about objections.
 */
export async function publicityRoutes(app: FastifyInstance, { db, maxFileBytes }: { db: Db; maxFileBytes: number }): Promise<void> {
  await app.register(multipart, { limits: { fileSize: maxFileBytes, files: 1, fields: 5, parts: 6 } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['公示管理'];
  const bureau = { access: ['admin', 'bureau'] as const };
  const base = '/publicity/notices/:id';
  const detail = { params: noticeParams, response: { 200: bureauNoticeOut } };

  r.get('/publicity/notices', { config: bureau, schema: { tags, summary: '公示列表（状态、公示期、剩余天数、名单条数、未处理异议数）', querystring: noticeListQuery, response: { 200: bureauNoticePage } } },
    async (req) => notices.listNotices(db, req.query));
  r.post('/publicity/notices/preview', { config: bureau, schema: { tags, summary: '试算公示期：由发布日期、天数和计算方式得出届满日及计算依据（不保存）', body: periodBody, response: { 200: periodOut } } },
    async (req) => notices.previewPeriod(db, req.body));
  r.post('/publicity/notices', { config: bureau, schema: { tags, summary: '发布公示（拟认定平台名单或年度评估拟定结果；不少于 5 天，届满日自动计算）', body: createNoticeBody, response: { 201: bureauNoticeOut } } },
    async (req, reply) => reply.status(201).send(await notices.createNotice(db, contextOf(req), req.body)));
  r.get(base, { config: bureau, schema: { tags, summary: '公示详情（名单、附件、历次更正与撤回）', ...detail } },
    async (req) => notices.getNotice(db, req.params.id));
  r.post(`${base}/correct`, { config: bureau, schema: { tags, summary: '更正公示（须说明原因；更改公示期时重新计算届满日）', ...detail, body: correctNoticeBody } },
    async (req) => notices.correctNotice(db, contextOf(req), req.params.id, req.body));
  r.post(`${base}/withdraw`, { config: bureau, schema: { tags, summary: '撤回公示（须说明原因；名单中的申请退回拟认定）', ...detail, body: withdrawNoticeBody } },
    async (req) => notices.withdrawNotice(db, contextOf(req), req.params.id, req.body.reason));
  r.post(`${base}/items/:itemId/decision`, { config: bureau, schema: { tags, summary: '异议成立后决定该条目的评估等次（维持或改定，须说明理由）', params: noticeItemParams, body: decideItemBody, response: { 200: bureauNoticeOut } } },
    async (req) => notices.decideItem(db, contextOf(req), req.params.id, req.params.itemId, req.body));
  r.post(`${base}/attachments`, { config: bureau,
    schema: { tags, summary: '上传公示附件（multipart：file）', consumes: ['multipart/form-data'], params: noticeParams, response: { 201: publicNoticeOut.shape.attachments.element } },
  }, async (req, reply) => reply.status(201).send(
    await notices.uploadAttachment(db, contextOf(req), req.params.id, maxFileBytes, () => filePart(req, z.object({}), maxFileBytes)),
  ));
  r.delete(`${base}/attachments/:fileId`, { config: bureau, schema: { tags, summary: '删除公示附件', params: noticeFileParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await notices.deleteAttachment(db, contextOf(req), req.params.id, req.params.fileId);
      return reply.status(204).send(null);
    });

  // ---- public ----
  const pub = { access: 'public' as const };
  // Cached (src/server/plugins/public-cache.ts); the notices' tables announce their changes (migrations 0018, 0026).
  const cachedPub = { access: 'public' as const, publicCache: ['notices'] as const };
  const ptags = ['公众门户'];
  r.get('/public/notices', { config: cachedPub, schema: { tags: ptags, summary: '公示公告：正在公示的在前（含剩余天数），其后为往期', querystring: publicNoticeListQuery, response: { 200: publicNoticePage } } },
    async (req) => notices.listPublicNotices(db, req.query));
  r.get('/public/notices/:id', { config: cachedPub, schema: { tags: ptags, summary: '公示详情：标题、正文、名单、公示期及计算依据、倒计时、附件、更正与撤回记录', params: noticeParams, response: { 200: publicNoticeOut } } },
    async (req) => notices.getPublicNotice(db, req.params.id));
  r.get('/public/notices/:id/attachments/:fileId', { config: pub, schema: { tags: ptags, summary: '下载公示附件', params: noticeFileParams } },
    async (req, reply) => {
      const opened = await notices.openAttachment(db, req.params.id, req.params.fileId);
      return reply.header('content-type', opened.file.mimeType).header('content-length', String(opened.file.sizeBytes))
        .header('content-disposition', contentDisposition('attachment', opened.file.originalName)).header('x-content-type-options', 'nosniff')
        .send(opened.stream);
    });
}
