import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { openDatabase, type Database } from '../src/db/client.js';
import { applyMigrations, migrationsFolder } from '../src/db/migrate.js';

/**
 * An existing deployment upgrading, for the tests of a migration that reshapes or backfills data:
 * an empty database migrated by drizzle's migrator (as `hrsp` does at start) up to just before the
 * migration tagged `…_<tag>`; the test writes rows in the old shape, then `migrateToLatest()` applies
 * every later migration the way the deployment's next start does (applyMigrations).
 */
export interface Upgrade {
  readonly database: Database;
  migrateToLatest(): Promise<void>;
}

interface Journal { entries: { tag: string }[] }

/** A copy of the migrations folder whose journal stops before `tag`: drizzle applies what the journal lists. */
function folderBefore(tag: string): string {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal;
  const at = journal.entries.findIndex((e) => e.tag.endsWith(`_${tag}`));
  if (at < 0) throw new Error(`no migration tagged …_${tag} in ${migrationsFolder}`);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-upgrade-'));
  fs.mkdirSync(path.join(folder, 'meta'));
  const before = journal.entries.slice(0, at);
  for (const e of before) fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  fs.writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: before }));
  return folder;
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('dbAdminUrl') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A database of its own for the test file, at the migration before `…_<tag>`, dropped after the file. */
export function useDatabaseBefore(tag: string): Upgrade {
  const name = `hrsp_up_${crypto.randomBytes(6).toString('hex')}`;
  let database: Database | null = null;
  let old: string | null = null;
  beforeAll(async () => {
    old = folderBefore(tag);
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(inject('dbAdminUrl'));
    url.pathname = `/${name}`;
    database = openDatabase(url.toString(), 2);
    await migrate(database.db, { migrationsFolder: old });
  });
  afterAll(async () => {
    await database?.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    if (old) fs.rmSync(old, { recursive: true, force: true });
  });
  const opened = (): Database => {
    if (!database) throw new Error('useDatabaseBefore: used outside a test');
    return database;
  };
  return {
    get database() {
      return opened();
    },
    migrateToLatest: () => applyMigrations(opened().db),
  };
}
