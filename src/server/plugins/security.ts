import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { errors } from '../errors.js';

/** Security headers (CSP without inline scripts) and a per-IP request budget. */
async function securityPlugin(app: FastifyInstance, opts: { requestsPerMinute?: number }): Promise<void> {
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
  });
}

export default fp(securityPlugin, { name: 'security' });
