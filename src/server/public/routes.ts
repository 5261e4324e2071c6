import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { listPublicPlatforms } from '../platforms/service.js';
import { platformListQuery, publicPlatformPage } from '../platforms/schema.js';
import { isDemoDatabase } from '../settings/service.js';
import { publicResults, publicResultsDocument, publicYears } from '../evaluations/5-publication/service.js';
import { publicResults as publicResultsSchema, publicYear, yearParams } from '../evaluations/4-panel/schema.js';
import { listDistricts } from './repository.js';

const district = z.object({ code: z.string(), name: z.string(), kind: z.enum(['district', 'county', 'autonomous-county', 'functional-zone']), region: z.string() });

export async function publicRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['公众门户'];
  const config = { access: 'public' as const };
  // Cached answers (src/server/plugins/public-cache.ts), each naming what it shows.
  const directory = { access: 'public' as const, publicCache: ['directory'] as const };
  const districtList = { access: 'public' as const, publicCache: ['districts'] as const };
  const results = { access: 'public' as const, publicCache: ['results'] as const };
  r.get('/public/info', { config, schema: { tags, summary: '系统信息', response: { 200: z.object({ demo: z.boolean(), systemName: z.string() }) } } },
    async () => ({ demo: await isDemoDatabase(db), systemName: '重庆市人力资源服务发展平台管理系统' }));
  r.get('/public/districts', { config: districtList, schema: { tags, summary: '区县（含功能区）', response: { 200: z.array(district) } } },
    async () => listDistricts(db));
  r.get('/public/platforms', { config: directory, schema: { tags, summary: '已认定、已备案平台名录', querystring: platformListQuery, response: { 200: publicPlatformPage } } },
    async (req) => listPublicPlatforms(db, req.query));
  r.get('/public/evaluations', { config: results, schema: { tags, summary: '已公布评估结果的年度', response: { 200: z.array(publicYear) } } },
    async () => publicYears(db));
  r.get('/public/evaluations/:year/results', { config: results, schema: { tags, summary: '年度评估结果（平台名称、类型、级别、区县、等次）', params: yearParams, response: { 200: publicResultsSchema } } },
    async (req) => publicResults(db, req.params.year));
  // Exactly the bytes the results code signs; no response schema, so nothing re-serializes them.
  r.get('/public/evaluations/:year/results.json', { config: results, schema: { tags, summary: '年度评估结果校验文件（结果校验码所签的原文）', params: yearParams } },
    async (req, reply) => reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="hrsp-results-${req.params.year}.json"`)
      .send(await publicResultsDocument(db, req.params.year)));
}
