import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { contextOf } from '../plugins/auth.js';
import { affiliationBody, createUserBody, idParams, updateUserBody, userListQuery, userPage, userRow, userWithPassword } from './schema.js';
import * as service from './service.js';
import { EXACT_TOTAL_NOTE } from '../pagination.js';

export async function userRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['用户管理'];
  const admin = { access: ['admin'] as const };
  r.get('/users', { config: { access: 'user' }, schema: { tags, summary: '用户列表（按角色范围）', description: EXACT_TOTAL_NOTE, querystring: userListQuery, response: { 200: userPage } } },
    async (req) => service.listUsers(db, contextOf(req), req.query));
  r.post('/users', { config: admin, schema: { tags, summary: '新建用户（返回一次性初始密码）', body: createUserBody, response: { 201: userWithPassword } } },
    async (req, reply) => reply.status(201).send(await service.createUser(db, contextOf(req), req.body)));
  r.patch('/users/:id', { config: admin, schema: { tags, summary: '修改用户', params: idParams, body: updateUserBody, response: { 200: userRow } } },
    async (req) => service.updateUser(db, contextOf(req), req.params.id, req.body));
  r.put('/users/:id/affiliation', { config: { access: ['admin', 'bureau'] as const }, schema: { tags, summary: '设置评审专家的所属单位（分配评审时据此回避该机构运营的平台）', params: idParams, body: affiliationBody, response: { 200: userRow } } },
    async (req) => service.setAffiliation(db, contextOf(req), req.params.id, req.body));
  r.post('/users/:id/disable', { config: admin, schema: { tags, summary: '停用（其会话随之结束）', params: idParams, response: { 200: userRow } } },
    async (req) => service.setUserDisabled(db, contextOf(req), req.params.id, true));
  r.post('/users/:id/enable', { config: admin, schema: { tags, summary: '启用', params: idParams, response: { 200: userRow } } },
    async (req) => service.setUserDisabled(db, contextOf(req), req.params.id, false));
  r.post('/users/:id/unlock', { config: { access: ['security_admin'] as const }, schema: { tags, summary: '解锁', params: idParams, response: { 200: userRow } } },
    async (req) => service.unlockUser(db, contextOf(req), req.params.id));
  r.post('/users/:id/reset-totp', { config: admin, schema: { tags, summary: '重置动态口令（丢失验证器时；用户可重新启用）', params: idParams, response: { 200: userRow } } },
    async (req) => service.resetTotp(db, contextOf(req), req.params.id));
  r.post('/users/:id/reset-password', { config: admin, schema: { tags, summary: '重置密码（须在下次登录时修改）', params: idParams, response: { 200: userWithPassword } } },
    async (req) => service.resetPassword(db, contextOf(req), req.params.id));
}
