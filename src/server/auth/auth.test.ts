import { describe, expect, it } from 'vitest';
import { loginAs, testApp, useTestApp } from '../../../test/app.js';
import { makeUser, testPassword } from '../../../test/factories.js';
import { SESSION_CACHE_MILLIS } from './session-cache.js';

const ctx = useTestApp();
const loginFailed = '用户名或密码错误；连续失败 5 次账号将锁定 15 分钟';


describe('login', () => {
  it('opens a session with an HttpOnly SameSite cookie and returns the CSRF token', async () => {
    const u = await makeUser(ctx.database.db, 'bureau');
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: testPassword } });
    expect(res.statusCode, res.body).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const body = res.json<{ csrfToken: string; user: { role: string } }>();
    expect(body.user.role).toBe('bureau');
    expect(body.csrfToken.length).toBeGreaterThan(20);
    const c = await loginAs(ctx.app, u.username);
    const me = await c.call('GET', '/auth/session');
    expect(me.statusCode).toBe(200);
  });
});

describe('lockout', () => {
  it('locks the account after 5 failures for 15 minutes, refusing even the right password, and logs each attempt', async () => {
    const u = await makeUser(ctx.database.db, 'district');
    for (let i = 1; i <= 5; i++) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: 'Wrong#Pass1' } });
      expect(res.statusCode).toBe(401);
      expect(res.json<{ code: string; message: string }>()).toEqual({ code: 'LOGIN_FAILED', message: loginFailed });
    }
    const right = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: testPassword } });
    expect(right.statusCode).toBe(401);
    expect(right.json<{ message: string }>().message).toBe(loginFailed);
    const { rows } = await ctx.database.pool.query<{ locked_until: Date }>('select locked_until from users where id = $1', [u.id]);
    const minutes = (rows[0]!.locked_until.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    const log = await ctx.database.pool.query<{ success: boolean; reason: string }>('select success, reason from login_log where username = $1 order by at', [u.username]);
    expect(log.rows.map((r) => r.reason)).toEqual(['密码错误', '密码错误', '密码错误', '密码错误', '密码错误，账号已锁定', '账号锁定中（密码正确）']);
    expect(log.rows.every((r) => !r.success)).toBe(true);
  });

  it('counts every one of 20 concurrent wrong passwords and locks the account', async () => {
    const u = await makeUser(ctx.database.db, 'district');
    const answers = await Promise.all(Array.from({ length: 20 }, () =>
      ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: 'Wrong#Pass1' } })));
    expect(answers.map((a) => a.statusCode)).toEqual(Array<number>(20).fill(401));
    const { rows } = await ctx.database.pool.query<{ failed_logins: number; locked: boolean }>(
      'select failed_logins, locked_until > now() as locked from users where id = $1', [u.id]);
    expect(rows[0]).toEqual({ failed_logins: 20, locked: true });
    const right = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: testPassword } });
    expect(right.statusCode).toBe(401);
    const log = await ctx.database.pool.query<{ n: number }>(`select count(*)::int as n from login_log where username = $1 and reason like '%账号已锁定'`, [u.username]);
    expect(log.rows[0]!.n).toBe(1); // locked once, not extended by the failures queued behind the lock
  });

  it('lets the user in once the lock has run out, and the security administrator can unlock earlier', async () => {
    const u = await makeUser(ctx.database.db, 'operator');
    await ctx.database.pool.query(`update users set locked_until = now() - interval '1 second', failed_logins = 0 where id = $1`, [u.id]);
    await loginAs(ctx.app, u.username);
    await ctx.database.pool.query(`update users set locked_until = now() + interval '10 minutes' where id = $1`, [u.id]);
    const secadmin = await makeUser(ctx.database.db, 'security_admin');
    const ac = await loginAs(ctx.app, secadmin.username);
    expect((await ac.call('POST', `/users/${u.id}/unlock`)).statusCode).toBe(200);
    await loginAs(ctx.app, u.username);
  });

  it('answers an unknown user, a wrong password, a disabled and a locked account alike, and logs the true reason', async () => {
    const wrong = await makeUser(ctx.database.db, 'district');
    const disabled = await makeUser(ctx.database.db, 'district');
    const locked = await makeUser(ctx.database.db, 'district');
    await ctx.database.pool.query('update users set disabled = true where id = $1', [disabled.id]);
    await ctx.database.pool.query(`update users set locked_until = now() + interval '10 minutes' where id = $1`, [locked.id]);
    const attempts = [
      { username: 'nobody-here', password: testPassword },
      { username: wrong.username, password: 'Wrong#Pass1' },
      { username: disabled.username, password: testPassword },
      { username: locked.username, password: testPassword },
    ];
    const answers = [];
    for (const payload of attempts) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
      answers.push({ status: res.statusCode, body: res.body, cookie: res.headers['set-cookie'] ?? null });
    }
    expect(answers[0]).toEqual({ status: 401, body: JSON.stringify({ code: 'LOGIN_FAILED', message: loginFailed }), cookie: null });
    for (const a of answers) expect(a).toEqual(answers[0]);
    const log = await ctx.database.pool.query<{ username: string; reason: string }>(
      'select username, reason from login_log where username = any($1) order by at', [attempts.map((a) => a.username)]);
    expect(log.rows.map((r) => r.reason)).toEqual(['用户不存在', '密码错误', '账号或机构已停用', '账号锁定中（密码正确）']);
  });
});

