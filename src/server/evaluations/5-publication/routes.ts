import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.js';
import { contextOf } from '../../plugins/auth.js';
import { art33CheckRow, confirmBody, proposalParams, proposalRow, rejectBody, resultsResponse } from '../4-panel/schema.js';
import { evaluationParams } from '../campaign/schema.js';
import { art } from '../../../domain/measures.js';
import * as proposals from './proposals.js';
import * as publication from './service.js';

/** Art 30 (四) publication of the results, and the proposals that follow from them (Art 32, 33). */
export async function publicationRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['年度评估'];
  const bureau = { access: ['admin', 'bureau'] as const };
  r.post('/evaluations/:id/publish', { config: bureau, schema: { tags, summary: '公布结果，生成结果运用建议', params: evaluationParams, response: { 200: resultsResponse } } },
    async (req) => publication.publish(db, contextOf(req), req.params.id));
  r.get('/evaluations/:id/results', { config: { access: 'user' }, schema: { tags, summary: '已公布的评估结果（按角色范围）', params: evaluationParams, response: { 200: resultsResponse } } },
    async (req) => publication.getResults(db, contextOf(req), req.params.id));
  r.get('/evaluations/:id/proposals', { config: bureau, schema: { tags, summary: `评估结果运用建议（${art(32)}、${art(33)}）`, params: evaluationParams, response: { 200: z.array(proposalRow) } } },
    async (req) => proposals.listProposals(db, req.params.id));
  r.post('/proposals/:id/confirm', { config: bureau, schema: { tags, summary: `确认建议并变更平台状态（直接认定为市级平台须填写认定日期和文号，${art(33)}）`, params: proposalParams, body: confirmBody, response: { 200: proposalRow } } },
    async (req) => proposals.confirmProposal(db, contextOf(req), req.params.id, req.body ?? {}));
  r.get('/proposals/:id/art33-check', { config: bureau, schema: { tags, summary: `直接认定为市级平台的条件核验（${art(33)}）`, params: proposalParams, response: { 200: art33CheckRow } } },
    async (req) => proposals.checkPromotion(db, req.params.id));
  r.post('/proposals/:id/reject', { config: bureau, schema: { tags, summary: '驳回建议（须说明理由）', params: proposalParams, body: rejectBody, response: { 200: proposalRow } } },
    async (req) => proposals.rejectProposal(db, contextOf(req), req.params.id, req.body.note));
}
