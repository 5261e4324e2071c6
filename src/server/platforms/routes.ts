import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { contextOf } from '../plugins/auth.js';
import { sendXlsx } from '../xlsx.js';
import { exportPlatforms } from './export.js';
import {
  contactResponse, createPlatformBody, historyList, legacyPlatformBody, platformDetail, platformExportQuery, platformIdParams, platformListQuery, platformPage, platformTotalNote,
  statusChangeBody, updatePlatformBody,
} from './schema.js';
import { adjustmentsSchema } from '../rules/schema.js';
import { getRecognitionTerms, setRecognitionTerms } from './recognition-terms.js';
import * as service from './service.js';
import { changeStatus, statusHistory } from './status.js';
import { art } from '../../domain/measures.js';

/** Art 17 terms and accepted shortfalls; the date and the reviewers' checklist belong to each check, not to the terms. */
const recognitionTermsSchema = adjustmentsSchema.omit({ asOf: true, confirmed: true });

export async function platformRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['平台名录'];
  const params = platformIdParams;
  r.get('/platforms', { config: { access: 'user' }, schema: { tags, summary: '平台列表（按角色范围）', description: platformTotalNote, querystring: platformListQuery, response: { 200: platformPage } } },
    async (req) => service.listPlatforms(db, contextOf(req), req.query));
  r.get('/platforms/export', { config: { access: 'user' }, schema: { tags, summary: '导出平台列表（.xlsx，筛选同列表）', querystring: platformExportQuery } },
    async (req, reply) => {
      const file = await exportPlatforms(db, contextOf(req), req.query);
      return sendXlsx(reply, file.filename, file.body);
    });
  r.post('/platforms', { config: { access: ['admin', 'bureau', 'district'] }, schema: { tags, summary: `登记平台（区县级平台备案登记；市级平台仅筹建中。国家级、市级平台不能直接登记为已认定，${art(14)}）`, body: createPlatformBody, response: { 201: platformDetail } } },
    async (req, reply) => reply.status(201).send(await service.createPlatform(db, contextOf(req), req.body)));
  r.post('/platforms/legacy', { config: { access: ['admin', 'bureau'] as const }, schema: { tags, summary: '存量平台登记（本系统启用前已认定的国家级、市级平台，须填原认定文号和日期；仅市人力社保局）', body: legacyPlatformBody, response: { 201: platformDetail } } },
    async (req, reply) => reply.status(201).send(await service.registerLegacyPlatform(db, contextOf(req), req.body)));
  r.get('/platforms/:id', { config: { access: 'user' }, schema: { tags, summary: '平台详情（范围外返回 404）', params, response: { 200: platformDetail } } },
    async (req) => service.getPlatform(db, contextOf(req), req.params.id));
  r.patch('/platforms/:id', { config: { access: 'user' }, schema: { tags, summary: '修改平台（按字段分组授权，见 editableFields）', params, body: updatePlatformBody, response: { 200: platformDetail } } },
    async (req) => service.updatePlatform(db, contextOf(req), req.params.id, req.body));
  r.get('/platforms/:id/contact', { config: { access: 'user' }, schema: { tags, summary: '完整联系方式（记入审计日志）', params, response: { 200: contactResponse } } },
    async (req) => service.viewContact(db, contextOf(req), req.params.id));
  r.post('/platforms/:id/status', { config: { access: 'user' }, schema: { tags, summary: '变更平台状态（按状态转换表）', params, body: statusChangeBody, response: { 200: platformDetail } } },
    async (req) => changeStatus(db, contextOf(req), req.params.id, req.body));
  r.get('/platforms/:id/recognition-terms', { config: { access: 'user' }, schema: { tags, summary: `认定条款（${art(17)}放宽的条件与期限、认可的“原则上”不足）`, params, response: { 200: recognitionTermsSchema } } },
    async (req) => getRecognitionTerms(db, contextOf(req), req.params.id));
  r.put('/platforms/:id/recognition-terms', { config: { access: ['admin', 'bureau'] as const }, schema: { tags, summary: `登记认定条款（市级平台；${art(31)}复核时适用）`, params, body: recognitionTermsSchema, response: { 200: recognitionTermsSchema } } },
    async (req) => setRecognitionTerms(db, contextOf(req), req.params.id, req.body));
  r.get('/platforms/:id/history', { config: { access: 'user' }, schema: { tags, summary: '状态变更记录', params, response: { 200: historyList } } },
    async (req) => statusHistory(db, contextOf(req), req.params.id));
}
