import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { Db } from '../../db/client.js';
import { errors } from '../errors.js';
import { postgresRateLimitStore, sweepRateLimitWindows } from './rate-limit-store.js';

/**
 * Security headers (CSP without inline scripts) and request budgets per session and per address,
 * counted in PostgreSQL so that every process shares them (429 answers in Chinese with Retry-After).
 */
export interface RequestBudgets {
  /** Requests a minute for one logged-in session, wherever it comes from (an office behind one NAT address shares nothing). */
  perSession: number;
  /** Requests a minute from one address without a valid session (the public portal, the login page). */
  perAddress: number;
}

/**
 * The request budget's key: the session for a logged-in caller (the access hook has resolved it
 * before this route-level hook runs, so a made-up cookie earns nothing), else the address.
 */
export function budgetKey(request: FastifyRequest): string {
  return request.auth ? `session:${request.auth.sessionId}` : `address:${request.ip}`;
}

async function securityPlugin(app: FastifyInstance, opts: { db: Db; budgets: RequestBudgets }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Element Plus sets inline style attributes for positioning popovers.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
  });
  await app.register(rateLimit, {
    global: true,
    keyGenerator: budgetKey,
    max: (_request, key) => (key.startsWith('session:') ? opts.budgets.perSession : opts.budgets.perAddress),
    timeWindow: '1 minute',
    errorResponseBuilder: () => errors.rateLimited(),
    store: postgresRateLimitStore(opts.db),
    // The counter lives in the database: while it is unreachable, serve (pages, /api/health) rather than fail every request.
    skipOnError: true,
  });
  const stopSweep = sweepRateLimitWindows(opts.db, (m) => app.log.warn(m));
  app.addHook('onClose', async () => stopSweep());
}

export default fp(securityPlugin, { name: 'security' });
