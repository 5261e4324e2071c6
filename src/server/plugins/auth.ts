import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Role } from '../../domain/auth/roles.js';
import type { Db } from '../../db/client.js';
import { resolveSession, type ResolvedSession } from '../auth/service.js';
import type { RequestContext } from '../context.js';
import { errors } from '../errors.js';

/**
 * Who may call a route. `public`: anyone; `session`: logged in, even before the forced
 * password change; `user` (the default): logged in with a valid password; a role list: those roles.
 */
export type Access = 'public' | 'session' | 'user' | readonly Role[];

declare module 'fastify' {
  interface FastifyRequest {
    auth: ResolvedSession | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** Login is the one state change made without a session, so without a CSRF token. */
    csrf?: false;
  }
}

export const SESSION_COOKIE = 'hrsp_sid';
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function enforceAccess(request: FastifyRequest): void {
  const config = request.routeOptions.config;
  const access: Access = config.access ?? 'user';
  if (access === 'public') return;
  const auth = request.auth;
  if (!auth) throw errors.unauthenticated();
  if (unsafeMethods.has(request.method) && config.csrf !== false) {
    const header = request.headers['x-csrf-token'];
    if (typeof header !== 'string' || !sameToken(header, auth.csrfToken)) throw errors.csrf();
  }
  if (access === 'session') return;
  if (auth.mustChangePassword) throw errors.passwordChangeRequired();
  if (access !== 'user' && !access.includes(auth.actor.role)) throw errors.forbidden();
}

export function sessionOf(request: FastifyRequest): ResolvedSession {
  if (!request.auth) throw errors.unauthenticated();
  return request.auth;
}

export function contextOf(request: FastifyRequest): RequestContext {
  if (!request.auth) throw errors.unauthenticated();
  return { actor: request.auth.actor, ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  void reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

async function authPlugin(app: FastifyInstance, opts: { db: Db }): Promise<void> {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    // The web app's files and the API documentation carry no data; everything else under /api does.
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    const token = request.cookies[SESSION_COOKIE];
    request.auth = token ? await resolveSession(opts.db, token) : null;
    enforceAccess(request);
  });
}

export default fp(authPlugin, { name: 'auth', dependencies: ['@fastify/cookie'] });
