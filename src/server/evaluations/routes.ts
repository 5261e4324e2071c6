import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import { campaignRoutes } from './campaign/routes.js';
import { selfEvaluationRoutes } from './1-self-evaluation/routes.js';
import { districtReviewRoutes } from './2-district-review/routes.js';
import { expertReviewRoutes } from './3-expert-review/routes.js';
import { evaluationPanelRoutes } from './4-panel/routes.js';
import { publicationRoutes } from './5-publication/routes.js';
import { sheetExportRoutes } from './exports/routes.js';

/** The annual evaluation, step by step as Art 30 runs it: self-evaluation, district review, the bureau's review (experts, panel), publication. */
export async function evaluationRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  await campaignRoutes(app, { db });
  await selfEvaluationRoutes(app, { db });
  await districtReviewRoutes(app, { db });
  await expertReviewRoutes(app, { db });
  await evaluationPanelRoutes(app, { db });
  await publicationRoutes(app, { db });
  await sheetExportRoutes(app, { db });
}
