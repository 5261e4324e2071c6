import path from 'node:path';
import type { Config } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { acquireDataLock } from '../db/data-lock.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { applyMigrations } from '../db/migrate.js';
import { installFieldKeys, loadFieldKeys } from './crypto/field-keys.js';

export interface RunningDatabase extends Database {
  url: string;
  embedded: boolean;
  /** Closes the pool, then stops the embedded server and frees the data directory. */
  shutdown(): Promise<void>;
}

/** The configured database: DATABASE_URL, or the embedded PostgreSQL in <dataDir>/pg, migrated. */
export async function startDatabase(config: Config, log: (line: string) => void = () => undefined): Promise<RunningDatabase> {
  // Before any row is read: sealed columns need the key ring (a missing or malformed key stops here).
  installFieldKeys(loadFieldKeys(config));
  if (config.databaseUrl !== null) {
    const database = openDatabase(config.databaseUrl);
    await applyMigrations(database.db);
    return { ...database, url: config.databaseUrl, embedded: false, shutdown: () => database.close() };
  }
  const release = acquireDataLock(config.dataDir);
  try {
    const server = await startEmbeddedPostgres({ clusterDir: path.join(config.dataDir, 'pg'), port: config.embeddedPgPort, log });
    const database = openDatabase(server.url);
    await applyMigrations(database.db);
    return {
      ...database,
      url: server.url,
      embedded: true,
      shutdown: async () => {
        await database.close();
        await server.stop();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}
