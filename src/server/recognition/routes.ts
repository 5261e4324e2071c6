import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { MAX_IMPORT_BYTES } from '../imports/columns.js';
import { filePart } from '../multipart.js';
import { contextOf } from '../plugins/auth.js';
import { sendXlsx } from '../xlsx.js';
import { sendStoredFile } from '../files/send.js';
import * as application from './application.js';
import { uploadDirectory } from './directory.js';
import * as check from './check.js';
import { exportFormSheet } from './export.js';
import * as materials from './materials.js';
import * as opinions from './opinions.js';
import { recognitionReviewRoutes } from './review-routes.js';
import {
  applicationDetail, applicationPage, applicationParams, checklistBody, checkResponse, createBody, fileParams, formBody, listQuery, opinionBody,
  reasonBody, termsBody, uploadFields,
} from './schema.js';
import { z } from 'zod';
import { art } from '../../domain/measures.js';

/**
 * Recognition of municipal platforms (Art 14): the district government's application, the two
 * opinions, the bureau's check; the experts' assessment, publicity and decision are in review-routes.ts.
 * Operators read the applications of their own platform, experts those they are assigned to.
 */
export async function recognitionRoutes(app: FastifyInstance, { db, maxFileBytes }: { db: Db; maxFileBytes: number }): Promise<void> {
  await app.register(multipart, { limits: { fileSize: maxFileBytes, files: 1, fields: 10, parts: 12 } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['市级平台认定'];
  // An expert reads the applications it is assigned to (the scope admits no other).
  const readers = { access: ['admin', 'bureau', 'district', 'district_gov', 'operator', 'expert'] as const };
  const gov = { access: ['district_gov'] as const };
  const hrss = { access: ['district'] as const };
  const bureau = { access: ['admin', 'bureau'] as const };
  const base = '/recognition/applications/:id';
  const detail = { params: applicationParams, response: { 200: applicationDetail } };

  // ---- the application (district government) ----
  r.get('/recognition/applications', { config: readers, schema: { tags, summary: '认定申请列表（区县只见本区县，运营方只见本平台）', querystring: listQuery, response: { 200: applicationPage } } },
    async (req) => application.listApplications(db, contextOf(req), req.query));
  r.post('/recognition/applications', { config: gov, schema: { tags, summary: '区县政府新建认定申请（附表1）；区县级平台申报市级的，给 platformId 由登记信息预填', body: createBody, response: { 201: applicationDetail } } },
    async (req, reply) => reply.status(201).send(await application.createApplication(db, contextOf(req), req.body)));
  r.get(base, { config: readers, schema: { tags, summary: '认定申请详情：附表1、申报材料、两级意见、办理记录', ...detail } },
    async (req) => application.getApplication(db, contextOf(req), req.params.id));
  r.put(base, { config: gov, schema: { tags, summary: '保存申请表（区县政府填报或退回修改时）', ...detail, body: formBody } },
    async (req) => application.updateApplication(db, contextOf(req), req.params.id, req.body));
  r.post(`${base}/send`, { config: gov, schema: { tags, summary: '提交区县人社局出具意见（申请表和五类材料须齐全）', ...detail } },
    async (req) => application.sendToHrss(db, contextOf(req), req.params.id));
  r.post(`${base}/withdraw`, { config: gov, schema: { tags, summary: '撤回申请', ...detail, body: reasonBody } },
    async (req) => application.withdrawApplication(db, contextOf(req), req.params.id, req.body.reason));

  r.get(`${base}/form.xlsx`, { config: readers, schema: { tags, summary: '导出附表1（认定申请表，含区县人社局和区县政府意见，.xlsx）', params: applicationParams } },
    async (req, reply) => {
      const file = await exportFormSheet(db, contextOf(req), req.params.id);
      return sendXlsx(reply, file.filename, file.body);
    });

  // ---- materials and seals ----
  r.post(`${base}/files`, { config: { access: ['district_gov', 'district', 'operator'] as const },
    schema: { tags, summary: '上传申报材料、意见盖章件或筹建验收材料（multipart：purpose 字段在前，file 在后）', consumes: ['multipart/form-data'], params: applicationParams, response: { 201: applicationDetail.shape.seals.element } },
  }, async (req, reply) => reply.status(201).send(
    await materials.uploadApplicationFile(db, contextOf(req), req.params.id, maxFileBytes, () => filePart(req, uploadFields, maxFileBytes)),
  ));
  r.post(`${base}/directory`, { config: gov,
    schema: { tags, summary: '上传入驻企业名录（导入模板格式，multipart：file），由名录计算入驻企业数和营业收入，并作为第 4 类申报材料保存', consumes: ['multipart/form-data'], ...detail },
  }, async (req) => {
    const limit = Math.min(maxFileBytes, MAX_IMPORT_BYTES);
    const { part } = await filePart(req, z.object({}), limit);
    return uploadDirectory(db, contextOf(req), req.params.id, limit, part);
  });
  r.get(`${base}/files/:fileId/download`, { config: readers, schema: { tags, summary: '下载申报材料', params: fileParams } },
    async (req, reply) => sendStoredFile(reply, await materials.openApplicationFile(db, contextOf(req), req.params.id, req.params.fileId, false), false));
  r.get(`${base}/files/:fileId/preview`, { config: readers, schema: { tags, summary: '在线预览申报材料（仅 PDF 与图片）', params: fileParams } },
    async (req, reply) => sendStoredFile(reply, await materials.openApplicationFile(db, contextOf(req), req.params.id, req.params.fileId, true), true));
  r.delete(`${base}/files/:fileId`, { config: { access: ['district_gov', 'district', 'operator'] as const }, schema: { tags, summary: '删除申报材料、意见盖章件或筹建验收材料', params: fileParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await materials.deleteApplicationFile(db, contextOf(req), req.params.id, req.params.fileId);
      return reply.status(204).send(null);
    });

  // ---- opinions ----
  r.post(`${base}/hrss-opinion`, { config: hrss, schema: { tags, summary: '区县人社局出具意见（正文、日期、签发人、盖章件）', ...detail, body: opinionBody } },
    async (req) => opinions.giveHrssOpinion(db, contextOf(req), req.params.id, req.body));
  r.post(`${base}/hrss-return`, { config: hrss, schema: { tags, summary: '区县人社局退回区县政府修改', ...detail, body: reasonBody } },
    async (req) => opinions.hrssReturn(db, contextOf(req), req.params.id, req.body.reason));
  r.post(`${base}/gov-submit`, { config: gov, schema: { tags, summary: '区县政府出具意见并报送市局', ...detail, body: opinionBody } },
    async (req) => opinions.govSubmit(db, contextOf(req), req.params.id, req.body));

  // ---- the bureau's check ----
  r.get(`${base}/check`, { config: bureau, schema: { tags, summary: '认定条件核验：每项条件的数值、门槛、条款、刚性或原则性，定性事项核验清单', params: applicationParams, response: { 200: checkResponse } } },
    async (req) => check.getCheck(db, contextOf(req), req.params.id));
  r.put(`${base}/checklist`, { config: bureau, schema: { tags, summary: '确认或取消确认一项定性条件（记录确认人和时间）', params: applicationParams, body: checklistBody, response: { 200: checkResponse } } },
    async (req) => check.setChecklistItem(db, contextOf(req), req.params.id, req.body));
  r.put(`${base}/terms`, { config: bureau, schema: { tags, summary: `记录${art(17)}降低标准、达成时限和接受的原则性条件缺口`, params: applicationParams, body: termsBody, response: { 200: checkResponse } } },
    async (req) => check.setTerms(db, contextOf(req), req.params.id, req.body));
  r.post(`${base}/return`, { config: bureau, schema: { tags, summary: '退回区县（须说明理由）', ...detail, body: reasonBody } },
    async (req) => check.bureauReturn(db, contextOf(req), req.params.id, req.body.reason));
  r.post(`${base}/reject`, { config: bureau, schema: { tags, summary: '不予认定（须说明理由）', ...detail, body: reasonBody } },
    async (req) => check.rejectApplication(db, contextOf(req), req.params.id, req.body.reason));

  // ---- experts, publicity, decision ----
  recognitionReviewRoutes(app, { db, maxFileBytes });
}
