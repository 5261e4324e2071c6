import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { loginAs, sessionCookie, useTestApp } from '../../../test/app.js';
import { makeUser, testPassword } from '../../../test/factories.js';
import { clearSettingsCache } from '../settings/service.js';
import { SESSION_CACHE_MILLIS } from './session-cache.js';

const ctx = useTestApp();
const afterSessionCache = () => new Promise((r) => setTimeout(r, SESSION_CACHE_MILLIS + 100));
const login = (username: string, password = testPassword) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
const loginCode = (pendingToken: string, code: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login/totp', payload: { pendingToken, code } });
const failedLogins = async (id: string) =>
  (await ctx.database.pool.query<{ n: number }>('select failed_logins as n from users where id = $1', [id])).rows[0]!.n;

describe('common passwords', () => {
  it('refuses a common password in Chinese and keeps the other rules', async () => {
    const u = await makeUser(ctx.database.db, 'operator');
    const c = await loginAs(ctx.app, u.username);
    for (const newPassword of ['Password@123', 'Admin@123', 'Qwer1234!']) {
      const res = await c.call('POST', '/auth/change-password', { oldPassword: testPassword, newPassword });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ details: { field: string; message: string }[] }>().details[0]).toEqual({ field: 'newPassword', message: '新密码：过于常见，容易被猜中' });
    }
    const short = await c.call('POST', '/auth/change-password', { oldPassword: testPassword, newPassword: 'Ab#1' });
    expect(short.json<{ message: string }>().message).toMatch(/长度不足/);
    const withName = await c.call('POST', '/auth/change-password', { oldPassword: testPassword, newPassword: `X#9${u.username}` });
    expect(withName.json<{ message: string }>().message).toMatch(/用户名/);
    const ok = await c.call('POST', '/auth/change-password', { oldPassword: testPassword, newPassword: 'Kx9#mPv2Lq-77' });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('session and password lifetimes', () => {
  it('ends a busy session past the absolute lifetime', async () => {
    const u = await makeUser(ctx.database.db, 'bureau');
    const c = await loginAs(ctx.app, u.username);
    expect((await c.call('GET', '/home')).statusCode).toBe(200);
    // Busy (seen now) but opened 12 h 1 min ago; the cached row is judged by the same clock.
    await ctx.database.pool.query(`update sessions set created_at = now() - interval '12 hours 1 minute', last_seen_at = now() where user_id = $1`, [u.id]);
    await afterSessionCache();
    expect((await c.call('GET', '/home')).statusCode).toBe(401);
    expect((await ctx.database.pool.query('select 1 from sessions where user_id = $1', [u.id])).rowCount).toBe(0);
  });

  it('makes a password older than the set age be changed at the next login, and 0 days turns it off', async () => {
    const u = await makeUser(ctx.database.db, 'district');
    await ctx.database.pool.query(`update users set password_changed_at = now() - interval '91 days' where id = $1`, [u.id]);
    const c = await loginAs(ctx.app, u.username);
    const blocked = await c.call('GET', '/home');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json<{ code: string }>().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const log = await ctx.database.pool.query<{ reason: string }>('select reason from login_log where user_id = $1 and success', [u.id]);
    expect(log.rows[0]!.reason).toBe('密码已超过有效期，须修改');

    const v = await makeUser(ctx.database.db, 'district');
    await ctx.database.pool.query(`update users set password_changed_at = now() - interval '400 days' where id = $1`, [v.id]);
    const secadmin = await loginAs(ctx.app, (await makeUser(ctx.database.db, 'security_admin')).username);
    const settings = (await secadmin.call('GET', '/settings')).json<Record<string, unknown>>();
    expect(settings).toMatchObject({ sessionMaxHours: 12, passwordMaxAgeDays: 90 });
    expect((await secadmin.call('PUT', '/settings', { ...settings, passwordMaxAgeDays: 0 })).statusCode).toBe(200);
    try {
      const cv = await loginAs(ctx.app, v.username);
      expect((await cv.call('GET', '/home')).statusCode).toBe(200);
    } finally {
      await secadmin.call('PUT', '/settings', settings);
    }
  });

  it('exempts a demo database', async () => {
    const u = await makeUser(ctx.database.db, 'operator');
    await ctx.database.pool.query(`update users set password_changed_at = now() - interval '400 days' where id = $1`, [u.id]);
    await ctx.database.pool.query(`insert into settings (key, value) values ('demo', 'true')`);
    clearSettingsCache();
    try {
      const c = await loginAs(ctx.app, u.username);
      expect((await c.call('GET', '/home')).statusCode).toBe(200);
    } finally {
      await ctx.database.pool.query(`delete from settings where key = 'demo'`);
      clearSettingsCache();
    }
  });
});

/** A code of the step `steps` after now: accepted within the one-step tolerance, and a step the confirmation did not spend. */
const codeAt = (secret: string, steps: number) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

async function offered() {
  const u = await makeUser(ctx.database.db, 'bureau');
  const c = await loginAs(ctx.app, u.username);
  const res = await c.call('POST', '/auth/totp/enrol');
  expect(res.statusCode, res.body).toBe(200);
  const { secret, uri } = res.json<{ secret: string; uri: string }>();
  return { u, c, secret, uri };
}

async function enrolled() {
  const o = await offered();
  expect((await o.c.call('POST', '/auth/totp/confirm', { code: await generate({ secret: o.secret }) })).statusCode).toBe(200);
  return o;
}

describe('TOTP second factor', () => {
  it('enrols with a confirmed code and keeps the secret sealed', async () => {
    const { u, c, secret, uri } = await offered();
    expect(uri).toMatch(/^otpauth:\/\/totp\/.+\?secret=[A-Z2-7]+/);
    expect(uri).toContain(`secret=${secret}`);
    const wrong = await c.call('POST', '/auth/totp/confirm', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ details: { field: string }[] }>().details[0]!.field).toBe('code');
    expect((await c.call('GET', '/auth/totp')).json()).toEqual({ available: true, enabled: false });
    const ok = await c.call('POST', '/auth/totp/confirm', { code: await generate({ secret }) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await c.call('GET', '/auth/totp')).json()).toEqual({ available: true, enabled: true });
    const row = (await ctx.database.pool.query<{ totp_secret: string }>('select totp_secret from users where id = $1', [u.id])).rows[0]!;
    expect(row.totp_secret).toMatch(/^v1:[A-Za-z0-9+/=]+$/);
    expect(Buffer.from(row.totp_secret.slice(3), 'base64').toString('latin1')).not.toContain(secret);
    const audited = await ctx.database.pool.query(`select 1 from audit_log where action = 'user.totp_enable' and entity_id = $1`, [u.id]);
    expect(audited.rowCount).toBe(1);
  });

  it('offers enrolment to bureau accounts only', async () => {
    const op = await loginAs(ctx.app, (await makeUser(ctx.database.db, 'operator')).username);
    expect((await op.call('GET', '/auth/totp')).json()).toEqual({ available: false, enabled: false });
    expect((await op.call('POST', '/auth/totp/enrol')).statusCode).toBe(403);
  });

  it('asks for the code after the password, refuses a wrong, replayed or forged one, and counts wrong codes towards lockout', async () => {
    const { u, secret } = await enrolled();
    const c0 = await loginAs(ctx.app, u.username).catch(() => null);
    expect(c0).toBeNull(); // the password alone opens no session any more
    const first = await login(u.username);
    expect(first.statusCode).toBe(200);
    expect(first.headers['set-cookie']).toBeUndefined();
    const { secondFactorRequired, pendingToken } = first.json<{ secondFactorRequired: boolean; pendingToken: string }>();
    expect(secondFactorRequired).toBe(true);

    const before = await failedLogins(u.id);
    const wrong = await loginCode(pendingToken, '000000');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json<{ code: string }>().code).toBe('TOTP_INVALID');
    expect(await failedLogins(u.id)).toBe(before + 1);

    const forged = await loginCode(`${pendingToken.slice(0, -1)}${pendingToken.endsWith('0') ? '1' : '0'}`, await codeAt(secret, 1));
    expect(forged.json<{ code: string }>().code).toBe('LOGIN_EXPIRED');

    const code = await codeAt(secret, 1);
    const ok = await loginCode(pendingToken, code);
    expect(ok.statusCode, ok.body).toBe(200);
    const cookie = sessionCookie(ok);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/home', headers: { cookie } })).statusCode).toBe(200);
    expect(await failedLogins(u.id)).toBe(0);

    const again = (await login(u.username)).json<{ pendingToken: string }>().pendingToken;
    const replay = await loginCode(again, code);
    expect(replay.statusCode).toBe(401);
    expect(replay.json<{ code: string }>().code).toBe('TOTP_INVALID');
  });

  it('locks the account after repeated wrong codes', async () => {
    const { u, secret } = await enrolled();
    const { pendingToken } = (await login(u.username)).json<{ pendingToken: string }>();
    for (let i = 0; i < 5; i++) expect((await loginCode(pendingToken, '000000')).statusCode).toBe(401);
    const locked = await loginCode(pendingToken, await codeAt(secret, 1));
    expect(locked.statusCode).toBe(401);
    expect(locked.json<{ code: string }>().code).toBe('LOGIN_FAILED');
    const log = await ctx.database.pool.query<{ reason: string }>('select reason from login_log where user_id = $1 order by at desc limit 2', [u.id]);
    expect(log.rows.map((r) => r.reason)).toEqual(['账号锁定中（密码正确）', '动态口令错误，账号已锁定']);
  });

  it('lets the administrator reset a lost second factor, audited', async () => {
    const { u } = await enrolled();
    const admin = await loginAs(ctx.app, (await makeUser(ctx.database.db, 'admin')).username);
    const res = await admin.call('POST', `/users/${u.id}/reset-totp`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ totpEnabled: boolean }>().totpEnabled).toBe(false);
    const audited = await ctx.database.pool.query(`select 1 from audit_log where action = 'user.totp_reset' and entity_id = $1`, [u.id]);
    expect(audited.rowCount).toBe(1);
    const c = await loginAs(ctx.app, u.username); // the password alone again
    expect((await c.call('GET', '/home')).statusCode).toBe(200);
  });
});
