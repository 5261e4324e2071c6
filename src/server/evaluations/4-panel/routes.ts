import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.js';
import { contextOf } from '../../plugins/auth.js';
import * as panel from './service.js';
import { conditionsBody, conditionsRow, decisionBody, panelEntryParams, panelResponse } from './schema.js';
import { evaluationParams } from '../campaign/schema.js';
import { art } from '../../../domain/measures.js';

/** Art 30 (三) the bureau's panel meeting: the Art 31 re-check, ranking, decisions and grading. */
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
}
