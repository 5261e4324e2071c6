import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.js';
import { contextOf } from '../../plugins/auth.js';
import { createEvaluationBody, districtApplicationBody, entryRow, evaluationParams, evaluationRow, impactQuery, impactResponse } from './schema.js';
import { windowsBody } from '../entries/schema.js';
import { runDeadlineReminders } from './reminders.js';
import { schemeDetail } from '../../schemes/schema.js';
import * as service from './service.js';
import { art } from '../../../domain/measures.js';

/** The year's campaign (Art 28–30): creation, opening, participants, district applications (Art 33), windows, reminders. */
export async function campaignRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['年度评估'];
  const bureau = { access: ['admin', 'bureau'] as const };
  r.get('/evaluations', { config: { access: 'user' }, schema: { tags, summary: '年度评估列表', response: { 200: z.array(evaluationRow) } } },
    async () => service.listEvaluations(db));
  r.post('/evaluations', { config: bureau, schema: { tags, summary: '创建年度评估（评分方案、分数线、各阶段截止日）', body: createEvaluationBody, response: { 201: evaluationRow } } },
    async (req, reply) => reply.status(201).send(await service.createEvaluation(db, contextOf(req), req.body)));
  r.get('/evaluations/:id', { config: { access: 'user' }, schema: { tags, summary: '年度评估', params: evaluationParams, response: { 200: evaluationRow } } },
    async (req) => service.getEvaluation(db, req.params.id));
  r.get('/evaluations/:id/scheme', { config: { access: 'user' }, schema: { tags, summary: '该年度评估采用的评分方案（附表2/3/4）', params: evaluationParams, response: { 200: schemeDetail } } },
    async (req) => service.campaignSchemeDetail(db, req.params.id));
  r.post('/evaluations/:id/open', { config: bureau, schema: { tags, summary: '启动评估：自动确定国家级、市级参评平台并预填年度数据', params: evaluationParams, response: { 200: evaluationRow } } },
    async (req) => service.openEvaluation(db, contextOf(req), req.params.id));
  r.post('/evaluations/:id/district-applications', {
    config: { access: ['admin', 'bureau', 'district'] as const },
    schema: { tags, summary: `区县级平台申请参加评估（${art(33)}）`, params: evaluationParams, body: districtApplicationBody, response: { 201: entryRow } },
  }, async (req, reply) => reply.status(201).send(await service.applyForDistrictPlatform(db, contextOf(req), req.params.id, req.body.platformId)));
  r.get('/evaluations/:id/entries', { config: { access: 'user' }, schema: { tags, summary: '参评平台（按角色范围），含自评总分', params: evaluationParams, response: { 200: z.array(entryRow) } } },
    async (req) => service.listEntries(db, contextOf(req), req.params.id));
  r.get('/evaluations/:id/impact', { config: bureau, schema: { tags, summary: '方案影响预览：各参评平台在两个方案下的得分与等次', params: evaluationParams, querystring: impactQuery, response: { 200: impactResponse } } },
    async (req) => service.impactPreview(db, req.params.id, req.query.against));
  r.post('/evaluations/reminders', { config: bureau, schema: { tags, summary: '立即检查各评估阶段截止日并发送提醒（每小时自动运行）', response: { 200: z.object({ reminders: z.number(), delivered: z.number() }) } } },
    async () => runDeadlineReminders(db));
  r.patch('/evaluations/:id/windows', { config: { access: ['admin', 'bureau'] as const }, schema: { tags, summary: '延长评估各阶段截止日', params: evaluationParams, body: windowsBody, response: { 200: evaluationRow } } },
    async (req) => service.extendWindows(db, contextOf(req), req.params.id, req.body));
}
