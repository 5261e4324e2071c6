import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { art } from '../../domain/measures.js';
import { contextOf } from '../plugins/auth.js';
import { sendXlsx } from '../xlsx.js';
import {
  cycleCreateBody, cycleIdParams, cycleOut, cycleUpdateBody, delegationBody, delegationParams, figureCatalogOut, matrixOut, matrixQuery,
  myPeriodOut, reportIdParams, reportKeyParams, reportOut, returnBody, reviewItemOut, saveBody,
} from './schema.js';
import * as service from './service.js';

/** Operating-data reporting (Art 18, 20): cycles by the bureau, reports by operators, review by districts. */
export async function reportingRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['运营数据报送'];
  const bureau = { access: ['admin', 'bureau'] as const };
  const reviewers = { access: ['admin', 'bureau', 'district'] as const };
  const all = { access: ['admin', 'bureau', 'district', 'operator'] as const };
  const reporter = { access: ['operator'] as const };

  r.get('/reporting/figures', { config: all, schema: { tags, summary: '可报送的指标（按平台类型）', response: { 200: figureCatalogOut } } },
    async () => service.figureCatalog());
  r.get('/reporting/cycles', { config: bureau, schema: { tags, summary: '报送周期与期次', response: { 200: z.array(cycleOut) } } },
    async () => service.listCycles(db));
  r.post('/reporting/cycles', { config: bureau, schema: { tags, summary: '新建报送周期（按季度或年度生成期次）', body: cycleCreateBody, response: { 200: cycleOut } } },
    async (req) => service.createCycle(db, contextOf(req), req.body));
  r.put('/reporting/cycles/:id', { config: bureau, schema: { tags, summary: '修改报送周期：名称、各类平台的指标、各期截止日', params: cycleIdParams, body: cycleUpdateBody, response: { 200: cycleOut } } },
    async (req) => service.updateCycle(db, contextOf(req), req.params.id, req.body));
  r.get('/reporting/mine', { config: reporter, schema: { tags, summary: '本机构应报送的期次（状态与截止日）', response: { 200: z.array(myPeriodOut) } } },
    async (req) => service.myPeriods(db, contextOf(req)));
  r.get('/reporting/periods/:periodId/platforms/:platformId', { config: all, schema: { tags, summary: '某平台某期的报表', params: reportKeyParams, response: { 200: reportOut } } },
    async (req) => service.getReport(db, contextOf(req), req.params.periodId, req.params.platformId));
  r.put('/reporting/periods/:periodId/platforms/:platformId', { config: reporter, schema: { tags, summary: '保存报表（暂存）', params: reportKeyParams, body: saveBody, response: { 200: reportOut } } },
    async (req) => service.saveReport(db, contextOf(req), req.params.periodId, req.params.platformId, req.body.figures));
  r.post('/reporting/periods/:periodId/platforms/:platformId/submit', { config: reporter, schema: { tags, summary: '报送（须填全本期指标）', params: reportKeyParams, body: saveBody, response: { 200: reportOut } } },
    async (req) => service.submitReport(db, contextOf(req), req.params.periodId, req.params.platformId, req.body.figures));
  r.get('/reporting/review', { config: reviewers, schema: { tags, summary: '待审核与已审核的报表', response: { 200: z.array(reviewItemOut) } } },
    async (req) => service.reviewList(db, contextOf(req)));
  r.post('/reporting/reports/:id/return', { config: reviewers, schema: { tags, summary: '退回报表（须说明原因）', params: reportIdParams, body: returnBody, response: { 200: reportOut } } },
    async (req) => service.reviewReport(db, contextOf(req), req.params.id, 'return', req.body.reason));
  r.post('/reporting/reports/:id/accept', { config: reviewers, schema: { tags, summary: '审核通过（年度报表写入年度数据）', params: reportIdParams, response: { 200: reportOut } } },
    async (req) => service.reviewReport(db, contextOf(req), req.params.id, 'accept', null));
  r.get('/reporting/matrix', { config: reviewers, schema: { tags, summary: '平台×期次报送情况', querystring: matrixQuery, response: { 200: matrixOut } } },
    async (req) => service.matrix(db, contextOf(req), req.query));
  r.get('/reporting/matrix/export', { config: reviewers, schema: { tags, summary: '导出报送情况（.xlsx）', querystring: matrixQuery } },
    async (req, reply) => {
      const file = await service.exportMatrix(db, contextOf(req), req.query);
      return sendXlsx(reply, file.filename, file.body);
    });
  r.put('/reporting/delegations/:id', { config: bureau, schema: { tags, summary: `国家级平台委托报送机构（${art(18)}）`, params: delegationParams, body: delegationBody } },
    async (req) => service.setDelegation(db, contextOf(req), req.params.id, req.body.reportingOrgId));
}
