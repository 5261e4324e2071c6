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

/** Where the API's answers are (JSON, downloads, previews); /api/docs is a page and keeps the page set. */
const API_PREFIX = '/api/v1/';

/**
 * The headers of an API answer: OWASP's set for REST answers (REST Security Cheat Sheet,
 * "Security headers") instead of the page set. `no-store`, because signed-in answers carry
 * personal data that no browser or proxy should keep (a route that may be kept says so itself:
 * the public cache's answers, static files). A CSP that allows nothing, since nothing in a JSON
 * answer or a download is to run; framing by the app itself stays allowed for the file preview
 * (which sets its own CSP). The page set's other headers govern documents (opener, agent
 * cluster, DNS prefetch, IE8 downloads, Flash policies, the old XSS auditor) and mean nothing
 * on a JSON answer; each costs every answer a validated header.
 */
export const API_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'self'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
};

/**
 * Security headers on every answer (the page set, or the API set under /api/v1/), and the
 * request budget's lifecycle: it reports its counts to PostgreSQL while the app runs (the auth
 * plugin charges each request once the session is known).
 */
async function securityPlugin(app: FastifyInstance, opts: { db: Db; budget: RequestBudget }): Promise<void> {
  const headers = await securityHeaders();
  app.addHook('onRequest', (request, reply, done) => {
    void reply.headers(request.url.startsWith(API_PREFIX) ? API_HEADERS : headers);
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
