import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { contextOf } from '../plugins/auth.js';
import * as review from './district-review.js';
import { entryDetail, entryParams, entryPreview, previewBody, rowParams, rowReviewBody, rowsReviewBody, saveEntryBody, windowsBody } from './entries-schema.js';
import { evaluationParams, evaluationRow } from './schema.js';
import * as self from './self-evaluation.js';
import { extendWindows } from './service.js';

/** Self-evaluation, district preliminary review and the bureau's windows. Assigned experts read the entry; district governments have no part here. */
export async function evaluationEntryRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['年度评估'];
  // An expert reads only the entries assigned to them (the entry scope); others are 404.
  const readers = { access: ['admin', 'bureau', 'district', 'operator', 'expert'] as const };
  const operator = { access: ['operator'] as const };
  const district = { access: ['district'] as const };
  const base = '/evaluations/:id/entries/:entryId';
  const detail = { params: entryParams, response: { 200: entryDetail } };
  r.patch('/evaluations/:id/windows', { config: { access: ['admin', 'bureau'] as const }, schema: { tags, summary: '延长评估各阶段截止日', params: evaluationParams, body: windowsBody, response: { 200: evaluationRow } } },
    async (req) => extendWindows(db, contextOf(req), req.params.id, req.body));
  r.get(base, { config: readers, schema: { tags, summary: '参评记录：自评表、实时得分、初审意见、截止日', ...detail } },
    async (req) => self.getEntry(db, contextOf(req), req.params.id, req.params.entryId));
  r.put(base, { config: operator, schema: { tags, summary: '保存自评（事实数据、逐项说明、评审项建议分）', ...detail, body: saveEntryBody } },
    async (req) => self.saveEntry(db, contextOf(req), req.params.id, req.params.entryId, req.body));
  r.post(`${base}/preview`, { config: { access: ['admin', 'bureau', 'district', 'operator'] as const }, schema: { tags, summary: '按本年度方案试算未保存的事实数据（不保存）', params: entryParams, body: previewBody, response: { 200: entryPreview } } },
    async (req) => self.previewEntry(db, contextOf(req), req.params.id, req.params.entryId, req.body.facts));
  r.post(`${base}/submit`, { config: operator, schema: { tags, summary: '提交自评，报区县初审', ...detail } },
    async (req) => self.submitEntry(db, contextOf(req), req.params.id, req.params.entryId));
  r.put(`${base}/rows/:code/review`, { config: district, schema: { tags, summary: '区县逐项初审', params: rowParams, body: rowReviewBody, response: { 200: entryDetail } } },
    async (req) => review.reviewRow(db, contextOf(req), req.params.id, req.params.entryId, req.params.code, req.body));
  r.put(`${base}/rows/review`, { config: district, schema: { tags, summary: '区县批量初审（一次提交多项决定，全部成功或全部不保存）', params: entryParams, body: rowsReviewBody, response: { 200: entryDetail } } },
    async (req) => review.reviewRows(db, contextOf(req), req.params.id, req.params.entryId, req.body.rows));
  r.post(`${base}/return`, { config: district, schema: { tags, summary: '初审退回修改', ...detail } },
    async (req) => review.returnEntry(db, contextOf(req), req.params.id, req.params.entryId));
  r.post(`${base}/forward`, { config: district, schema: { tags, summary: '初审通过，报送市局', ...detail } },
    async (req) => review.forwardEntry(db, contextOf(req), req.params.id, req.params.entryId));
}
