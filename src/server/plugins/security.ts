import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { Db } from '../../db/client.js';
import { errors } from '../errors.js';
import { postgresRateLimitStore, sweepRateLimitWindows } from './rate-limit-store.js';

/**
 * Security headers (CSP without inline scripts) and a per-IP request budget, counted in PostgreSQL
 * so that every process behind one address shares it (429 answers carry Retry-After).
 */
async function securityPlugin(app: FastifyInstance, opts: { db: Db; requestsPerMinute?: number }): Promise<void> {
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
    max: opts.requestsPerMinute ?? 1200,
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
