import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { filePart } from '../multipart.js';
import { contextOf } from '../plugins/auth.js';
import { sendStoredFile } from '../files/send.js';
import * as decision from './decision.js';
import * as experts from './experts.js';
import {
  assignBody, assignmentParams, declineBody, expertReviewOut, objectionBody, objectionParams, ownAssignment, photoParams, proposeBody, publicityBody,
  publicityOut, recognizeBody, resolveBody, saveReviewBody,
} from './review-schema.js';
import { applicationDetail, applicationParams, reasonBody } from './schema.js';

/**
 * The experts' assessment (Art 14 (二)) and the decision (Art 14 (三) (四)) of a recognition
 * application. Registered inside recognitionRoutes, after its multipart parser.
 */
export function recognitionReviewRoutes(app: FastifyInstance, { db, maxFileBytes }: { db: Db; maxFileBytes: number }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['市级平台认定'];
  const bureau = { access: ['admin', 'bureau'] as const };
  const expert = { access: ['expert'] as const };
  const readers = { access: ['admin', 'bureau', 'district', 'district_gov', 'operator'] as const };
  const base = '/recognition/applications/:id';
  const detail = { params: applicationParams, response: { 200: applicationDetail } };

  // ---- experts: the bureau ----
  r.get(`${base}/expert-review`, { config: bureau, schema: { tags, summary: '专家评估意见对照：各专家已提交的材料核验、实地考察、必要性可行性意见和结论（不含个人笔记）', params: applicationParams, response: { 200: expertReviewOut } } },
    async (req) => experts.getExpertReview(db, contextOf(req), req.params.id));
  r.post(`${base}/experts`, { config: bureau, schema: { tags, summary: '分配评估专家（首次分配即进入专家评估；与平台运营机构或申报区县政府、人社部门有关联的专家不能分配）', params: applicationParams, body: assignBody, response: { 201: expertReviewOut } } },
    async (req, reply) => reply.status(201).send(await experts.assignExpert(db, contextOf(req), req.params.id, req.body.expertUserId)));
  r.delete(`${base}/experts/:assignmentId`, { config: bureau, schema: { tags, summary: '撤销专家分配（专家提交前）', params: assignmentParams, response: { 200: expertReviewOut } } },
    async (req) => experts.unassignExpert(db, contextOf(req), req.params.id, req.params.assignmentId));

  // ---- experts: the expert's own assignment ----
  const own = { params: applicationParams, response: { 200: ownAssignment } };
  r.get(`${base}/my-review`, { config: expert, schema: { tags, summary: '我的评估意见（材料核验、实地考察、个人笔记、必要性可行性意见）', ...own } },
    async (req) => experts.getOwnAssignment(db, contextOf(req), req.params.id));
  r.put(`${base}/my-review`, { config: expert, schema: { tags, summary: '保存评估意见草稿', ...own, body: saveReviewBody } },
    async (req) => experts.saveOwnAssignment(db, contextOf(req), req.params.id, req.body));
  r.post(`${base}/my-review/submit`, { config: expert, schema: { tags, summary: '提交评估意见（五类材料均已核验、已记录实地考察、已填写意见和结论）', ...own } },
    async (req) => experts.submitOwnAssignment(db, contextOf(req), req.params.id));
  r.post(`${base}/my-review/decline`, { config: expert, schema: { tags, summary: '申请回避（须填写理由）', params: applicationParams, body: declineBody, response: { 200: z.object({ declined: z.literal(true) }) } } },
    async (req) => experts.declineOwnAssignment(db, contextOf(req), req.params.id, req.body.reason));
  r.post(`${base}/my-review/photos`, { config: expert,
    schema: { tags, summary: '上传实地考察照片（multipart：file）', consumes: ['multipart/form-data'], params: applicationParams, response: { 201: ownAssignment.shape.photos.element } },
  }, async (req, reply) => {
    const { part } = await filePart(req, z.object({}), maxFileBytes);
    return reply.status(201).send(await experts.uploadPhoto(db, contextOf(req), req.params.id, maxFileBytes, part));
  });
  r.delete(`${base}/my-review/photos/:fileId`, { config: expert, schema: { tags, summary: '删除实地考察照片', params: photoParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await experts.deletePhoto(db, contextOf(req), req.params.id, req.params.fileId);
      return reply.status(204).send(null);
    });
  r.get(`${base}/site-photos/:fileId/download`, { config: { access: ['admin', 'bureau', 'expert'] as const }, schema: { tags, summary: '下载实地考察照片（专家本人；市局为已提交的意见）', params: photoParams } },
    async (req, reply) => {
      return sendStoredFile(reply, await experts.openPhoto(db, contextOf(req), req.params.id, req.params.fileId), false);
    });

  // ---- decision ----
  r.post(`${base}/propose`, { config: bureau, schema: { tags, summary: '确定为拟认定平台（须至少一位专家提交意见，且其余专家均已提交或回避；须填写研究意见）', ...detail, body: proposeBody } },
    async (req) => decision.propose(db, contextOf(req), req.params.id, req.body.note));
  r.get(`${base}/publicity`, { config: readers, schema: { tags, summary: '公示：发布日期、公示期（按民法典期间计算规则和法定节假日）、异议及处理、能否认定', params: applicationParams, response: { 200: publicityOut } } },
    async (req) => decision.getPublicity(db, contextOf(req), req.params.id));
  r.post(`${base}/publicity`, { config: bureau, schema: { tags, summary: '发布公示（不少于 5 天，默认自然日，可按工作日）', params: applicationParams, body: publicityBody, response: { 200: publicityOut } } },
    async (req) => decision.postPublicity(db, contextOf(req), req.params.id, req.body));
  r.post(`${base}/publicity/objections`, { config: bureau, schema: { tags, summary: '登记公示期间收到的异议', params: applicationParams, body: objectionBody, response: { 200: publicityOut } } },
    async (req) => decision.addObjection(db, contextOf(req), req.params.id, req.body));
  r.put(`${base}/publicity/objections/:objectionId`, { config: bureau, schema: { tags, summary: '处理异议（异议成立或不成立，并写明处理意见）', params: objectionParams, body: resolveBody, response: { 200: publicityOut } } },
    async (req) => decision.resolveObjection(db, contextOf(req), req.params.id, req.params.objectionId, req.body));
  r.post(`${base}/recognize`, { config: bureau, schema: { tags, summary: '认定为市级平台（公示期满且无未处理异议；登记或升级平台名录并带入认定条款）', ...detail, body: recognizeBody } },
    async (req) => decision.recognize(db, contextOf(req), req.params.id, req.body));
  r.post(`${base}/not-recognize`, { config: bureau, schema: { tags, summary: '经公示异议成立，不予认定（须说明理由）', ...detail, body: reasonBody } },
    async (req) => decision.notRecognize(db, contextOf(req), req.params.id, req.body.reason));
}
