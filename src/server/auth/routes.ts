import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { clearSessionCookie, contextOf, sessionOf, setSessionCookie } from '../plugins/auth.js';
import { getSecuritySettings, isDemoDatabase } from '../settings/service.js';
import { changePasswordBody, errorBody, loginBody, sessionInfo, type SessionInfo } from './schema.js';
import { changePassword, login, logout, type ResolvedSession } from './service.js';

interface Options {
  db: Db;
  secureCookies: boolean;
  loginRateLimit: number;
}

async function infoOf(db: Db, s: ResolvedSession): Promise<SessionInfo> {
  const [demo, settings] = await Promise.all([isDemoDatabase(db), getSecuritySettings(db)]);
  const a = s.actor;
  return {
    user: {
      id: a.userId, username: a.username, displayName: s.displayName, role: a.role, organizationId: a.organizationId,
      organizationName: a.organizationName, districtCode: a.districtCode, mustChangePassword: s.mustChangePassword,
    },
    csrfToken: s.csrfToken,
    demo,
    idleTimeoutMinutes: settings.idleTimeoutMinutes,
  };
}

const meta = (r: FastifyRequest) => ({ ip: r.ip, userAgent: r.headers['user-agent'] ?? null });

export async function authRoutes(app: FastifyInstance, { db, secureCookies, loginRateLimit }: Options): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['认证'];

  r.get('/auth/session', {
    config: { access: 'session' },
    schema: { tags, summary: '当前会话', response: { 200: sessionInfo, 401: errorBody } },
  }, async (req) => infoOf(db, sessionOf(req)));

  r.post('/auth/login', {
    config: {
      access: 'public', csrf: false,
      rateLimit: { max: loginRateLimit, timeWindow: '1 minute' },
    },
    schema: { tags, summary: '登录', body: loginBody, response: { 200: sessionInfo } },
  }, async (req, reply) => {
    const opened = await login(db, req.body.username, req.body.password, meta(req));
    setSessionCookie(reply, opened.token, secureCookies);
    return infoOf(db, opened.session);
  });

  r.post('/auth/logout', {
    config: { access: 'session' },
    schema: { tags, summary: '退出登录', response: { 204: z.null() } },
  }, async (req, reply) => {
    if (req.auth) await logout(db, req.auth.sessionId, contextOf(req));
    clearSessionCookie(reply);
    return reply.status(204).send(null);
  });

  r.post('/auth/change-password', {
    config: { access: 'session' },
    schema: { tags, summary: '修改密码（其他会话随之结束）', body: changePasswordBody, response: { 200: sessionInfo } },
  }, async (req, reply) => {
    const opened = await changePassword(db, contextOf(req), req.body.oldPassword, req.body.newPassword, meta(req));
    setSessionCookie(reply, opened.token, secureCookies);
    return infoOf(db, opened.session);
  });
}