/** Changes made behind the app's back (straight SQL) show once the two-second session cache has let go. */
const afterSessionCache = () => new Promise((r) => setTimeout(r, SESSION_CACHE_MILLIS + 100));

describe('sessions', () => {
  it('expires a session idle for longer than the timeout', async () => {
    const u = await makeUser(ctx.database.db, 'bureau');
    const c = await loginAs(ctx.app, u.username);
    expect((await c.call('GET', '/home')).statusCode).toBe(200);
    await ctx.database.pool.query(`update sessions set last_seen_at = now() - interval '31 minutes' where user_id = $1`, [u.id]);
    await afterSessionCache();
    const res = await c.call('GET', '/home');
    expect(res.statusCode).toBe(401);
    expect(res.json<{ code: string }>().code).toBe('UNAUTHENTICATED');
    const left = await ctx.database.pool.query('select 1 from sessions where user_id = $1', [u.id]);
    expect(left.rowCount).toBe(0);
  });

  it('keeps a session that is used within the timeout', async () => {
    const u = await makeUser(ctx.database.db, 'bureau');
    const c = await loginAs(ctx.app, u.username);
    await ctx.database.pool.query(`update sessions set last_seen_at = now() - interval '29 minutes' where user_id = $1`, [u.id]);
    await afterSessionCache();
    expect((await c.call('GET', '/home')).statusCode).toBe(200);
    const touched = await ctx.database.pool.query<{ idle: number }>(`select extract(epoch from now() - last_seen_at)::float8 as idle from sessions where user_id = $1`, [u.id]);
    expect(touched.rows[0]!.idle).toBeLessThan(60); // the request reset the idle clock
  });

  it('ends every session of a user who is disabled, and one forced out by the security administrator', async () => {
    const admin = await makeUser(ctx.database.db, 'admin');
    const ac = await loginAs(ctx.app, admin.username);
    const u = await makeUser(ctx.database.db, 'district');
    const c1 = await loginAs(ctx.app, u.username);
    expect((await ac.call('POST', `/users/${u.id}/disable`)).statusCode).toBe(200);
    expect((await c1.call('GET', '/home')).statusCode).toBe(401);
    const again = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: testPassword } });
    expect(again.statusCode).toBe(401);
    const v = await makeUser(ctx.database.db, 'district');
    const cv = await loginAs(ctx.app, v.username);
    const sc = await loginAs(ctx.app, (await makeUser(ctx.database.db, 'security_admin')).username);
    const online = await sc.call('GET', '/sessions');
    const mine = online.json<{ id: string; username: string }[]>().find((s) => s.username === v.username);
    expect(mine).toBeDefined();
    expect((await sc.call('DELETE', `/sessions/${mine!.id}`)).statusCode).toBe(204);
    expect((await cv.call('GET', '/home')).statusCode).toBe(401);
  });

  it('forces a password change first, then ends the other sessions when the password changes', async () => {
    const u = await makeUser(ctx.database.db, 'operator', { mustChangePassword: true });
    const first = await loginAs(ctx.app, u.username);
    const blocked = await first.call('GET', '/home');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json<{ code: string }>().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const second = await loginAs(ctx.app, u.username);
    const weak = await first.call('POST', '/auth/change-password', { oldPassword: testPassword, newPassword: 'abcdefgh' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json<{ details: { field: string }[] }>().details[0]!.field).toBe('newPassword');
    const ok = await first.call('POST', '/auth/change-password', { oldPassword: testPassword, newPassword: 'Kx9#mPv2Lq-new' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await second.call('GET', '/home')).statusCode).toBe(401);
    expect((await first.call('GET', '/home')).statusCode).toBe(401); // its old cookie was replaced
    const fresh = await loginAs(ctx.app, u.username, 'Kx9#mPv2Lq-new');
    expect((await fresh.call('GET', '/home')).statusCode).toBe(200);
  });
});

