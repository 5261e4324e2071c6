import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import type { Role } from '../../domain/auth/roles.js';
import { contextOf } from '../plugins/auth.js';
import { sendXlsx } from '../xlsx.js';
import { anomaliesQuery, anomaliesResponse, exportQuery, figuresQuery, figuresResponse, gradesResponse, trendsQuery, trendsResponse } from './schema.js';
import * as statistics from './service.js';

/** The bureau (and the system administrator) sees the city by district; a district unit its own district and the city totals. */
const READERS: Role[] = ['admin', 'bureau', 'district'];
const tags = ['统计分析'];

export async function statisticsRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/statistics/figures', { config: { access: READERS }, schema: { tags, summary: '年度主要指标：全市、分区县、分性质、分级别', querystring: figuresQuery, response: { 200: figuresResponse } } },
    async (req) => statistics.figures(db, contextOf(req), req.query));
  r.get('/statistics/trends', { config: { access: READERS }, schema: { tags, summary: '主要指标的年度趋势', querystring: trendsQuery, response: { 200: trendsResponse } } },
    async (req) => statistics.trends(db, contextOf(req), req.query));
  r.get('/statistics/grades', { config: { access: READERS }, schema: { tags, summary: '已公布评估结果的等次分布', querystring: figuresQuery, response: { 200: gradesResponse } } },
    async (req) => statistics.grades(db, contextOf(req), req.query));
  r.get('/statistics/anomalies', { config: { access: READERS }, schema: { tags, summary: '异常数据提示', querystring: anomaliesQuery, response: { 200: anomaliesResponse } } },
    async (req) => statistics.anomalies(db, contextOf(req), req.query));
  r.get('/statistics/export', { config: { access: READERS }, schema: { tags, summary: '导出图表数据（.xlsx）', querystring: exportQuery } },
    async (req, reply) => {
      const file = await statistics.exportChart(db, contextOf(req), req.query);
      return sendXlsx(reply, file.filename, file.body);
    });
}
