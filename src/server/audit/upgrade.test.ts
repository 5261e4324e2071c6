import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import { migrationsFolder } from '../../db/migrate.js';
import { insertAudit, insertLogin, sealLegacyRows } from './repository.js';
import { verifyChain } from './verify.js';

/**
 * An existing deployment upgrading: its logs hold rows written before the hash chain. The
 * chain's migration numbers them, the next start hashes them, and new rows link on.
 */
const name = `hrsp_up_${crypto.randomBytes(6).toString('hex')}`;
const adminUrl = inject('dbAdminUrl');
let database: Database;

async function runSql(file: string): Promise<void> {
  for (const statement of fs.readFileSync(path.join(migrationsFolder, file), 'utf8').split('--> statement-breakpoint')) {
    if (statement.trim() !== '') await database.pool.query(statement);
  }
}

const files = fs.readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort();
const chainMigration = files.find((f) => f.endsWith('_audit_chain.sql'));

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  database = openDatabase(url.toString(), 2);
});
afterAll(async () => {
  await database.close();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe('upgrading a database with old log rows', () => {
  it('numbers them in time order, hashes them at the next start, and links new rows after them', async () => {
    expect(chainMigration).toBeDefined();
    for (const f of files.slice(0, files.indexOf(chainMigration ?? ''))) await runSql(f);
    await database.pool.query(`insert into audit_log (at, username, action, entity_type, summary) values
      (now() - interval '2 days', 'old', 'legacy.second', 'x', '{"b": 1, "a": [1, 2]}'),
      (now() - interval '3 days', 'old', 'legacy.first', 'x', '{}')`);
    await database.pool.query(`insert into login_log (at, username, success) values (now() - interval '1 day', 'old', true)`);
    await runSql(chainMigration ?? '');

    const first = await database.pool.query<{ seq: string; action: string }>('select seq, action from audit_log order by seq');
    expect(first.rows.map((r) => [Number(r.seq), r.action])).toEqual([[1, 'legacy.first'], [2, 'legacy.second']]);
    await expect(insertAudit(database.db, { userId: null, username: 'x', role: null, organizationId: null, organizationName: null, ip: null, action: 'too.early', entityType: 'x', entityId: null, summary: {} }))
      .rejects.toThrow(/尚未初始化/);

    expect(await sealLegacyRows(database.db, 'audit')).toBe(2);
    expect(await sealLegacyRows(database.db, 'login')).toBe(1);
    await insertAudit(database.db, { userId: null, username: 'new', role: null, organizationId: null, organizationName: null, ip: null, action: 'after.upgrade', entityType: 'x', entityId: null, summary: {} });
    await insertLogin(database.db, { username: 'new', userId: null, ip: null, userAgent: null, success: false, reason: '密码错误' });
    expect(await verifyChain(database.db, 'audit')).toMatchObject({ ok: true, count: 3 });
    expect(await verifyChain(database.db, 'login')).toMatchObject({ ok: true, count: 2 });
  });
});
