import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/db.js';
import { makePlatform, makeUser } from '../../../test/factories.js';
import { dumpDatabase, restoreDatabase } from './service.js';

let database: Awaited<ReturnType<typeof freshDatabase>>;
let url: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-backup-'));

beforeAll(async () => {
  database = await freshDatabase();
  url = database.url;
});
afterAll(async () => {
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('round-trips: what was there at backup is back after restore, and later changes are gone', async () => {
    const u = await makeUser(database.db, 'district', { username: 'before.backup' });
    await makePlatform(database.db, { name: '备份前的平台' });
    const file = path.join(dir, 'hrsp.dump');
    await dumpDatabase(url, file);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    await database.pool.query(`update users set display_name = '备份后修改' where id = $1`, [u.id]);
    await makePlatform(database.db, { name: '备份后的平台' });
    await restoreDatabase(url, file);
    const { openDatabase } = await import('../../db/client.js');
    const reopened = openDatabase(url, 1);
    try {
      const names = (await reopened.pool.query<{ name: string }>('select name from platforms order by name')).rows.map((r) => r.name);
      expect(names).toEqual(['备份前的平台']);
      const user = (await reopened.pool.query<{ display_name: string }>('select display_name from users where id = $1', [u.id])).rows[0];
      expect(user?.display_name).toBe('测试district');
      const migrations = await reopened.pool.query('select count(*) from drizzle.__drizzle_migrations');
      expect(Number((migrations.rows[0] as { count: string }).count)).toBeGreaterThan(0);
    } finally {
      await reopened.close();
    }
  });
});
