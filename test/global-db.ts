import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedServer } from '../src/db/embedded.js';
import { openDatabase } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';

/**
 * The db suite runs on a real PostgreSQL: DATABASE_URL when set (CI runs it on Debian's
 * PostgreSQL 15 that way), else an embedded server in a temporary folder. A migrated
 * template database is made once; each test file clones it (test/db.ts).
 */
let embedded: EmbeddedServer | null = null;
let tmp: string | null = null;

export async function setup(project: TestProject): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-test-'));
    fs.chmodSync(tmp, 0o755);
    embedded = await startEmbeddedPostgres({ clusterDir: path.join(tmp, 'pg'), port: 54500 + Math.floor(Math.random() * 400) });
    adminUrl = embedded.url;
  }
  const template = `hrsp_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  const database = openDatabase(url.toString(), 2);
  await applyMigrations(database.db);
  await database.close();
  project.provide('dbAdminUrl', adminUrl);
  project.provide('dbTemplate', template);
}

export async function teardown(): Promise<void> {
  if (embedded) await embedded.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbAdminUrl: string;
    dbTemplate: string;
  }
}
