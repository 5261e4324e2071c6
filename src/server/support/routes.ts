import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { art, artRange } from '../../domain/measures.js';
import { contextOf } from '../plugins/auth.js';
import { createBody, eligibilityOut, eligibilityQuery, itemOut, itemParams, listOut, listQuery, totalsOut, totalsQuery, updateBody, voidBody } from './schema.js';
import { sendXlsx } from '../xlsx.js';
import * as service from './service.js';

/** 支持措施 (Art 23–26, 32): the register of support items, the grade-based eligibility, totals. */
export async function supportRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['支持措施'];
  const readers = { access: ['admin', 'bureau', 'district', 'district_gov', 'operator'] as const };
  const writers = { access: ['admin', 'bureau', 'district'] as const };

  r.get('/support/eligibility', { config: readers, schema: { tags, summary: `平台本年度评估等次对该项扶持意味着什么（${art(32)}、${art(33)}）`, querystring: eligibilityQuery, response: { 200: eligibilityOut } } },
    async (req) => service.eligibility(db, contextOf(req), req.query));
  r.get('/support/items', { config: readers, schema: { tags, summary: `扶持事项登记（${artRange(23, 26)}），按本角色范围`, querystring: listQuery, response: { 200: listOut } } },
    async (req) => service.listItems(db, contextOf(req), req.query));
  r.get('/support/items/export', { config: readers, schema: { tags, summary: '导出筛选后的扶持事项（.xlsx）', querystring: listQuery } },
    async (req, reply) => {
      const file = await service.exportItems(db, contextOf(req), req.query);
      return sendXlsx(reply, file.filename, file.body);
    });
  r.get('/support/totals', { config: readers, schema: { tags, summary: '扶持事项按平台、区县或年度汇总（件数、金额，元）', querystring: totalsQuery, response: { 200: totalsOut } } },
    async (req) => service.supportTotals(db, contextOf(req), req.query.by, req.query));
  r.get('/support/items/:id', { config: readers, schema: { tags, summary: '扶持事项详情（范围外返回 404）', params: itemParams, response: { 200: itemOut } } },
    async (req) => service.getItem(db, contextOf(req), req.params.id));
  r.post('/support/items', { config: writers, schema: { tags, summary: '登记扶持事项（等次不符合时须填写理由；区县人社局只登记本区县的扶持资金或补助）', body: createBody, response: { 200: itemOut } } },
    async (req) => service.createItem(db, contextOf(req), req.body));
  r.patch('/support/items/:id', { config: writers, schema: { tags, summary: '修改扶持事项（改年度或类别时重新核对评估等次，等次不符合须填写理由）', params: itemParams, body: updateBody, response: { 200: itemOut } } },
    async (req) => service.updateItem(db, contextOf(req), req.params.id, req.body));
  r.post('/support/items/:id/void', { config: writers, schema: { tags, summary: '作废扶持事项（须说明原因；记录保留于审计日志）', params: itemParams, body: voidBody, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.voidItem(db, contextOf(req), req.params.id, req.body.reason);
      return reply.code(204).send(null);
    });
}
