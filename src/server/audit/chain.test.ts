import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { testKeyFileText } from '../../../test/keys.js';
import { freshDatabase } from '../../../test/db.js';
import { openDatabase, type Database } from '../../db/client.js';
import { grantRuntimeRole } from '../../db/roles.js';
import { loadConfig } from '../../config.js';
import { startDatabase, unenforcedWarning } from '../database.js';
import { chainPage, insertAudit, insertAudits, insertLogin, sealLegacyRows, type AuditEntry } from './repository.js';
import { verifyChain } from './verify.js';

let database: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database.drop();
});

const entry = (action: string, summary: Record<string, unknown> = {}): AuditEntry => ({
  userId: null, username: 'tester', role: 'admin', organizationId: null, organizationName: '市局', ip: '127.0.0.1',
  action, entityType: 'test', entityId: null, summary,
});
const q = (text: string, params: unknown[] = []) => database.pool.query(text, params);

describe('the audit hash chain', () => {
  it('links every row, in parallel transactions too, with gapless sequence numbers', async () => {
    await insertAudits(database.db, [entry('a.one', { b: 2, a: [1, { z: 'x', y: new Date(0) }] }), entry('a.two')]);
    // 20 transactions at once: each must wait for the head lock, so the chain never forks.
    await Promise.all(Array.from({ length: 20 }, (_, i) => database.db.transaction(async (tx) => {
      await insertAudit(tx, entry('a.parallel', { i }));
    })));
    const report = await verifyChain(database.db, 'audit');
    expect(report).toMatchObject({ ok: true, count: 22, broken: null });
    const seqs = (await q('select seq from audit_log order by seq')).rows.map((r: { seq: string }) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
  });

  it('a row rolled back with its transaction leaves no hole', async () => {
    await expect(database.db.transaction(async (tx) => {
      await insertAudit(tx, entry('a.rolled_back'));
      throw new Error('use case failed');
    })).rejects.toThrow('use case failed');
    await insertAudit(database.db, entry('a.after'));
    expect((await verifyChain(database.db, 'audit')).ok).toBe(true);
  });

  it('reports the first broken link: a changed row, a re-hashed row, a deleted row, a deleted last row', async () => {
    const original = (await q('select summary::text s from audit_log where seq = 5')).rows[0] as { s: string };
    await q(`update audit_log set summary = '{"forged": true}' where seq = 5`);
    let r = await verifyChain(database.db, 'audit');
    expect(r).toMatchObject({ ok: false, count: 4, broken: { seq: 5, kind: 'content' } });
    expect(r.broken?.message).toContain('第 5 条');
    expect(r.broken?.at).toMatch(/^\d{4}-/);

    // A forger who recomputes the row's own hash breaks the next row's link instead.
    await q('update audit_log set summary = $1::jsonb where seq = 5', [original.s]); // put back
    expect((await verifyChain(database.db, 'audit')).ok).toBe(true);
    // A forger who recomputes a row's hash breaks the next row's link instead.
    await q(`update audit_log set summary = '{"forged": true}' where seq = 6`);
    const [forged] = await chainPage(database.db, 'audit', 5, 1);
    await q('update audit_log set hash = $1 where seq = 6', [forged?.computed(forged.prevHash ?? '')]);
    r = await verifyChain(database.db, 'audit');
    expect(r).toMatchObject({ ok: false, count: 6, broken: { seq: 7, kind: 'link' } });

    await q('delete from audit_log where seq = 5');
    r = await verifyChain(database.db, 'audit');
    expect(r).toMatchObject({ ok: false, count: 4, broken: { seq: 5, kind: 'missing' } });
    expect(r.broken?.message).toContain('被删除');
  });

  it('detects the last rows deleted, through the head', async () => {
    const other = await freshDatabase();
    try {
      await insertAudits(other.db, [entry('x.1'), entry('x.2'), entry('x.3')]);
      expect(await verifyChain(other.db, 'audit')).toMatchObject({ ok: true, count: 3 });
      await other.pool.query('delete from audit_log where seq = 3');
      expect(await verifyChain(other.db, 'audit')).toMatchObject({ ok: false, count: 2, broken: { seq: 3, kind: 'head' } });
    } finally {
      await other.drop();
    }
  });

  it('chains the login log separately', async () => {
    for (let i = 0; i < 3; i++) await insertLogin(database.db, { username: `u${i}`, userId: null, ip: null, userAgent: 'ua', success: i > 0, reason: null });
    expect(await verifyChain(database.db, 'login')).toMatchObject({ ok: true, count: 3 });
    await q(`update login_log set success = true where seq = 1`);
    expect(await verifyChain(database.db, 'login')).toMatchObject({ ok: false, broken: { seq: 1, kind: 'content' } });
  });

  it('hashes rows written before the chain existed, once, at the next start', async () => {
    const other = await freshDatabase();
    try {
      // What migration 0005 leaves behind on a database with old rows: numbered, unhashed, head ''.
      await other.pool.query(`insert into audit_log (seq, username, action, entity_type, summary) values (1, 'old', 'legacy.a', 'x', '{"k": 1}'), (2, 'old', 'legacy.b', 'x', '{}')`);
      await other.pool.query(`update audit_chain_head set seq = 2, hash = '' where chain = 'audit'`);
      await expect(insertAudit(other.db, entry('refused'))).rejects.toThrow(/尚未初始化/);
      expect(await verifyChain(other.db, 'audit')).toMatchObject({ ok: false, broken: { seq: 1, kind: 'unsealed' } });
      expect(await sealLegacyRows(other.db, 'audit')).toBe(2);
      await insertAudit(other.db, entry('new'));
      expect(await verifyChain(other.db, 'audit')).toMatchObject({ ok: true, count: 3 });
      expect(await sealLegacyRows(other.db, 'audit')).toBe(0);
    } finally {
      await other.drop();
    }
  });
});

describe('the runtime database role', () => {
  const role = `hrsp_app_t_${crypto.randomBytes(4).toString('hex')}`;
  const password = crypto.randomBytes(12).toString('hex');
  let own: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Database;
  let appUrl = '';

  beforeAll(async () => {
    own = await freshDatabase();
    // Roles are cluster-wide: a name of this file's own, dropped after.
    await own.pool.query(`create role ${role} login password '${password}'`);
    await grantRuntimeRole(own.db, role);
    const url = new URL(own.url);
    url.username = role;
    url.password = password;
    appUrl = url.toString();
    app = openDatabase(appUrl, 2);
  });
  afterAll(async () => {
    await app.close();
    await own.pool.query(`drop owned by ${role}`);
    await own.pool.query(`drop role ${role}`);
    await own.drop();
  });

  it('may insert into the logs and read them, but not update, delete or truncate them', async () => {
    await insertAudits(app.db, [entry('app.1'), entry('app.2'), entry('app.3')]);
    await insertLogin(app.db, { username: 'app', userId: null, ip: null, userAgent: null, success: true, reason: null });
    for (const table of ['audit_log', 'login_log']) {
      await expect(app.pool.query(`update ${table} set ip = '6.6.6.6'`)).rejects.toThrow(/permission denied/);
      await expect(app.pool.query(`delete from ${table}`)).rejects.toThrow(/permission denied/);
      await expect(app.pool.query(`truncate ${table}`)).rejects.toThrow(/permission denied/);
      expect((await app.pool.query<{ n: string }>(`select count(*) n from ${table}`)).rows[0]?.n).not.toBe('0');
    }
    // Business tables stay writable, and so do tables a later migration creates (default privileges).
    await app.pool.query(`update settings set updated_at = now()`);
    await own.pool.query('create table later_table (id int)');
    await app.pool.query('insert into later_table values (1)');
    await app.pool.query('delete from later_table');
  });

  it('DATABASE_URL migrates as the owner, DATABASE_URL_APP serves; without it the server warns', async () => {
    const warnings: string[] = [];
    // An external database needs the key ring from outside it.
    vi.stubEnv('HRSP_SECRET_KEY', testKeyFileText);
    onTestFinished(() => {
      vi.unstubAllEnvs();
    });
    const config = { ...loadConfig({}), databaseUrl: own.url, databaseUrlApp: appUrl };
    const runtime = await startDatabase(config, { as: 'runtime', log: (line) => warnings.push(line) });
    try {
      expect((await runtime.pool.query<{ u: string }>('select current_user u')).rows[0]?.u).toBe(role);
      await expect(runtime.pool.query('delete from audit_log')).rejects.toThrow(/permission denied/);
      expect(warnings).toEqual([]);
    } finally {
      await runtime.shutdown();
    }
    const asOwner = await startDatabase({ ...config, databaseUrlApp: null }, { as: 'runtime', log: (line) => warnings.push(line) });
    await asOwner.shutdown();
    expect(warnings).toEqual([unenforcedWarning]);
  });

  it('verify, run as the runtime role, finds the row forged through the owner connection', async () => {
    expect(await verifyChain(app.db, 'audit')).toMatchObject({ ok: true, count: 3 });
    await own.pool.query(`update audit_log set action = 'forged' where seq = 2`);
    expect(await verifyChain(app.db, 'audit')).toMatchObject({ ok: false, count: 1, broken: { seq: 2, kind: 'content' } });
  });
});
