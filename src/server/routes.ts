import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client.js';
import { authRoutes } from './auth/routes.js';
import { calendarRoutes } from './calendar/routes.js';
import { districtRoutes } from './district/routes.js';
import { enterpriseRoutes } from './enterprises/routes.js';
import { fileRoutes } from './files/routes.js';
import { homeRoutes } from './home/routes.js';
import { importRoutes } from './imports/routes.js';
import { notificationRoutes } from './notifications/routes.js';
import { logRoutes } from './logs/routes.js';
import { organizationRoutes } from './organizations/routes.js';
import { platformRoutes } from './platforms/routes.js';
import { preparationRoutes } from './preparation/routes.js';
import { objectionRoutes } from './objections/routes.js';
import { publicRoutes } from './public/routes.js';
import { publicityRoutes } from './publicity/routes.js';
import { recognitionRoutes } from './recognition/routes.js';
import { districtEvaluationRoutes } from './district-evaluations/routes.js';
import { evaluationRoutes } from './evaluations/routes.js';
import { rulesRoutes } from './rules/routes.js';
import { schemeRoutes } from './schemes/routes.js';
import { sessionRoutes } from './sessions/routes.js';
import { settingsRoutes } from './settings/routes.js';
import { supportRoutes } from './support/routes.js';
import { siteRoutes } from './sites/routes.js';
import { statisticsRoutes } from './statistics/routes.js';
import { userRoutes } from './users/routes.js';
import { yearDataRoutes } from './yeardata/routes.js';
import { reportingRoutes } from './reporting/routes.js';

/** Every feature's routes under /api/v1. */
export interface ApiOptions {
  db: Db;
  secureCookies: boolean;
  maxFileBytes: number;
  objectionRateLimit: number;
}

export async function apiRoutes(app: FastifyInstance, opts: ApiOptions): Promise<void> {
  const { db } = opts;
  await app.register(authRoutes, { db, secureCookies: opts.secureCookies });
  await app.register(publicRoutes, { db });
  await app.register(homeRoutes, { db });
  await app.register(userRoutes, { db });
  await app.register(organizationRoutes, { db });
  await app.register(logRoutes, { db });
  await app.register(sessionRoutes, { db });
  await app.register(settingsRoutes, { db });
  await app.register(calendarRoutes, { db });
  await app.register(platformRoutes, { db });
  await app.register(siteRoutes, { db });
  await app.register(enterpriseRoutes, { db });
  await app.register(yearDataRoutes, { db });
  await app.register(reportingRoutes, { db });
  await app.register(statisticsRoutes, { db });
  await app.register(importRoutes, { db });
  await app.register(fileRoutes, { db, maxFileBytes: opts.maxFileBytes });
  await app.register(rulesRoutes);
  await app.register(schemeRoutes, { db });
  await app.register(evaluationRoutes, { db });
  await app.register(notificationRoutes, { db });
  await app.register(recognitionRoutes, { db, maxFileBytes: opts.maxFileBytes });
  await app.register(preparationRoutes, { db });
  await app.register(supportRoutes, { db });
  await app.register(publicityRoutes, { db, maxFileBytes: opts.maxFileBytes });
  await app.register(objectionRoutes, { db, maxFileBytes: opts.maxFileBytes, ratePerHour: opts.objectionRateLimit });
  await app.register(districtEvaluationRoutes, { db, maxFileBytes: opts.maxFileBytes });
  await app.register(districtRoutes, { db });
}
