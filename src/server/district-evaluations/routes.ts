import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { art } from '../../domain/measures.js';
import { filePart } from '../multipart.js';
import { contextOf } from '../plugins/auth.js';
import { sendStoredFile } from '../files/send.js';
import { acknowledgeBody, filingParams, filingResponse, overviewResponse, remindResponse, returnBody, saveBody, yearParams } from './schema.js';
import * as service from './service.js';

/** Art 28: the districts file their yearly evaluation of their district-level platforms; the bureau sees who has filed. */
export async function districtEvaluationRoutes(app: FastifyInstance, { db, maxFileBytes }: { db: Db; maxFileBytes: number }): Promise<void> {
  await app.register(multipart, { limits: { fileSize: maxFileBytes, files: 1, fields: 10, parts: 12 } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['区县评估结果备案'];
  const district = { access: ['district'] as const };
  const bureau = { access: ['admin', 'bureau'] as const };
  const readers = { access: ['admin', 'bureau', 'district'] as const };
  const base = '/district-evaluations';

  r.get(`${base}/mine/:year`, { config: district, schema: { tags, summary: `本区县该年度的区县级平台评估结果（${art(28)}）`, params: yearParams, response: { 200: filingResponse } } },
    async (req) => service.mine(db, contextOf(req), req.params.year));
  r.put(`${base}/mine/:year`, { config: district, schema: { tags, summary: '保存本区县的评估结果（草稿）', params: yearParams, body: saveBody, response: { 200: filingResponse } } },
    async (req) => service.save(db, contextOf(req), req.params.year, req.body));
  r.get(`${base}/overview/:year`, { config: bureau, schema: { tags, summary: '各区县评估结果报送情况', params: yearParams, response: { 200: overviewResponse } } },
    async (req) => service.overview(db, req.params.year));
  r.post(`${base}/overview/:year/remind`, { config: bureau, schema: { tags, summary: '提醒尚未报送的区县', params: yearParams, response: { 200: remindResponse } } },
    async (req) => service.remind(db, contextOf(req), req.params.year));
  r.get(`${base}/filings/:id`, { config: readers, schema: { tags, summary: '一份区县评估结果备案', params: filingParams, response: { 200: filingResponse } } },
    async (req) => service.getFiling(db, contextOf(req), req.params.id));
  r.post(`${base}/filings/:id/submit`, { config: district, schema: { tags, summary: '报送市人力社保局', params: filingParams, response: { 200: filingResponse } } },
    async (req) => service.submit(db, contextOf(req), req.params.id));
  r.post(`${base}/filings/:id/acknowledge`, { config: bureau, schema: { tags, summary: '确认备案', params: filingParams, body: acknowledgeBody, response: { 200: filingResponse } } },
    async (req) => service.decide(db, contextOf(req), req.params.id, 'acknowledge', req.body?.note ?? null));
  r.post(`${base}/filings/:id/return`, { config: bureau, schema: { tags, summary: '退回修改（须说明理由）', params: filingParams, body: returnBody, response: { 200: filingResponse } } },
    async (req) => service.decide(db, contextOf(req), req.params.id, 'return', req.body.note));
  r.post(`${base}/filings/:id/document`, {
    config: district,
    schema: { tags, summary: '上传评估结果文件（multipart：file）', consumes: ['multipart/form-data'], params: filingParams, response: { 200: filingResponse } },
  }, async (req) => service.uploadDocument(db, contextOf(req), req.params.id, maxFileBytes, () => filePart(req, z.object({}), maxFileBytes)));
  r.get(`${base}/filings/:id/document`, { config: readers, schema: { tags, summary: '下载评估结果文件', params: filingParams } },
    async (req, reply) => {
      const d = await service.openDocument(db, contextOf(req), req.params.id);
      return sendStoredFile(reply, { file: { mimeType: d.mime, sizeBytes: d.size, originalName: d.name }, stream: d.stream }, false);
    });
}
