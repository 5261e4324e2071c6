import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../src/db/client.js';
import { seedReference } from '../src/server/bootstrap/reference.js';
import { installFieldKeys } from '../src/server/crypto/field-keys.js';
import { testFieldKeys } from './keys.js';

/** A fresh database for one test file, cloned from the migrated template, with reference data. */
export async function freshDatabase(): Promise<Database & { url: string; drop(): Promise<void> }> {
  const adminUrl = inject('dbAdminUrl');
  const name = `hrsp_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('dbTemplate')}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // Factories write sealed columns (users.phone, platforms.contact_*) without an app: the test key.
  installFieldKeys(testFieldKeys);
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
