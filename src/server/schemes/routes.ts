import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { contextOf } from '../plugins/auth.js';
import { cloneSchemeBody, schemeDetail, schemeDiff, schemeDocumentBody, schemeParams, schemeRow } from './schema.js';
import * as service from './service.js';

export async function schemeRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['评分方案'];
  // Score schemes set the year's indicators and weights (Art 29): the bureau's decision alone.
  const config = { access: ['admin', 'bureau'] as const };
  r.get('/schemes', { config, schema: { tags, summary: '评分方案列表', response: { 200: z.array(schemeRow) } } },
    async () => service.listSchemes(db));
  r.get('/schemes/:id', { config, schema: { tags, summary: '评分方案（含完整方案内容）', params: schemeParams, response: { 200: schemeDetail } } },
    async (req) => service.getScheme(db, req.params.id));
  r.post('/schemes/:id/clone', { config, schema: { tags, summary: '复制为新年度的草稿', params: schemeParams, body: cloneSchemeBody, response: { 201: schemeDetail } } },
    async (req, reply) => reply.status(201).send(await service.cloneScheme(db, contextOf(req), req.params.id, req.body)));
  r.put('/schemes/:id', { config, schema: { tags, summary: '替换草稿的方案内容（经规则引擎校验）', params: schemeParams, body: schemeDocumentBody, response: { 200: schemeDetail } } },
    async (req) => service.replaceDocument(db, contextOf(req), req.params.id, req.body));
  r.get('/schemes/:id/diff', { config, schema: { tags, summary: '与所复制的基础方案对比', params: schemeParams, response: { 200: schemeDiff } } },
    async (req) => service.diffScheme(db, req.params.id));
  r.post('/schemes/:id/adopt', { config, schema: { tags, summary: '发布采用（此后不可修改）', params: schemeParams, response: { 200: schemeDetail } } },
    async (req) => service.adoptScheme(db, contextOf(req), req.params.id));
}
