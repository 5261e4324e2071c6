import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { contextOf } from '../plugins/auth.js';
import { securitySettingsSchema } from './schema.js';
import { getSecuritySettings, updateSecuritySettings } from './service.js';

export async function settingsRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['系统设置'];
  // Security settings are the security administrator's (三员), not the system administrator's.
  const admin = { access: ['security_admin'] as const };
  r.get('/settings', { config: admin, schema: { tags, summary: '安全设置', response: { 200: securitySettingsSchema } } },
    async () => getSecuritySettings(db));
  r.put('/settings', { config: admin, schema: { tags, summary: '修改安全设置', body: securitySettingsSchema, response: { 200: securitySettingsSchema } } },
    async (req) => updateSecuritySettings(db, contextOf(req), req.body));
}
