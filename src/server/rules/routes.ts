import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../errors.js';
import { checkInputSchema, checkResultSchema, scoreInputSchema, scoreResponseSchema } from './schema.js';
import { checkDocument, scoreDocument, type ServiceResult } from './service.js';

/** The engine's typed errors become the one error format, each naming its field. */
function unwrap<T>(result: ServiceResult<T>): T {
  if (result.ok) return result.value;
  const details = result.value.errors.map((e) => ({ field: e.path ?? '', message: e.message }));
  throw new AppError('RULES_INPUT_INVALID', 400, details.map((d) => d.message).join('；'), details);
}

export async function rulesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['规则引擎'];
  r.post('/rules/score', { config: { access: 'user' }, schema: { tags, summary: '按年度评分方案计算得分表（附表2/3/4），含算式说明与差距分析', body: scoreInputSchema, response: { 200: scoreResponseSchema } } },
    async (req) => unwrap(scoreDocument(req.body)));
  r.post('/rules/check', { config: { access: 'user' }, schema: { tags, summary: '认定条件核验（第十至十三条、第十六、十七条）', body: checkInputSchema, response: { 200: checkResultSchema } } },
    async (req) => unwrap(checkDocument(req.body)));
}
