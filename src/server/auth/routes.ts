import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { clearSessionCookie, contextOf, sessionOf, setSessionCookie } from '../plugins/auth.js';
import { getSecuritySettings, isDemoDatabase } from '../settings/service.js';
import {
  changePasswordBody, errorBody, loginAnswer, loginBody, sessionInfo, totpCodeBody, totpEnrolment, totpLoginBody, totpStatus, type SessionInfo,
} from './schema.js';
import {
  changePassword, confirmTotpEnrolment, login, loginSecondFactor, logout, startTotpEnrolment, totpStatus as readTotpStatus, type ResolvedSession,
} from './service.js';

interface Options {
  db: Db;
  secureCookies: boolean;
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

export async function authRoutes(app: FastifyInstance, { db, secureCookies }: Options): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['认证'];

  r.get('/auth/session', {
    config: { access: 'session' },
    schema: { tags, summary: '当前会话', response: { 200: sessionInfo, 401: errorBody } },
  }, async (req) => infoOf(db, sessionOf(req)));

  // Each login route has its own count per address (HRSP_LOGIN_RATE_LIMIT), apart from the general budget.
  const loginLimits = { access: 'public' as const, csrf: false as const, budget: 'login' as const };

  r.post('/auth/login', {
    config: loginLimits,
    schema: {
      tags, summary: '登录（启用动态口令的账号先得到待验证令牌，再提交动态口令）', body: loginBody,
      response: { 200: loginAnswer, 401: errorBody },
    },
  }, async (req, reply) => {
    const outcome = await login(db, req.body.username, req.body.password, meta(req));
    if (outcome.kind === 'second_factor') {
      return { secondFactorRequired: true as const, pendingToken: outcome.pendingToken, expiresAt: outcome.expiresAt.toISOString() };
    }
    setSessionCookie(reply, outcome.opened.token, secureCookies);
    return infoOf(db, outcome.opened.session);
  });

  r.post('/auth/login/totp', {
    config: loginLimits,
    schema: { tags, summary: '登录第二步：动态口令', body: totpLoginBody, response: { 200: sessionInfo, 401: errorBody } },
  }, async (req, reply) => {
    const opened = await loginSecondFactor(db, req.body.pendingToken, req.body.code, meta(req));
    setSessionCookie(reply, opened.token, secureCookies);
    return infoOf(db, opened.session);
  });

  r.get('/auth/totp', {
    config: { access: 'user' },
    schema: { tags, summary: '本人动态口令状态', response: { 200: totpStatus } },
  }, async (req) => readTotpStatus(db, contextOf(req)));

  r.post('/auth/totp/enrol', {
    config: { access: 'user' },
    schema: { tags, summary: '生成动态口令密钥（确认前不生效）', response: { 200: totpEnrolment } },
  }, async (req) => startTotpEnrolment(db, contextOf(req)));

  r.post('/auth/totp/confirm', {
    config: { access: 'user' },
    schema: { tags, summary: '以验证器中的动态口令确认启用', body: totpCodeBody, response: { 200: totpStatus } },
  }, async (req) => confirmTotpEnrolment(db, contextOf(req), req.body.code));

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
