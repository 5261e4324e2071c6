import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { contextOf } from '../plugins/auth.js';
import { platformIdParams } from '../platforms/schema.js';
import { sendXlsx } from '../xlsx.js';
import { exportYearData } from './export.js';
import { conditionCheck, conditionsQuery, putYearDataBody, yearDataDetail, yearDataSummary, yearParams } from './schema.js';
import * as service from './service.js';

export async function yearDataRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['年度数据与认定条件'];
  r.get('/platforms/:id/year-data', { config: { access: 'user' }, schema: { tags, summary: '有数据的年度', params: platformIdParams, response: { 200: z.array(yearDataSummary) } } },
    async (req) => service.listYears(db, contextOf(req), req.params.id));
  r.get('/platforms/:id/year-data/export', { config: { access: 'user' }, schema: { tags, summary: '导出各年度数据（.xlsx）', params: platformIdParams } },
    async (req, reply) => {
      const file = await exportYearData(db, contextOf(req), req.params.id);
      return sendXlsx(reply, file.filename, file.body);
    });
  r.get('/platforms/:id/year-data/:year', { config: { access: 'user' }, schema: { tags, summary: '某年度运营数据与推算事实', params: yearParams, response: { 200: yearDataDetail } } },
    async (req) => service.getYearData(db, contextOf(req), req.params.id, req.params.year));
  r.put('/platforms/:id/year-data/:year', { config: { access: 'user' }, schema: { tags, summary: '保存某年度运营数据（按平台类型校验）', params: yearParams, body: putYearDataBody, response: { 200: yearDataDetail } } },
    async (req) => service.putYearData(db, contextOf(req), req.params.id, req.params.year, req.body.data));
  r.get('/platforms/:id/conditions', { config: { access: 'user' }, schema: { tags, summary: '认定条件核验（按年度数据）', params: platformIdParams, querystring: conditionsQuery, response: { 200: conditionCheck } } },
    async (req) => service.checkPlatformConditions(db, contextOf(req), req.params.id, req.query.year));
}
