import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { contextOf } from '../plugins/auth.js';
import { saveYearBody, versionParams, versionResponse, yearParams, yearResponse, yearsResponse } from './schema.js';
import * as calendar from './service.js';

/** 节假日安排: the system administrator's (三员: business configuration is admin's, not security_admin's). */
export async function calendarRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['节假日安排'];
  const admin = { access: ['admin'] as const };
  r.get('/calendar/holidays', { config: admin, schema: { tags, summary: '节假日安排：各年度概况', response: { 200: yearsResponse } } },
    async () => calendar.listYears(db));
  r.get('/calendar/holidays/:year', { config: admin, schema: { tags, summary: '节假日安排：某年度现行版本与历史版本', params: yearParams, response: { 200: yearResponse } } },
    async (req) => calendar.getYear(db, req.params.year));
  r.get('/calendar/holidays/:year/versions/:version', { config: admin, schema: { tags, summary: '节假日安排：某一历史版本', params: versionParams, response: { 200: versionResponse } } },
    async (req) => calendar.getVersion(db, req.params.year, req.params.version));
  r.put('/calendar/holidays/:year', { config: admin, schema: { tags, summary: '保存某年度节假日安排（生成新版本）', params: yearParams, body: saveYearBody, response: { 200: yearResponse } } },
    async (req) => calendar.saveYear(db, contextOf(req), req.params.year, req.body));
}
