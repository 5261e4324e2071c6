import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.js';
import { contextOf } from '../../plugins/auth.js';
import { entryParams } from '../entries/schema.js';
import * as experts from './service.js';
import { assignBody, assignmentParams, assignmentRow, declineBody, entryReview, finishReviewBody, myAssignmentRow, ownAssignment, previewAssignmentBody, reviewSheet, saveAssignmentBody } from './schema.js';

/** Municipal review (Art 30 (三)): the bureau assigns experts and finishes the review; each expert works on their own assignment. */
export async function expertReviewRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['年度评估'];
  const bureau = { access: ['admin', 'bureau'] as const };
  const expert = { access: ['expert'] as const };
  const base = '/evaluations/:id/entries/:entryId';
  r.get('/expert/assignments', { config: expert, schema: { tags, summary: '我的评审任务（各年度）', response: { 200: z.array(myAssignmentRow) } } },
    async (req) => experts.listMyAssignments(db, contextOf(req)));
  r.get(`${base}/experts`, { config: bureau, schema: { tags, summary: '本平台的评审专家及其评审意见（不含专家个人笔记）', params: entryParams, response: { 200: z.array(assignmentRow) } } },
    async (req) => experts.listExperts(db, contextOf(req), req.params.id, req.params.entryId));
  r.post(`${base}/experts`, { config: bureau, schema: { tags, summary: '分配评审专家（首次分配即开始市级评审）', params: entryParams, body: assignBody, response: { 201: assignmentRow } } },
    async (req, reply) => reply.status(201).send(await experts.assignExpert(db, contextOf(req), req.params.id, req.params.entryId, req.body)));
  r.delete(`${base}/experts/:assignmentId`, { config: bureau, schema: { tags, summary: '撤销专家分配（专家提交前）', params: assignmentParams } },
    async (req, reply) => {
      await experts.unassignExpert(db, contextOf(req), req.params.id, req.params.entryId, req.params.assignmentId);
      return reply.status(204).send();
    });
  r.get(`${base}/review`, { config: bureau, schema: { tags, summary: '评审得分与自评得分对照（规则引擎计算）', params: entryParams, response: { 200: entryReview } } },
    async (req) => experts.getReview(db, contextOf(req), req.params.id, req.params.entryId));
  r.post(`${base}/finish-review`, { config: bureau, schema: { tags, summary: '完成市级评审（录入评审组评分），固定评审得分', params: entryParams, body: finishReviewBody.nullish(), response: { 200: entryReview } } },
    async (req) => experts.finishReview(db, contextOf(req), req.params.id, req.params.entryId, req.body ?? {}));
  const own = { params: entryParams, response: { 200: ownAssignment } };
  r.get(`${base}/assignment`, { config: expert, schema: { tags, summary: '我的评审意见（核实更正、评审项打分、现场检查、个人笔记）', ...own } },
    async (req) => experts.getOwnAssignment(db, contextOf(req), req.params.id, req.params.entryId));
  r.put(`${base}/assignment`, { config: expert, schema: { tags, summary: '保存我的评审意见', ...own, body: saveAssignmentBody } },
    async (req) => experts.saveOwnAssignment(db, contextOf(req), req.params.id, req.params.entryId, req.body));
  r.post(`${base}/assignment/preview`, { config: expert, schema: { tags, summary: '按未保存的更正与评分试算评审得分（不保存）', params: entryParams, body: previewAssignmentBody, response: { 200: reviewSheet } } },
    async (req) => experts.previewOwnAssignment(db, contextOf(req), req.params.id, req.params.entryId, req.body));
  r.post(`${base}/assignment/decline`, { config: expert, schema: { tags, summary: '利益冲突回避（须填写理由）', params: entryParams, body: declineBody, response: { 200: assignmentRow } } },
    async (req) => experts.declineOwnAssignment(db, contextOf(req), req.params.id, req.params.entryId, req.body.reason));
  r.post(`${base}/assignment/submit`, { config: expert, schema: { tags, summary: '提交评审意见', ...own } },
    async (req) => experts.submitOwnAssignment(db, contextOf(req), req.params.id, req.params.entryId));
}
