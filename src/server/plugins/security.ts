import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { Db } from '../../db/client.js';
import type { RequestBudget } from './request-budget.js';
import { sweepRateLimitWindows } from './rate-limit-store.js';

export { DEFAULT_BUDGETS, type RequestBudgets } from './request-budget.js';

/** Security headers: a CSP without inline scripts, and helmet's other defaults. */
const HELMET_OPTIONS: FastifyHelmetOptions = {
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
};

/** Headers every answer has whatever sets them; not part of what helmet adds. */
const notHelmet = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * The headers helmet sets, computed once: helmet itself answers one request on a throwaway
 * instance at start. They are the same for every answer (no CSP nonces), and helmet's own hook
 * would rebuild them, the CSP included, on every request.
 */
export async function securityHeaders(): Promise<Record<string, string>> {
  const probe = Fastify({ logger: false });
  await probe.register(helmet, HELMET_OPTIONS);
  probe.get('/', () => '');
  const res = await probe.inject({ url: '/' });
  await probe.close();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (!notHelmet.has(name) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
}

/**
 * Security headers on every answer, and the request budget's lifecycle: it reports its counts to
 * PostgreSQL while the app runs (the auth plugin charges each request once the session is known).
 */
async function securityPlugin(app: FastifyInstance, opts: { db: Db; budget: RequestBudget }): Promise<void> {
  const headers = await securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
  opts.budget.start();
  const stopSweep = sweepRateLimitWindows(opts.db, (m) => app.log.warn(m));
  app.addHook('onClose', async () => {
    stopSweep();
    await opts.budget.stop();
  });
}

export default fp(securityPlugin, { name: 'security' });
