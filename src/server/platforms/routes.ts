import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { contextOf } from '../plugins/auth.js';
import { idParams } from '../users/schema.js';
import { platformListQuery, platformPage, platformRow } from './schema.js';
import { getPlatform, listPlatforms } from './service.js';

export async function platformRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['平台名录'];
  r.get('/platforms', { schema: { tags, summary: '平台列表（按角色范围）', querystring: platformListQuery, response: { 200: platformPage } } },
    async (req) => listPlatforms(db, contextOf(req), req.query));
  r.get('/platforms/:id', { schema: { tags, summary: '平台详情（范围外返回 404）', params: idParams, response: { 200: platformRow } } },
    async (req) => getPlatform(db, contextOf(req), req.params.id));
}
