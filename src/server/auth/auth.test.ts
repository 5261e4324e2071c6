import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../../../test/db.js';
import { testApp, loginAs } from '../../../test/app.js';
import { makeUser, testPassword } from '../../../test/factories.js';

let database: Awaited<ReturnType<typeof freshDatabase>>;
let app: FastifyInstance;

beforeAll(async () => {
  database = await freshDatabase();
  app = await testApp(database.db);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

describe('login', () => {
  it('opens a session with an HttpOnly SameSite cookie and returns the CSRF token', async () => {
    const u = await makeUser(database.db, 'bureau');
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: testPassword } });
    expect(res.statusCode, res.body).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const body = res.json<{ csrfToken: string; user: { role: string } }>();
    expect(body.user.role).toBe('bureau');
    expect(body.csrfToken.length).toBeGreaterThan(20);
    const c = await loginAs(app, u.username);
    const me = await c.call('GET', '/auth/session');
    expect(me.statusCode).toBe(200);
  });
});
