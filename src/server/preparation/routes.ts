import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { art } from '../../domain/measures.js';
import { contextOf } from '../plugins/auth.js';
import { applicationParams, reasonBody } from '../recognition/schema.js';
import {
  acceptanceBody, applicationPreparationOut, approveBody, extendBody, platformParams, platformPreparationOut, readinessBody,
} from './schema.js';
import * as service from './service.js';

/** 筹建 (Art 15): the application's steps (approval, readiness, acceptance) and the platform's term (countdown, extension). */
export async function preparationRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['筹建'];
  const bureau = { access: ['admin', 'bureau'] as const };
  const readers = { access: ['admin', 'bureau', 'district', 'district_gov', 'operator'] as const };
  const base = '/recognition/applications/:id/preparation';
  const card = { params: applicationParams, response: { 200: applicationPreparationOut } };

  r.get(base, { config: readers, schema: { tags, summary: `筹建（${art(15)}）：批准筹建的急需事项、同意意见和日期，筹建期及剩余天数、延长记录，验收材料和能否申请验收、记录验收结果`, ...card } },
    async (req) => service.getApplicationPreparation(db, contextOf(req), req.params.id));
  r.post(base, { config: bureau, schema: { tags, summary: '批准先行筹建（专家意见齐全后；记录急需的重大战略、规划或项目，市局同意意见和批准日期；筹建期一年）', ...card, body: approveBody } },
    async (req) => service.approvePreparation(db, contextOf(req), req.params.id, req.body));
  r.post(`${base}/readiness`, { config: { access: ['district_gov', 'district', 'operator'] as const }, schema: { tags, summary: '筹建完成，申请验收（须先上传筹建验收材料并说明建设情况）', ...card, body: readinessBody } },
    async (req) => service.reportReadiness(db, contextOf(req), req.params.id, req.body.note));
  r.post(`${base}/accept`, { config: bureau, schema: { tags, summary: '筹建验收通过（验收专家意见齐全后；转入公示，期满无异议后认定）', ...card, body: acceptanceBody } },
    async (req) => service.acceptPreparation(db, contextOf(req), req.params.id, req.body.note));
  r.post(`${base}/fail`, { config: bureau, schema: { tags, summary: '筹建验收不通过，取消筹建资格（须说明理由）', ...card, body: reasonBody } },
    async (req) => service.failPreparation(db, contextOf(req), req.params.id, req.body.reason));

  r.get('/platforms/:id/preparation', { config: { access: 'user' }, schema: { tags, summary: '平台的筹建期：批准日期、截止日、剩余天数、延长记录（范围外返回 404）', params: platformParams, response: { 200: platformPreparationOut } } },
    async (req) => service.getPlatformPreparation(db, contextOf(req), req.params.id));
  r.post('/platforms/:id/preparation/extensions', { config: bureau, schema: { tags, summary: '延长筹建期（须填写理由和延长后的截止日）', params: platformParams, body: extendBody, response: { 200: platformPreparationOut } } },
    async (req) => service.extendTerm(db, contextOf(req), req.params.id, req.body));
}
