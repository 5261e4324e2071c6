import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { auditPage, auditQuery, loginPage, loginQuery } from './schema.js';
import * as service from './service.js';

export async function logRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['审计'];
  const admin = { access: ['admin'] as const };
  r.get('/audit-log', { config: admin, schema: { tags, summary: '审计日志', querystring: auditQuery, response: { 200: auditPage } } },
    async (req) => service.auditPage(db, req.query));
  r.get('/login-log', { config: admin, schema: { tags, summary: '登录日志', querystring: loginQuery, response: { 200: loginPage } } },
    async (req) => service.loginPage(db, req.query));
}
