import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { contextOf } from '../plugins/auth.js';
import * as panel from './panel.js';
import {
  conditionsBody, conditionsRow, confirmBody, decisionBody, panelEntryParams, panelResponse, proposalParams, proposalRow, rejectBody, resultsResponse,
} from './panel-schema.js';
import * as proposals from './proposals.js';
import * as publication from './publication.js';
import { evaluationParams } from './schema.js';
import { art } from '../../domain/measures.js';

/** The bureau's panel meeting, grading, publication and the proposals that follow (Art 31–33). */
export async function evaluationPanelRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['年度评估'];
  const bureau = { access: ['admin', 'bureau'] as const };
  r.post('/evaluations/:id/conditions-recheck', { config: bureau, schema: { tags, summary: `按年度数据复核市级平台认定条件（${art(31)}）`, params: evaluationParams, response: { 200: z.array(conditionsRow) } } },
    async (req) => panel.recheckConditions(db, contextOf(req), req.params.id));
  r.put('/evaluations/:id/entries/:entryId/conditions', { config: bureau, schema: { tags, summary: '市局确认或改变认定条件复核结果（须说明理由）', params: panelEntryParams, body: conditionsBody, response: { 200: conditionsRow } } },
    async (req) => panel.setEntryConditions(db, contextOf(req), req.params.id, req.params.entryId, req.body));
  r.get('/evaluations/:id/panel', { config: bureau, schema: { tags, summary: '评审会议：排名、30% 名额线、同分待定、决定', params: evaluationParams, response: { 200: panelResponse } } },
    async (req) => panel.panelView(db, req.params.id));
  r.put('/evaluations/:id/panel/decisions/:entryId', { config: bureau, schema: { tags, summary: '评审会议决定等次（同分待定或调整，须说明理由）', params: panelEntryParams, body: decisionBody, response: { 200: panelResponse } } },
    async (req) => panel.decide(db, contextOf(req), req.params.id, req.params.entryId, req.body));
  r.delete('/evaluations/:id/panel/decisions/:entryId', { config: bureau, schema: { tags, summary: '撤回评审会议决定', params: panelEntryParams, response: { 200: panelResponse } } },
    async (req) => panel.decide(db, contextOf(req), req.params.id, req.params.entryId, null));
  r.post('/evaluations/:id/grade', { config: bureau, schema: { tags, summary: '确定等次', params: evaluationParams, response: { 200: panelResponse } } },
    async (req) => panel.gradeAll(db, contextOf(req), req.params.id));
  r.post('/evaluations/:id/publish', { config: bureau, schema: { tags, summary: '公布结果，生成结果运用建议', params: evaluationParams, response: { 200: resultsResponse } } },
    async (req) => publication.publish(db, contextOf(req), req.params.id));
  r.get('/evaluations/:id/results', { config: { access: 'user' }, schema: { tags, summary: '已公布的评估结果（按角色范围）', params: evaluationParams, response: { 200: resultsResponse } } },
    async (req) => publication.getResults(db, contextOf(req), req.params.id));
  r.get('/evaluations/:id/proposals', { config: bureau, schema: { tags, summary: `评估结果运用建议（${art(32)}、${art(33)}）`, params: evaluationParams, response: { 200: z.array(proposalRow) } } },
    async (req) => proposals.listProposals(db, req.params.id));
  r.post('/proposals/:id/confirm', { config: bureau, schema: { tags, summary: '确认建议并变更平台状态', params: proposalParams, body: confirmBody, response: { 200: proposalRow } } },
    async (req) => proposals.confirmProposal(db, contextOf(req), req.params.id, req.body?.note === undefined || req.body.note === '' ? null : req.body.note));
  r.post('/proposals/:id/reject', { config: bureau, schema: { tags, summary: '驳回建议（须说明理由）', params: proposalParams, body: rejectBody, response: { 200: proposalRow } } },
    async (req) => proposals.rejectProposal(db, contextOf(req), req.params.id, req.body.note));
}
