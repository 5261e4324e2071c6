import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { Db } from '../db/client.js';
import authPlugin, { documentAccess, markRoutesPublic } from './plugins/auth.js';
import errorsPlugin from './plugins/errors.js';
import exportAuditPlugin from './plugins/export-audit.js';
import publicCachePlugin from './plugins/public-cache.js';
import type { PublicCacheLimits } from './public/cache.js';
import securityPlugin from './plugins/security.js';
import { DEFAULT_BUDGETS, DEFAULT_SYNC_MS, RequestBudget, type RequestBudgets } from './plugins/request-budget.js';
import { installChineseZodMessages } from './zod-zh.js';
import { installFieldKeys, type FieldKeys } from './crypto/field-keys.js';
import { apiRoutes } from './routes.js';
import { healthRoutes } from './health/routes.js';
import { textCheckingValidatorCompiler } from './validation.js';
import { compiledSerializerCompiler } from './serialization.js';
import { responseCheckFrom } from '../config.js';
import { serveWeb } from './web/files.js';

export interface AppOptions {
  db: Db;
  secureCookies?: boolean;
  trustProxy?: boolean;
  logLevel?: string;
  /** Login attempts per address per minute (tests raise it; one test lowers it); default 60. */
  loginRateLimit?: number;
  /** Objections filed per hour from one address on the public portal (default 5). */
  objectionRateLimit?: number;
  /** Built Vue app; served with an index.html fallback for client-side routes. */
  webDir?: string | null;
  /** Upload limit for attachments (default 20 MB). */
  maxFileBytes?: number;
  /** Requests a minute per signed-in session and per address without a session (DEFAULT_BUDGETS); the benchmark lifts both. */
  requestsPerMinute?: Partial<Pick<RequestBudgets, 'perSession' | 'perAddress'>>;
  /** How often the request budget's counts are reported to PostgreSQL (ms, default 1000). */
  rateLimitSyncMs?: number;
  /** The request budget's clock (ms); tests pin it inside a minute so that no window ends mid-test. */
  rateLimitClock?: () => number;
  /** The key ring for sealed personal data and the results code; the server's database start installs the configured one, tests pass theirs. */
  fieldKeys?: FieldKeys;
  /** Bounds of the public answers cache (src/server/public/cache.ts); tests lower them. */
  publicCache?: PublicCacheLimits;
  /** Check every response with zod as well as serializing it compiled (default: HRSP_RESPONSE_CHECK, on under NODE_ENV=test). */
  responseCheck?: boolean;
  /** Told of each response schema as it is compiled, with the reason when it stays on the zod path (src/server/serialization.test.ts). */
  onSerializerCompile?: (route: string, fallbackReason: string | null) => void;
}

export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  installChineseZodMessages();
  if (options.fieldKeys) installFieldKeys(options.fieldKeys);
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info', redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(textCheckingValidatorCompiler);
  app.setSerializerCompiler(compiledSerializerCompiler({
    check: options.responseCheck ?? responseCheckFrom(process.env),
    ...(options.onSerializerCompile ? { onCompile: options.onSerializerCompile } : {}),
  }));
  await app.register(errorsPlugin, { db: options.db });
  // First: a cached public answer goes out before any other hook (its security headers are replayed with it).
  await app.register(publicCachePlugin, options.publicCache ? { limits: options.publicCache } : {});
  const budgets: RequestBudgets = {
    perSession: options.requestsPerMinute?.perSession ?? DEFAULT_BUDGETS.perSession,
    perAddress: options.requestsPerMinute?.perAddress ?? DEFAULT_BUDGETS.perAddress,
    login: options.loginRateLimit ?? DEFAULT_BUDGETS.login,
  };
  const budget = new RequestBudget(options.db, budgets, options.rateLimitSyncMs ?? DEFAULT_SYNC_MS, (m) => app.log.warn(m), options.rateLimitClock);
  await app.register(securityPlugin, { db: options.db, budget });
  // No parsing hook: the session cookie is the only one read, by the auth hook, and only on routes that need it.
  await app.register(cookie, { hook: false });
  await app.register(authPlugin, { db: options.db, budget });
  await app.register(exportAuditPlugin, { db: options.db });
  await app.register(swagger, {
    openapi: {
      info: { title: 'HRSP 重庆市人力资源服务发展平台管理系统 API', version: '1' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'hrsp_sid' } } },
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      return { ...out, schema: documentAccess(out.schema, input.route.config?.access) };
    },
  });
  await app.register(async (docs) => {
    docs.addHook('onRoute', markRoutesPublic);
    await docs.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  });
  await app.register(healthRoutes, { db: options.db });
  await app.register(apiRoutes, {
    prefix: '/api/v1', db: options.db, secureCookies: options.secureCookies ?? false,
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, objectionRateLimit: options.objectionRateLimit ?? 5,
  });
  if (options.webDir && fs.existsSync(path.join(options.webDir, 'index.html'))) await serveWeb(app, options.webDir);
  return app;
}
