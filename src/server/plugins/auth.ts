import crypto from 'node:crypto';
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { Role } from '../../domain/auth/roles.js';
import type { Db } from '../../db/client.js';
import { resolveSession, resolveSessionNow, type ResolvedSession } from '../auth/service.js';
import type { RequestContext } from '../context.js';
import { errors } from '../errors.js';
import type { BudgetLeft, RequestBudget } from './request-budget.js';

/**
 * Who may call a route. `public`: anyone; `session`: logged in, even before the forced
 * password change; `user`: logged in with a valid password; a role list: those roles.
 * Every route declares one; a route that declares none is refused to everybody (deny by default).
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

/**
 * Decided from the route the router matched, never from the URL: the router decodes and
 * normalises what it matches (`/%61pi/v1/…` is `/api/v1/…`), a prefix test on the raw URL does not.
 * An unmatched request (the not-found handler) declares nothing and so is refused too.
 */
function enforceAccess(request: FastifyRequest, access: Access | undefined): void {
  const auth = request.auth;
  if (!auth) throw errors.unauthenticated();
  if (access === undefined) {
    // A logged-in user's unknown URL goes on to the plain 404; a matched route without a declaration is refused.
    if (request.is404) return;
    throw errors.forbidden();
  }
  const config = request.routeOptions.config;
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

async function authPlugin(app: FastifyInstance, opts: { db: Db; budget?: RequestBudget }): Promise<void> {
  app.decorateRequest('auth', null);
  // Deny by default, twice: a route that declares no access is refused at run time, and the
  // app does not start with one, naming it. Checked when ready, as plugins mark their own routes late.
  const registered: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    registered.push(route);
  });
  app.addHook('onReady', async () => {
    const undeclared = registered.filter((route) => route.config?.access === undefined).map((route) => `${String(route.method)} ${route.url}`);
    if (undeclared.length > 0) throw new Error(`routes declare no access (config.access): ${undeclared.join(', ')}`);
  });
  // The request budget is charged between resolving the session and enforcing access: a signed-in
  // caller by session, anyone else by address, and an anonymous 401 counts like any other request.
  const showLeft = (reply: FastifyReply, left: BudgetLeft | null) => {
    if (left) void reply.header('x-ratelimit-limit', left.limit).header('x-ratelimit-remaining', left.remaining);
  };
  /** Charges the budget and enforces access; a promise only when something had to be waited for (a login's count). */
  const admit = (request: FastifyRequest, reply: FastifyReply, access: Access | undefined): Promise<void> | undefined => {
    const left = opts.budget ? opts.budget.charge(request) : null;
    const enforce = () => {
      if (access !== 'public') enforceAccess(request, access);
    };
    if (left instanceof Promise) return left.then((l) => showLeft(reply, l)).then(enforce);
    showLeft(reply, left);
    enforce();
    return undefined;
  };
  const resolveThenAdmit = async (request: FastifyRequest, reply: FastifyReply, access: Access | undefined, token: string) => {
    request.auth = await resolveSession(opts.db, token);
    await admit(request, reply, access);
  };
  // A callback hook: with the session in memory (a page's requests) and no login to count, nothing
  // is waited for, so the request goes on without a promise; otherwise the same steps, awaited.
  app.addHook('onRequest', (request, reply, done) => {
    const access = request.routeOptions.config.access;
    try {
      const cookies = access === 'public' || request.headers.cookie === undefined ? undefined : app.parseCookie(request.headers.cookie);
      const token = cookies?.[SESSION_COOKIE];
      const known = token === undefined ? null : resolveSessionNow(token);
      if (known === undefined && token !== undefined) {
        resolveThenAdmit(request, reply, access, token).then(() => done(), (e: unknown) => done(asError(e)));
        return;
      }
      if (access !== 'public') request.auth = known ?? null;
      const waiting = admit(request, reply, access);
      if (waiting) waiting.then(() => done(), (e: unknown) => done(asError(e)));
      else done();
    } catch (e) {
      done(asError(e));
    }
  });
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * For plugins whose routes carry no data (API documentation, the built web app's files):
 * registered in their encapsulation context, marks each of their routes public.
 */
export function markRoutesPublic(routeOptions: { config?: FastifyContextConfig }): void {
  routeOptions.config = { ...routeOptions.config, access: routeOptions.config?.access ?? 'public' };
}

export default fp(authPlugin, { name: 'auth', dependencies: ['@fastify/cookie'] });

/**
 * What the OpenAPI document says of a route's access: `security` (none for public routes, the
 * session cookie otherwise) and `x-hrsp-access`, the declaration itself, so that the access
 * walk test and API users read who may call each operation from the document.
 */
export function documentAccess<S extends object>(schema: S, access: Access | undefined): S & { security: unknown[]; 'x-hrsp-access': Access | 'none' } {
  return { ...schema, security: access === 'public' ? [] : [{ session: [] }], 'x-hrsp-access': access ?? 'none' };
}
