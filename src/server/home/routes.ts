import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { roles } from '../../domain/auth/roles.js';
import { contextOf } from '../plugins/auth.js';
import { homeSummary } from './service.js';

const summary = z.object({
  role: z.enum(roles),
  counts: z.array(z.object({ label: z.string(), value: z.number() })),
  /** Work waiting for the user (the bureau: Art 17 deadlines passed unmet), each with the page where it is done. */
  tasks: z.array(z.object({ kind: z.string(), title: z.string(), link: z.string(), due: z.string().nullable().optional() })),
  /** Figures that mean something to the role (not the number cards again); null when the role has none. */
  chart: z.object({ title: z.string(), categories: z.array(z.string()), series: z.array(z.object({ name: z.string(), data: z.array(z.number().nullable()) })) }).nullable(),
});

export async function homeRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get('/home', { config: { access: 'user' }, schema: { tags: ['首页'], summary: '本角色首页：数字、待办（链接到办理页面，含截止日）和统计图', response: { 200: summary } } },
    async (req) => homeSummary(db, contextOf(req)));
}
