import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client.js';
import { authRoutes } from './auth/routes.js';
import { homeRoutes } from './home/routes.js';
import { logRoutes } from './logs/routes.js';
import { organizationRoutes } from './organizations/routes.js';
import { platformRoutes } from './platforms/routes.js';
import { publicRoutes } from './public/routes.js';
import { rulesRoutes } from './rules/routes.js';
import { sessionRoutes } from './sessions/routes.js';
import { settingsRoutes } from './settings/routes.js';
import { userRoutes } from './users/routes.js';

/** Every feature's routes under /api/v1. */
export async function apiRoutes(app: FastifyInstance, opts: { db: Db; secureCookies: boolean; loginRateLimit: number }): Promise<void> {
  const { db } = opts;
  await app.register(authRoutes, { db, secureCookies: opts.secureCookies, loginRateLimit: opts.loginRateLimit });
  await app.register(publicRoutes, { db });
  await app.register(homeRoutes, { db });
  await app.register(userRoutes, { db });
  await app.register(organizationRoutes, { db });
  await app.register(logRoutes, { db });
  await app.register(sessionRoutes, { db });
  await app.register(settingsRoutes, { db });
  await app.register(platformRoutes, { db });
  await app.register(rulesRoutes);
}
