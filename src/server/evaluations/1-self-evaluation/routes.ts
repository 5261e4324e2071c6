import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../db/client.js';
import { contextOf } from '../../plugins/auth.js';
import { entryDetail, entryParams, entryPreview, previewBody, saveEntryBody } from '../entries/schema.js';
import * as self from './service.js';

/** Art 30 (一) the platform's self-evaluation: the entry (read by its readers; assigned experts too), save, live preview, submit. */
export async function selfEvaluationRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['年度评估'];
  // An expert reads only the entries assigned to them (the entry scope); others are 404.
  const readers = { access: ['admin', 'bureau', 'district', 'operator', 'expert'] as const };
  const operator = { access: ['operator'] as const };
  const base = '/evaluations/:id/entries/:entryId';
  const detail = { params: entryParams, response: { 200: entryDetail } };
  r.get(base, { config: readers, schema: { tags, summary: '参评记录：自评表、实时得分、初审意见、截止日', ...detail } },
    async (req) => self.getEntry(db, contextOf(req), req.params.id, req.params.entryId));
  r.put(base, { config: operator, schema: { tags, summary: '保存自评（事实数据、逐项说明、评审项建议分）', ...detail, body: saveEntryBody } },
    async (req) => self.saveEntry(db, contextOf(req), req.params.id, req.params.entryId, req.body));
  r.post(`${base}/preview`, { config: { access: ['admin', 'bureau', 'district', 'operator'] as const }, schema: { tags, summary: '按本年度方案试算未保存的事实数据（不保存）', params: entryParams, body: previewBody, response: { 200: entryPreview } } },
    async (req) => self.previewEntry(db, contextOf(req), req.params.id, req.params.entryId, req.body.facts));
  r.post(`${base}/submit`, { config: operator, schema: { tags, summary: '提交自评，报区县初审', ...detail } },
    async (req) => self.submitEntry(db, contextOf(req), req.params.id, req.params.entryId));
}