describe('CSRF', () => {
  it('rejects a state change without the token or with a wrong one, and changes nothing', async () => {
    const secadmin = await makeUser(ctx.database.db, 'security_admin');
    const ac = await loginAs(ctx.app, secadmin.username);
    const payload = { lockoutThreshold: 7, lockoutMinutes: 20, idleTimeoutMinutes: 30, sessionMaxHours: 12, passwordMaxAgeDays: 90 };
    const none = await ac.call('PUT', '/settings', payload, { csrf: null });
    expect(none.statusCode).toBe(403);
    expect(none.json<{ code: string }>().code).toBe('CSRF_INVALID');
    const wrong = await ac.call('PUT', '/settings', payload, { csrf: 'x'.repeat(43) });
    expect(wrong.statusCode).toBe(403);
    expect((await ac.call('GET', '/settings')).json<{ lockoutThreshold: number }>().lockoutThreshold).toBe(5);
    const right = await ac.call('PUT', '/settings', payload);
    expect(right.statusCode).toBe(200);
    expect((await ac.call('GET', '/settings')).json<{ lockoutThreshold: number }>().lockoutThreshold).toBe(7);
    await ac.call('PUT', '/settings', { ...payload, lockoutThreshold: 5, lockoutMinutes: 15 });
  });

  it('does not accept another session’s token', async () => {
    const a = await loginAs(ctx.app, (await makeUser(ctx.database.db, 'admin')).username);
    const b = await loginAs(ctx.app, (await makeUser(ctx.database.db, 'admin')).username);
    const res = await a.call('POST', '/organizations', { kind: 'expert_pool', name: '某专家库', code: 'XP-1' }, { csrf: b.csrf });
    expect(res.statusCode).toBe(403);
  });
});

describe('security headers', () => {
  it('sends a CSP and related headers', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/info' });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('refuses an oversized body', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'a', password: 'x'.repeat(2 * 1024 * 1024) } });
    expect(res.statusCode).toBe(413);
  });
});

describe('login rate limit', () => {
  it('answers 429 in Chinese past the per-minute budget', async () => {
    const limited = await testApp(ctx.database.db, 3);
    try {
      const statuses: number[] = [];
      // Counts live in the database, shared with this file's other app: an address of its own.
      for (let i = 0; i < 4; i++) {
        const res = await limited.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '192.0.2.7', payload: { username: 'nobody', password: 'x' } });
        statuses.push(res.statusCode);
        if (res.statusCode === 429) {
          expect(res.json<{ message: string }>().message).toMatch(/频繁/);
          expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        }
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});
