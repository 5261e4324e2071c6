import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../src/db/client.js';
import { seedReference } from '../src/server/bootstrap/reference.js';
import { setSecretKey } from '../src/server/crypto/keys.js';

/** The master key of sealed data in tests (never the data folder's or the environment's). */
export const testSecretKey = Buffer.alloc(32, 7);

/** A fresh database for one test file, cloned from the migrated template, with reference data. */
export async function freshDatabase(): Promise<Database & { url: string; drop(): Promise<void> }> {
  setSecretKey(testSecretKey);
  const adminUrl = inject('dbAdminUrl');
  const name = `hrsp_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('dbTemplate')}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = openDatabase(url.toString(), 4);
  await seedReference(database.db);
  return {
    ...database,
    url: url.toString(),
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
