import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { art, artRange } from '../../domain/measures.js';
import { contextOf } from '../plugins/auth.js';
import { createBody, eligibilityOut, eligibilityQuery, itemOut, itemParams, listOut, listQuery, totalsOut, totalsQuery, updateBody } from './schema.js';
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
  r.get('/support/totals', { config: readers, schema: { tags, summary: '扶持事项按平台、区县或年度汇总（件数、金额，元）', querystring: totalsQuery, response: { 200: totalsOut } } },
    async (req) => service.supportTotals(db, contextOf(req), req.query.by, req.query));
  r.get('/support/items/:id', { config: readers, schema: { tags, summary: '扶持事项详情（范围外返回 404）', params: itemParams, response: { 200: itemOut } } },
    async (req) => service.getItem(db, contextOf(req), req.params.id));
  r.post('/support/items', { config: writers, schema: { tags, summary: '登记扶持事项（等次不符合时须填写理由；区县人社局只登记本区县的扶持资金或补助）', body: createBody, response: { 200: itemOut } } },
    async (req) => service.createItem(db, contextOf(req), req.body));
  r.patch('/support/items/:id', { config: writers, schema: { tags, summary: '修改扶持事项的结果、金额或备注', params: itemParams, body: updateBody, response: { 200: itemOut } } },
    async (req) => service.updateItem(db, contextOf(req), req.params.id, req.body));
}
