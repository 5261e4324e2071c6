import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { contextOf } from '../plugins/auth.js';
import { markReadBody, notificationPage, notificationQuery } from './schema.js';
import * as service from './service.js';

export async function notificationRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['消息通知'];
  r.get('/notifications', { config: { access: 'user' }, schema: { tags, summary: '我的消息（新的在前）', querystring: notificationQuery, response: { 200: notificationPage } } },
    async (req) => service.listMine(db, contextOf(req), req.query));
  r.get('/notifications/unread-count', { config: { access: 'user' }, schema: { tags, summary: '未读消息数', response: { 200: z.object({ unread: z.number() }) } } },
    async (req) => service.unreadCount(db, contextOf(req)));
  r.post('/notifications/read', { config: { access: 'user' }, schema: { tags, summary: '标为已读（不给 ids 则全部）', body: markReadBody, response: { 200: z.object({ updated: z.number() }) } } },
    async (req) => service.markRead(db, contextOf(req), req.body.ids ?? null));
}
