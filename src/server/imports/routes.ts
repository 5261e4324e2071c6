import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { year } from '../fields.js';
import { filePart, partBuffer } from '../multipart.js';
import { contextOf } from '../plugins/auth.js';
import { sendXlsx } from '../xlsx.js';
import { MAX_IMPORT_BYTES } from './columns.js';
import { importEnterprises } from './service.js';
import { enterpriseTemplate } from './template.js';

const importFields = z.object({ platformId: z.uuid({ error: '编号格式不正确' }), year });
const importResult = z.object({
  platformId: z.string(), year: z.number().int(), rows: z.number().int(), created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(),
  enterprises: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
});

export async function importRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  // Registered here, so multipart bodies are accepted by this feature's routes only, with its limits.
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, parts: 12 } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['导入'];
  r.get('/imports/enterprise-template', { config: { access: 'user' }, schema: { tags, summary: '入驻企业名录导入模板（.xlsx）' } },
    async (_req, reply) => sendXlsx(reply, '入驻企业名录导入模板.xlsx', await enterpriseTemplate()));
  r.post('/imports/enterprises', { config: { access: 'user' },
    schema: { tags, summary: '导入入驻企业名录（multipart：platformId、year 字段在前，file 在后）', consumes: ['multipart/form-data'], response: { 200: importResult } },
  }, async (req) => {
    const { part, fields } = await filePart(req, importFields, MAX_IMPORT_BYTES);
    const content = await partBuffer(part, MAX_IMPORT_BYTES);
    return importEnterprises(db, contextOf(req), { platformId: fields.platformId, year: fields.year, filename: part.filename, content });
  });
}
