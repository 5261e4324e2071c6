import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { todayIso } from '../clock.js';
import { cacheKey, followChanges, PublicCache, type CachedAnswer, type PublicCacheLimits, type PublicTopic, type Ticket } from '../public/cache.js';

/**
 * Server-side cache of public GET answers (src/server/public/cache.ts). A route opts in with one
 * line, naming what its answer shows: `config: { access: 'public', publicCache: ['directory'] }`.
 *
 * A hit is answered from the first app-level onRequest hook (registered before the security
 * plugin), before the route's own hooks (the request budget's counter, validation) and the
 * handler: no database query, no serialization, no security headers computed again: the answer
 * replays the headers the full path produced (helmet's included; they are the same for every
 * answer). A cache hit is not counted in the anonymous request budget: it costs no database
 * work, which is what the budget protects (so it carries no x-ratelimit-* headers either).
 * Each answer carries an ETag (SM3 of the body) and `Cache-Control: public, max-age=0,
 * must-revalidate`: a browser or proxy may keep it but asks every time (a 304 costs a header),
 * because a notice withdrawn or a result corrected must not linger in caches the server cannot reach.
 */
declare module 'fastify' {
  interface FastifyContextConfig {
    /** What a public GET answer shows: it is cached until a write to one of these topics' tables. */
    publicCache?: readonly PublicTopic[];
  }
  interface FastifyRequest {
    publicCacheTicket: Ticket | null;
  }
}

export const PUBLIC_CACHE_CONTROL = 'public, max-age=0, must-revalidate';
/** Response headers not replayed: set per response by Node, by this plugin, or by the request budget (counts of that request). */
const notReplayed = new Set(['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'etag', 'cache-control', 'x-hrsp-cache', 'retry-after']);
/** Describe the body: not sent with a 304. */
const bodyHeaders = new Set(['content-type', 'content-disposition', 'content-encoding', 'content-language']);

function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (typeof header !== 'string') return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === etag || tag === `W/${etag}` || tag === '*';
  });
}

function replyWith(request: FastifyRequest, reply: FastifyReply, answer: CachedAnswer): FastifyReply {
  const unchanged = notModified(request, answer.etag);
  for (const [name, value] of Object.entries(answer.headers)) if (!unchanged || !bodyHeaders.has(name)) void reply.header(name, value);
  void reply.header('etag', answer.etag).header('cache-control', PUBLIC_CACHE_CONTROL).header('x-hrsp-cache', 'hit');
  return unchanged ? reply.code(304).send() : reply.code(200).send(answer.body);
}

/** The headers to replay with a cached answer, or null when the answer must not be kept (it sets a cookie). */
function replayable(reply: FastifyReply): Record<string, string> | null {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (name === 'set-cookie') return null;
    if (notReplayed.has(name) || name.startsWith('x-ratelimit-') || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
}

async function publicCachePlugin(app: FastifyInstance, opts: { limits?: PublicCacheLimits }): Promise<void> {
  const cache = new PublicCache(opts.limits);
  const unfollow = followChanges(cache);
  app.decorate('publicCache', cache);
  app.decorateRequest('publicCacheTicket', null);
  app.addHook('onClose', async () => {
    unfollow();
  });

  // Callback hooks, not async ones: they run on every request, and most requests are not public
  // answers, so the common path returns at once without a promise.
  app.addHook('onRequest', (request, reply, done) => {
    const topics = request.routeOptions.config.publicCache;
    if (topics === undefined || request.method !== 'GET' || !cache.enabled()) {
      done();
      return;
    }
    // The day is part of the key: answers show countdowns (a notice's days left) and what is current.
    const key = `${todayIso()} ${cacheKey(request.url)}`;
    const hit = cache.get(key);
    // Answered here: `done` is not called, so no later hook or handler runs.
    if (hit) {
      replyWith(request, reply, hit);
      return;
    }
    request.publicCacheTicket = cache.ticket(key, topics);
    done();
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    const ticket = request.publicCacheTicket;
    if (!ticket || reply.statusCode !== 200 || !(typeof payload === 'string' || Buffer.isBuffer(payload))) {
      done(null, payload);
      return;
    }
    const headers = replayable(reply);
    const stored = headers ? cache.set(ticket, payload, headers) : null;
    if (!stored) {
      done(null, payload);
      return;
    }
    void reply.header('etag', stored.etag).header('cache-control', PUBLIC_CACHE_CONTROL).header('x-hrsp-cache', 'miss');
    if (notModified(request, stored.etag)) {
      void reply.code(304);
      done(null, '');
      return;
    }
    done(null, payload);
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    publicCache: PublicCache;
  }
}

export default fp(publicCachePlugin, { name: 'public-cache' });
