import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../db/client.js';
import { contextOf } from '../../plugins/auth.js';
import { entryDetail, entryParams, rowParams, rowReviewBody, rowsReviewBody } from '../entries/schema.js';
import * as review from './service.js';

/** Art 30 (二) the district's preliminary review: row decisions, return, forward to the bureau. */
export async function districtReviewRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['年度评估'];
  const district = { access: ['district'] as const };
  const base = '/evaluations/:id/entries/:entryId';
  const detail = { params: entryParams, response: { 200: entryDetail } };
  r.put(`${base}/rows/:code/review`, { config: district, schema: { tags, summary: '区县逐项初审', params: rowParams, body: rowReviewBody, response: { 200: entryDetail } } },
    async (req) => review.reviewRow(db, contextOf(req), req.params.id, req.params.entryId, req.params.code, req.body));
  r.put(`${base}/rows/review`, { config: district, schema: { tags, summary: '区县批量初审（一次提交多项决定，全部成功或全部不保存）', params: entryParams, body: rowsReviewBody, response: { 200: entryDetail } } },
    async (req) => review.reviewRows(db, contextOf(req), req.params.id, req.params.entryId, req.body.rows));
  r.post(`${base}/return`, { config: district, schema: { tags, summary: '初审退回修改', ...detail } },
    async (req) => review.returnEntry(db, contextOf(req), req.params.id, req.params.entryId));
  r.post(`${base}/forward`, { config: district, schema: { tags, summary: '初审通过，报送市局', ...detail } },
    async (req) => review.forwardEntry(db, contextOf(req), req.params.id, req.params.entryId));
}
