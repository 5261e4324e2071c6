import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../../../test/db.js';
import { openDatabase } from '../../db/client.js';
import { buildApp } from '../app.js';

let database: Awaited<ReturnType<typeof freshDatabase>>;

beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database.drop();
});

async function appOn(db: Parameters<typeof buildApp>[0]['db']): Promise<FastifyInstance> {
  const app = await buildApp({ db, logLevel: 'silent', webDir: null });
  await app.ready();
  return app;
}

describe('GET /api/health', () => {
  it('answers 200 without a login while the database answers', async () => {
    const app = await appOn(database.db);
    try {
      const res = await app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', database: 'ok' });
    } finally {
      await app.close();
    }
  });

  it('answers 503 in Chinese when the database is unreachable (a dead port) or its pool is gone', async () => {
    // Port 9 (discard) on loopback: nothing listens, so every connection is refused.
    const dead = openDatabase('postgres://hrsp:x@127.0.0.1:9/hrsp', 1);
    const app = await appOn(dead.db);
    try {
      const res = await app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json<{ code: string; message: string }>()).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: expect.stringMatching(/^数据库不可用/) as unknown });
    } finally {
      await app.close();
      await dead.close();
    }
    const ended = openDatabase(database.url, 1);
    await ended.close();
    const app2 = await appOn(ended.db);
    try {
      expect((await app2.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(503);
    } finally {
      await app2.close();
    }
  });
});
