import { describe, expect, it } from 'vitest';
import { useDatabaseBefore } from '../../../test/upgrade.js';
import { insertAudit, insertLogin, sealLegacyRows } from './repository.js';
import { verifyChain } from './verify.js';

/**
 * An existing deployment upgrading: its logs hold rows written before the hash chain. The
 * chain's migration numbers them, the next start hashes them, and new rows link on.
 */
const upgrade = useDatabaseBefore('audit_chain');

describe('upgrading a database with old log rows', () => {
  it('numbers them in time order, hashes them at the next start, and links new rows after them', async () => {
    const database = upgrade.database;
    await database.pool.query(`insert into audit_log (at, username, action, entity_type, summary) values
      (now() - interval '2 days', 'old', 'legacy.second', 'x', '{"b": 1, "a": [1, 2]}'),
      (now() - interval '3 days', 'old', 'legacy.first', 'x', '{}')`);
    await database.pool.query(`insert into login_log (at, username, success) values (now() - interval '1 day', 'old', true)`);
    await upgrade.migrateToLatest();

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
