import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { contextOf } from '../plugins/auth.js';
import { platformIdParams } from '../platforms/schema.js';
import { siteBody, siteParams, sitePatch, siteRow, staffBody, staffParams, staffPatch, staffRow } from './schema.js';
import * as service from './service.js';

export async function siteRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['平台场地与人员'];
  const params = platformIdParams;
  r.get('/platforms/:id/sites', { config: { access: 'user' }, schema: { tags, summary: '场地列表', params, response: { 200: z.array(siteRow) } } },
    async (req) => service.listSites(db, contextOf(req), req.params.id));
  r.post('/platforms/:id/sites', { config: { access: 'user' }, schema: { tags, summary: '新增场地', params, body: siteBody, response: { 201: siteRow } } },
    async (req, reply) => reply.status(201).send(await service.createSite(db, contextOf(req), req.params.id, req.body)));
  r.patch('/platforms/:id/sites/:siteId', { config: { access: 'user' }, schema: { tags, summary: '修改场地', params: siteParams, body: sitePatch, response: { 200: siteRow } } },
    async (req) => service.updateSite(db, contextOf(req), req.params.id, req.params.siteId, req.body));
  r.delete('/platforms/:id/sites/:siteId', { config: { access: 'user' }, schema: { tags, summary: '删除场地', params: siteParams } },
    async (req, reply) => {
      await service.deleteSite(db, contextOf(req), req.params.id, req.params.siteId);
      return reply.status(204).send();
    });
  r.get('/platforms/:id/staff', { config: { access: 'user' }, schema: { tags, summary: '人员列表', params, response: { 200: z.array(staffRow) } } },
    async (req) => service.listStaff(db, contextOf(req), req.params.id));
  r.post('/platforms/:id/staff', { config: { access: 'user' }, schema: { tags, summary: '新增人员', params, body: staffBody, response: { 201: staffRow } } },
    async (req, reply) => reply.status(201).send(await service.createStaff(db, contextOf(req), req.params.id, req.body)));
  r.patch('/platforms/:id/staff/:staffId', { config: { access: 'user' }, schema: { tags, summary: '修改人员', params: staffParams, body: staffPatch, response: { 200: staffRow } } },
    async (req) => service.updateStaff(db, contextOf(req), req.params.id, req.params.staffId, req.body));
  r.delete('/platforms/:id/staff/:staffId', { config: { access: 'user' }, schema: { tags, summary: '删除人员', params: staffParams } },
    async (req, reply) => {
      await service.deleteStaff(db, contextOf(req), req.params.id, req.params.staffId);
      return reply.status(204).send();
    });
}
