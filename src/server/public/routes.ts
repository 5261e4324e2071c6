import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { listPublicPlatforms } from '../platforms/service.js';
import { platformListQuery, platformTotalNote, publicPlatformPage } from '../platforms/schema.js';
import { isDemoDatabase } from '../settings/service.js';
import { publicResults, publicResultsDocument, publicYears } from '../evaluations/5-publication/service.js';
import { publicResults as publicResultsSchema, publicYear, yearParams } from '../evaluations/4-panel/schema.js';
import { XLSX_MIME } from '../xlsx.js';
import { listDistricts } from './repository.js';
import { openDataCatalog, publicPlatformDetail, publicDistrict, publicPlatformParams } from './schema.js';
import { directoryFile, openDataCatalog as catalog, publicPlatform, resultsFile, type DataFile } from './service.js';

/** RFC 6266: a readable ASCII name for old clients and the Chinese name in filename* (RFC 5987). */
function disposition(f: DataFile): string {
  const encoded = encodeURIComponent(f.filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${f.asciiName}"; filename*=UTF-8''${encoded}`;
}

function sendFile(reply: FastifyReply, f: DataFile, format: 'xlsx' | 'csv'): FastifyReply {
  return reply
    .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MIME)
    .header('content-disposition', disposition(f))
    .header('x-content-type-options', 'nosniff')
    .send(f.body);
}

export async function publicRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['公众门户'];
  const config = { access: 'public' as const };
  // Cached answers (src/server/plugins/public-cache.ts), each naming what it shows.
  const directory = { access: 'public' as const, publicCache: ['directory'] as const };
  const districtList = { access: 'public' as const, publicCache: ['districts'] as const };
  const results = { access: 'public' as const, publicCache: ['results'] as const };
  const directoryAndResults = { access: 'public' as const, publicCache: ['directory', 'results'] as const };
  r.get('/public/info', { config, schema: { tags, summary: '系统信息', response: { 200: z.object({ demo: z.boolean(), systemName: z.string() }) } } },
    async () => ({ demo: await isDemoDatabase(db), systemName: '重庆市人力资源服务发展平台管理系统' }));
  r.get('/public/districts', { config: districtList, schema: { tags, summary: '区县（含功能区）', response: { 200: z.array(publicDistrict) } } },
    async () => listDistricts(db));
  r.get('/public/platforms', { config: directory, schema: { tags, summary: '已认定、已备案平台名录', description: platformTotalNote, querystring: platformListQuery, response: { 200: publicPlatformPage } } },
    async (req) => listPublicPlatforms(db, req.query));
  r.get('/public/platforms/:id', {
    config: directoryAndResults,
    schema: { tags, summary: '名录中平台的公开信息（不含联系人等个人信息）；未认定、未备案的平台为 404', params: publicPlatformParams, response: { 200: publicPlatformDetail } },
  }, async (req) => publicPlatform(db, req.params.id));
  r.get('/public/platforms.xlsx', { config, schema: { tags, summary: '开放数据：平台名录（.xlsx，含数据字典）' } },
    async (_req, reply) => sendFile(reply, await directoryFile(db, 'xlsx'), 'xlsx'));
  r.get('/public/platforms.csv', { config, schema: { tags, summary: '开放数据：平台名录（CSV，UTF-8 带 BOM）' } },
    async (_req, reply) => sendFile(reply, await directoryFile(db, 'csv'), 'csv'));
  r.get('/public/open-data', { config: directoryAndResults, schema: { tags, summary: '开放数据目录：数据集、使用许可、数据字典', response: { 200: openDataCatalog } } },
    async () => catalog(db));
  r.get('/public/evaluations', { config: results, schema: { tags, summary: '已公布评估结果的年度', response: { 200: z.array(publicYear) } } },
    async () => publicYears(db));
  r.get('/public/evaluations/:year/results', { config: results, schema: { tags, summary: '年度评估结果（平台名称、类型、级别、区县、等次）', params: yearParams, response: { 200: publicResultsSchema } } },
    async (req) => publicResults(db, req.params.year));
  r.get('/public/evaluations/:year/results.xlsx', { config, schema: { tags, summary: '开放数据：年度评估结果（.xlsx，含数据字典）', params: yearParams } },
    async (req, reply) => sendFile(reply, await resultsFile(db, req.params.year, 'xlsx'), 'xlsx'));
  r.get('/public/evaluations/:year/results.csv', { config, schema: { tags, summary: '开放数据：年度评估结果（CSV，UTF-8 带 BOM）', params: yearParams } },
    async (req, reply) => sendFile(reply, await resultsFile(db, req.params.year, 'csv'), 'csv'));
  // Exactly the bytes the results code signs; no response schema, so nothing re-serializes them.
  r.get('/public/evaluations/:year/results.json', { config: results, schema: { tags, summary: '年度评估结果校验文件（结果校验码所签的原文）', params: yearParams } },
    async (req, reply) => reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="hrsp-results-${req.params.year}.json"`)
      .send(await publicResultsDocument(db, req.params.year)));
}
