import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { installFieldKeys } from '../src/server/crypto/field-keys.js';
import { testFieldKeys } from '../test/keys.js';

/**
 * A fresh database for one bench run: a new database on DATABASE_URL (an admin URL), or on an
 * embedded PostgreSQL in a temp folder. `stop` drops it and cleans up.
 */
export async function benchDatabase(label: string): Promise<{ url: string; stop: () => Promise<void> }> {
  installFieldKeys(testFieldKeys);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-bench-'));
  fs.chmodSync(tmp, 0o755);
  let adminUrl = process.env.DATABASE_URL;
  let stopServer: () => Promise<void> = () => Promise.resolve();
  if (!adminUrl) {
    const server = await startEmbeddedPostgres({ clusterDir: path.join(tmp, 'pg'), port: 55000 + Math.floor(Math.random() * 900) });
    adminUrl = server.url;
    stopServer = () => server.stop();
  }
  const name = `hrsp_bench_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      await stopServer();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
