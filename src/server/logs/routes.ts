import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { sendXlsx } from '../xlsx.js';
import { auditExportQuery, auditPage, auditQuery, chainReport, loginExportQuery, loginPage, loginQuery } from './schema.js';
import * as service from './service.js';
import { EXACT_TOTAL_NOTE } from '../pagination.js';

export async function logRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['审计'];
  // The auditor alone reads the logs (三员): the administrators who act cannot read or hide their traces.
  const auditor = { access: ['auditor'] as const };
  r.get('/audit-log', { config: auditor, schema: { tags, summary: '审计日志', description: EXACT_TOTAL_NOTE, querystring: auditQuery, response: { 200: auditPage } } },
    async (req) => service.auditPage(db, req.query));
  r.get('/audit-log/export', { config: auditor, schema: { tags, summary: '导出审计日志（.xlsx，筛选同列表）', querystring: auditExportQuery } },
    async (req, reply) => {
      const file = await service.auditExport(db, req.query);
      return sendXlsx(reply, file.filename, file.body);
    });
  r.get('/login-log/export', { config: auditor, schema: { tags, summary: '导出登录日志（.xlsx，筛选同列表）', querystring: loginExportQuery } },
    async (req, reply) => {
      const file = await service.loginExport(db, req.query);
      return sendXlsx(reply, file.filename, file.body);
    });
  r.get('/audit-log/verify', { config: auditor, schema: { tags, summary: '校验审计日志哈希链（SM3）', response: { 200: chainReport } } },
    async () => service.verify(db, 'audit'));
  r.get('/login-log/verify', { config: auditor, schema: { tags, summary: '校验登录日志哈希链（SM3）', response: { 200: chainReport } } },
    async () => service.verify(db, 'login'));
  r.get('/login-log', { config: auditor, schema: { tags, summary: '登录日志', description: EXACT_TOTAL_NOTE, querystring: loginQuery, response: { 200: loginPage } } },
    async (req) => service.loginPage(db, req.query));
}
