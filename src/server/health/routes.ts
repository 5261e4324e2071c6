import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { checkHealth } from './service.js';

const healthy = z.object({ status: z.literal('ok'), database: z.literal('ok') });

/** GET /api/health: 200 while the database answers, 503 with a Chinese message while it does not. */
export async function healthRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get('/api/health', {
    config: { access: 'public' },
    schema: { tags: ['系统'], summary: '健康检查（检查数据库连接）', response: { 200: healthy } },
  }, async () => checkHealth(db));
}
