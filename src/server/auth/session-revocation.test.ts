/**
 * The session cache (session-cache.ts) never outlives a revocation: with two apps on one database
 * (as two processes behind one address), a session just used on B, so held in memory, is refused
 * on B at once after a logout, a disabling, a role change or a move to another organization on A.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/db.js';
import { loginAs, testApp, type Client } from '../../../test/app.js';
import { makeOrg, makeUser } from '../../../test/factories.js';
import { startChangeListener, type ChangeListener } from '../cluster/changes.js';

let database: Awaited<ReturnType<typeof freshDatabase>>;
let listener: ChangeListener;
let a: FastifyInstance;
let b: FastifyInstance;
let admin: Client;

beforeAll(async () => {
  database = await freshDatabase();
  listener = await startChangeListener(database.url, () => undefined);
  a = await testApp(database.db);
  b = await testApp(database.db);
  admin = await loginAs(a, (await makeUser(database.db, 'admin')).username);
}, 60_000);

afterAll(async () => {
  await a.close();
  await b.close();
  await listener.stop();
  await database.drop();
});

/** A district user signed in on A whose session B has just served (and so holds). */
async function heldOnB(): Promise<{ id: string; onA: Client; onB: () => Promise<number> }> {
  const u = await makeUser(database.db, 'district', { districtCode: '500107' });
  const onA = await loginAs(a, u.username);
  const onB = async () => (await b.inject({ method: 'GET', url: '/api/v1/platforms', headers: { cookie: onA.cookie } })).statusCode;
  expect(await onB()).toBe(200);
  expect(await onB()).toBe(200);
  return { id: u.id, onA, onB };
}

describe('a session held in memory on B', () => {
  it('ends at once with a logout on A', async () => {
    const s = await heldOnB();
    expect((await s.onA.call('POST', '/auth/logout')).statusCode).toBeLessThan(300);
    expect(await s.onB()).toBe(401);
  });

  it('ends at once when the user is disabled on A', async () => {
    const s = await heldOnB();
    expect((await admin.call('POST', `/users/${s.id}/disable`)).statusCode).toBe(200);
    expect(await s.onB()).toBe(401);
  });

  it('ends at once when the user changes role on A', async () => {
    const s = await heldOnB();
    const res = await admin.call('PATCH', `/users/${s.id}`, { role: 'district_gov', organizationId: await makeOrg(database.db, 'district_gov', '500107') });
    expect(res.statusCode, res.body).toBe(200);
    expect(await s.onB()).toBe(401);
  });

  it('ends at once when the user moves to another district on A (another scope)', async () => {
    const s = await heldOnB();
    const res = await admin.call('PATCH', `/users/${s.id}`, { organizationId: await makeOrg(database.db, 'district', '500101') });
    expect(res.statusCode, res.body).toBe(200);
    expect(await s.onB()).toBe(401);
  });

  it('ends at once when the session is deleted behind the app (plain SQL, as another process with a notification)', async () => {
    const s = await heldOnB();
    const { rows } = await database.pool.query<{ id: string }>('delete from sessions where user_id = $1 returning id', [s.id]);
    await database.pool.query("select pg_notify('hrsp_change', 'session:' || $1)", [rows[0]!.id]);
    await new Promise((r) => setTimeout(r, 200));
    expect(await s.onB()).toBe(401);
  });
});
