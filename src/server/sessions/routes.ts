import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { roles } from '../../domain/auth/roles.js';
import { contextOf, sessionOf } from '../plugins/auth.js';
import { idParams } from '../users/schema.js';
import { forceLogout, onlineSessions } from './service.js';

const onlineSession = z.object({
  id: z.string(), userId: z.string(), username: z.string(), displayName: z.string(), role: z.enum(roles),
  organizationName: z.string(), ip: z.string().nullable(), userAgent: z.string().nullable(),
  createdAt: z.string(), lastSeenAt: z.string(), current: z.boolean(),
});

export async function sessionRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['在线用户'];
  // Online sessions and forced logout are the security administrator's (三员).
  const admin = { access: ['security_admin'] as const };
  r.get('/sessions', { config: admin, schema: { tags, summary: '在线用户（未超时的会话）', response: { 200: z.array(onlineSession) } } },
    async (req) => onlineSessions(db, sessionOf(req).sessionId));
  r.delete('/sessions/:id', { config: admin, schema: { tags, summary: '强制下线', params: idParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await forceLogout(db, contextOf(req), req.params.id);
      return reply.status(204).send(null);
    });
}
