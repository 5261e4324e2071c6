import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../test/app.js';
import { makeOrg, makePlatform, makeUser, type MadeUser } from '../../../test/factories.js';

/** 三员: the system administrator, the security administrator and the auditor cannot do each other's work. */
const ctx = useTestApp();
let admin: Client;
let secadmin: Client;
let auditor: Client;
let auditorUser: MadeUser;
let target: MadeUser;

interface AuditRow { action: string; username: string | null; entityId: string | null; summary: Record<string, unknown> }
const auditRows = async (action: string): Promise<AuditRow[]> => {
  const res = await auditor.call('GET', `/audit-log?action=${action}&pageSize=100`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: AuditRow[] }>().items;
};

beforeAll(async () => {
  admin = await loginAs(ctx.app, (await makeUser(ctx.database.db, 'admin')).username);
  secadmin = await loginAs(ctx.app, (await makeUser(ctx.database.db, 'security_admin')).username);
  auditorUser = await makeUser(ctx.database.db, 'auditor');
  auditor = await loginAs(ctx.app, auditorUser.username);
  target = await makeUser(ctx.database.db, 'district');
});

const settings = { lockoutThreshold: 5, lockoutMinutes: 15, idleTimeoutMinutes: 30, sessionMaxHours: 12, passwordMaxAgeDays: 90 };

describe('separation of duties', () => {
  it('the system administrator reads no log, changes no security setting, sees no session, unlocks nobody', async () => {
    for (const [method, url, body] of [
      ['GET', '/audit-log'], ['GET', '/login-log'], ['GET', '/audit-log/verify'], ['GET', '/login-log/verify'],
      ['GET', '/settings'], ['PUT', '/settings', settings], ['GET', '/sessions'], ['POST', `/users/${target.id}/unlock`],
    ] as const) {
      expect((await admin.call(method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('the system administrator can neither create nor take over a security administrator or auditor account', async () => {
    const org = await makeOrg(ctx.database.db, 'bureau');
    for (const role of ['security_admin', 'auditor']) {
      const res = await admin.call('POST', '/users', { username: `x.${role}`, displayName: '某人', role, organizationId: org });
      expect(res.statusCode, role).toBe(403);
    }
    expect((await admin.call('POST', `/users/${auditorUser.id}/reset-password`)).statusCode).toBe(403);
    expect((await admin.call('POST', `/users/${auditorUser.id}/disable`)).statusCode).toBe(403);
    expect((await admin.call('PATCH', `/users/${auditorUser.id}`, { displayName: '改名' })).statusCode).toBe(403);
    expect((await admin.call('PATCH', `/users/${target.id}`, { role: 'auditor' })).statusCode).toBe(403);
    // Its own work goes on.
    expect((await admin.call('POST', `/users/${target.id}/reset-password`)).statusCode).toBe(200);
  });

  it('the security administrator manages settings, sessions and lockouts, but no user, organization or log', async () => {
    expect((await secadmin.call('GET', '/settings')).statusCode).toBe(200);
    expect((await secadmin.call('PUT', '/settings', settings)).statusCode).toBe(200);
    expect((await secadmin.call('GET', '/sessions')).statusCode).toBe(200);
    expect((await secadmin.call('POST', `/users/${target.id}/unlock`)).statusCode).toBe(200);
    const org = await makeOrg(ctx.database.db, 'bureau');
    for (const [method, url, body] of [
      ['GET', '/audit-log'], ['GET', '/login-log'], ['GET', '/audit-log/verify'],
      ['POST', '/users', { username: 'y.user', displayName: '某人', role: 'bureau', organizationId: org }],
      ['POST', `/users/${target.id}/reset-password`], ['POST', `/users/${target.id}/disable`],
      ['POST', '/organizations', { kind: 'expert_pool', name: '某专家库', code: 'XP-SEP' }],
    ] as const) {
      expect((await secadmin.call(method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('the auditor alone reads the logs and verifies them, and administers nothing', async () => {
    expect((await auditor.call('GET', '/audit-log')).statusCode).toBe(200);
    expect((await auditor.call('GET', '/login-log')).statusCode).toBe(200);
    const verify = await auditor.call('GET', '/audit-log/verify');
    expect(verify.json()).toMatchObject({ chain: 'audit', ok: true, broken: null });
    expect((await auditor.call('GET', '/login-log/verify')).json()).toMatchObject({ chain: 'login', ok: true });
    for (const [method, url, body] of [
      ['GET', '/settings'], ['PUT', '/settings', settings], ['GET', '/sessions'], ['POST', `/users/${target.id}/unlock`],
      ['POST', `/users/${target.id}/reset-password`], ['POST', `/users/${target.id}/disable`],
    ] as const) {
      expect((await auditor.call(method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    }
  });
});

describe('security events in the audit log', () => {
  it('a refused access and a failed CSRF check are recorded with who, what and from where', async () => {
    const refused = await auditRows('access.refused');
    expect(refused.some((r) => r.entityId === 'GET /api/v1/audit-log' && r.username?.startsWith('admin_'))).toBe(true);
    expect(await secadmin.call('PUT', '/settings', settings, { csrf: null })).toMatchObject({ statusCode: 403 });
    const csrf = await auditRows('access.csrf_refused');
    expect(csrf.find((r) => r.entityId === 'PUT /api/v1/settings')?.username).toMatch(/^security_admin_/);
  });

  it('records logout, lockout, password reset and every .xlsx export', async () => {
    const u = await makeUser(ctx.database.db, 'operator');
    const c = await loginAs(ctx.app, u.username);
    expect((await c.call('POST', '/auth/logout')).statusCode).toBe(204);
    expect((await auditRows('auth.logout')).some((r) => r.username === u.username)).toBe(true);

    for (let i = 0; i < 5; i++) await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: 'wrong' } });
    const lockouts = await auditRows('auth.lockout');
    expect(lockouts.filter((r) => r.username === u.username)).toHaveLength(1);

    expect((await auditRows('user.reset_password')).some((r) => r.entityId === target.id)).toBe(true);

    const bureau = await loginAs(ctx.app, (await makeUser(ctx.database.db, 'bureau')).username);
    const platform = await makePlatform(ctx.database.db, { districtCode: '500107' });
    for (const url of ['/platforms/export?status=recognized', `/platforms/${platform}/year-data/export`]) {
      const res = await bureau.call('GET', url);
      expect(res.statusCode, url).toBe(200);
    }
    const exports = await auditRows('export.download');
    expect(exports.map((r) => r.entityId).sort()).toEqual(['GET /api/v1/platforms/:id/year-data/export', 'GET /api/v1/platforms/export']);
    expect(exports.find((r) => r.entityId === 'GET /api/v1/platforms/export')?.summary).toMatchObject({ query: { status: 'recognized' } });
    expect(String(exports[0]?.summary.file)).toMatch(/\.xlsx$/);
  });

  it('the verify endpoint shows the auditor a row forged in the database', async () => {
    await ctx.database.pool.query(`update audit_log set username = 'someone_else' where seq = 2`);
    const report = (await auditor.call('GET', '/audit-log/verify')).json<{ ok: boolean; count: number; broken: { seq: number; kind: string; message: string } }>();
    expect(report).toMatchObject({ ok: false, count: 1, broken: { seq: 2, kind: 'content' } });
    expect(report.broken.message).toContain('第 2 条');
  });
});
