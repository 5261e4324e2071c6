import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { art } from '../../domain/measures.js';
import { contextOf } from '../plugins/auth.js';
import { platformIdParams } from '../platforms/schema.js';
import { decideBody, filingDetail, filingList, filingListQuery, filingTextBody, policyBody, policyList, policyQuery } from './schema.js';
import * as service from './service.js';

/** Art 16: district recognition policies, the district's recognition of its platforms and their filing (备案). */
export async function districtRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['区县认定与备案'];
  const readers = ['admin', 'bureau', 'district'] as const;
  const bureau = ['admin', 'bureau'] as const;
  r.get('/district-policies', { config: { access: [...readers] }, schema: { tags, summary: `区县认定政策（各版本；区县人社局只看本区县，${art(16)}）`, querystring: policyQuery, response: { 200: policyList } } },
    async (req) => service.listPolicies(db, contextOf(req), req.query.districtCode));
  r.post('/district-policies', { config: { access: ['district'] }, schema: { tags, summary: '登记本区县认定政策的新版本（文号、施行日期、各类型认定标准）', body: policyBody, response: { 201: policyList } } },
    async (req, reply) => reply.code(201).send(await service.createPolicy(db, contextOf(req), req.body)));
  r.get('/district-filings', { config: { access: [...readers] }, schema: { tags, summary: '区县级平台备案（市局看全部，区县人社局看本区县）', querystring: filingListQuery, response: { 200: filingList } } },
    async (req) => service.listFilings(db, contextOf(req), req.query));
  r.get('/platforms/:id/district-filing', { config: { access: [...readers] }, schema: { tags, summary: '区县级平台的区县认定与备案', params: platformIdParams, response: { 200: filingDetail } } },
    async (req) => service.getFiling(db, contextOf(req), req.params.id));
  r.post('/platforms/:id/district-filing/decide', { config: { access: ['district'] }, schema: { tags, summary: '记录区县认定决定（按区县认定政策核验）', params: platformIdParams, body: decideBody, response: { 200: filingDetail } } },
    async (req) => service.decide(db, contextOf(req), req.params.id, req.body));
  r.post('/platforms/:id/district-filing/file', { config: { access: ['district'] }, schema: { tags, summary: '报市人力社保局备案（或答复问题后重新报备）', params: platformIdParams, body: filingTextBody, response: { 200: filingDetail } } },
    async (req) => service.file(db, contextOf(req), req.params.id, req.body.text));
  r.post('/platforms/:id/district-filing/question', { config: { access: [...bureau] }, schema: { tags, summary: '对区县级平台备案提出问题', params: platformIdParams, body: filingTextBody, response: { 200: filingDetail } } },
    async (req) => service.question(db, contextOf(req), req.params.id, req.body.text));
  r.post('/platforms/:id/district-filing/acknowledge', { config: { access: [...bureau] }, schema: { tags, summary: '确认区县级平台备案（平台转为已备案）', params: platformIdParams, body: filingTextBody, response: { 200: filingDetail } } },
    async (req) => service.acknowledge(db, contextOf(req), req.params.id, req.body.text));
}
