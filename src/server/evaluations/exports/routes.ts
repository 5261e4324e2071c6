import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../db/client.js';
import { contextOf } from '../../plugins/auth.js';
import { sendXlsx } from '../../xlsx.js';
import { entryParams } from '../entries/schema.js';
import { evaluationParams } from '../campaign/schema.js';
import { exportEntrySheet, exportResults } from './service.js';

/** Downloads for printing and filing: one entry's score sheet and report, a campaign's results. */
export async function sheetExportRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['年度评估'];
  r.get('/evaluations/:id/entries/:entryId/sheet.xlsx', {
    config: { access: ['admin', 'bureau', 'district', 'operator'] as const },
    schema: { tags, summary: '下载评分表（附表2/3/4，含得分）与自评报告（.xlsx）', params: entryParams },
  }, async (req, reply) => {
    const file = await exportEntrySheet(db, contextOf(req), req.params.id, req.params.entryId);
    return sendXlsx(reply, file.filename, file.body);
  });
  r.get('/evaluations/:id/results.xlsx', { config: { access: 'user' },
    schema: { tags, summary: '导出评估结果（结果列表与各平台评分表，.xlsx；公布前仅市人力社保局）', params: evaluationParams },
  }, async (req, reply) => {
    const file = await exportResults(db, contextOf(req), req.params.id);
    return sendXlsx(reply, file.filename, file.body);
  });
}
