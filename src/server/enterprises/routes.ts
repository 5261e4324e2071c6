import type { FastifyInstance } from 'fastify';
import { usccReviewerRoles } from '../../domain/enterprises/uscc-input.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { contextOf } from '../plugins/auth.js';
import { platformIdParams } from '../platforms/schema.js';
import { sendXlsx } from '../xlsx.js';
import { exportEnterprises, exportResidences } from './export.js';
import * as residences from './residences.js';
import {
  duplicateRow, duplicatesQuery, enterpriseDetail, enterpriseListQuery, enterprisePage, enterpriseParams, enterprisePatch, enterpriseRow,
  industryRow, residenceBody, residenceListQuery, residencePage, residenceParams, residencePatch, residenceRow,
} from './schema.js';
import * as service from './service.js';
import { EXACT_TOTAL_NOTE } from '../pagination.js';

export async function enterpriseRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['入驻企业'];
  r.get('/enterprises/industries', { config: { access: 'user' }, schema: { tags, summary: '行业门类（GB/T 4754-2017）', response: { 200: z.array(industryRow) } } },
    async () => service.listIndustries());
  r.get('/enterprises', { config: { access: 'user' }, schema: { tags, summary: '企业列表（入驻在可见平台的企业）', description: EXACT_TOTAL_NOTE, querystring: enterpriseListQuery, response: { 200: enterprisePage } } },
    async (req) => service.listEnterprises(db, contextOf(req), req.query));
  r.get('/enterprises/export', { config: { access: 'user' }, schema: { tags, summary: '导出企业列表（.xlsx）', querystring: enterpriseListQuery } },
    async (req, reply) => {
      const file = await exportEnterprises(db, contextOf(req), req.query);
      return sendXlsx(reply, file.filename, file.body);
    });
  r.get('/enterprises/:id', { config: { access: 'user' }, schema: { tags, summary: '企业详情', params: enterpriseParams, response: { 200: enterpriseDetail } } },
    async (req) => service.getEnterprise(db, contextOf(req), req.params.id));
  r.post('/enterprises/:id/accept-uscc', { config: { access: [...usccReviewerRoles] }, schema: { tags, summary: '接受代码校验未通过的说明（区县人社局、市局审核；接受前该企业不计入统计）', params: enterpriseParams, response: { 200: enterpriseRow } } },
    async (req) => service.acceptUscc(db, contextOf(req), req.params.id));
  r.patch('/enterprises/:id', { config: { access: 'user' }, schema: { tags, summary: '修改企业信息', params: enterpriseParams, body: enterprisePatch, response: { 200: enterpriseRow } } },
    async (req) => service.updateEnterprise(db, contextOf(req), req.params.id, req.body));
  r.get('/platforms/:id/residences', { config: { access: 'user' }, schema: { tags, summary: '平台某年度入驻企业', params: platformIdParams, querystring: residenceListQuery, response: { 200: residencePage } } },
    async (req) => residences.listResidences(db, contextOf(req), req.params.id, req.query));
  r.get('/platforms/:id/residences/export', { config: { access: 'user' }, schema: { tags, summary: '导出入驻企业名录（.xlsx，列同导入模板）', params: platformIdParams, querystring: residenceListQuery } },
    async (req, reply) => {
      const file = await exportResidences(db, contextOf(req), req.params.id, req.query);
      return sendXlsx(reply, file.filename, file.body);
    });
  r.post('/platforms/:id/residences', { config: { access: 'user' }, schema: { tags, summary: '登记入驻企业（按统一社会信用代码建立或更新企业）', params: platformIdParams, body: residenceBody, response: { 201: residenceRow } } },
    async (req, reply) => reply.status(201).send(await residences.createResidence(db, contextOf(req), req.params.id, req.body)));
  r.get('/residences/duplicates', { config: { access: ['admin', 'bureau', 'district', 'district_gov'] }, schema: { tags, summary: '同一年度在多个平台线下入驻的企业', querystring: duplicatesQuery, response: { 200: z.array(duplicateRow) } } },
    async (req) => residences.listDuplicates(db, contextOf(req), req.query.year));
  r.patch('/residences/:id', { config: { access: 'user' }, schema: { tags, summary: '修改入驻记录', params: residenceParams, body: residencePatch, response: { 200: residenceRow } } },
    async (req) => residences.updateResidence(db, contextOf(req), req.params.id, req.body));
  r.delete('/residences/:id', { config: { access: 'user' }, schema: { tags, summary: '删除入驻记录', params: residenceParams } },
    async (req, reply) => {
      await residences.deleteResidence(db, contextOf(req), req.params.id);
      return reply.status(204).send();
    });
}
