import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { contextOf } from '../plugins/auth.js';
import { idParams } from '../users/schema.js';
import { createOrgBody, organizationRow, orgListQuery, orgPage, updateOrgBody } from './schema.js';
import { createOrganization, listOrganizations, updateOrganization } from './service.js';
import { EXACT_TOTAL_NOTE } from '../pagination.js';

export async function organizationRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['机构管理'];
  r.get('/organizations', { config: { access: 'user' }, schema: { tags, summary: '机构列表（按角色范围）', description: EXACT_TOTAL_NOTE, querystring: orgListQuery, response: { 200: orgPage } } },
    async (req) => listOrganizations(db, contextOf(req), req.query));
  r.post('/organizations', { config: { access: ['admin'] }, schema: { tags, summary: '新建机构', body: createOrgBody, response: { 201: organizationRow } } },
    async (req, reply) => reply.status(201).send(await createOrganization(db, contextOf(req), req.body)));
  r.patch('/organizations/:id', { config: { access: ['admin'] }, schema: { tags, summary: '修改机构', params: idParams, body: updateOrgBody, response: { 200: organizationRow } } },
    async (req) => updateOrganization(db, contextOf(req), req.params.id, req.body));
}
