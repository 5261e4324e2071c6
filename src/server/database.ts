import path from 'node:path';
import type { Config } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { acquireDataLock } from '../db/data-lock.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { applyMigrations } from '../db/migrate.js';
import { withStartupLock } from './cluster/repository.js';
import { moveDiskFilesIntoDatabase } from './files/service.js';

export interface RunningDatabase extends Database {
  url: string;
  embedded: boolean;
  /** Closes the pool, then stops the embedded server and frees the data directory. */
  shutdown(): Promise<void>;
}

/** The configured database: DATABASE_URL, or the embedded PostgreSQL in <dataDir>/pg, migrated. */
export async function startDatabase(config: Config, log: (line: string) => void = () => undefined): Promise<RunningDatabase> {
  if (config.databaseUrl !== null) {
    const database = openDatabase(config.databaseUrl);
    // Several processes may start together on one database: one migrates, the others wait.
    await withStartupLock(database.pool, async () => {
      await applyMigrations(database.db);
      await moveOldAttachments(database, config.filesDir);
    });
    return { ...database, url: config.databaseUrl, embedded: false, shutdown: () => database.close() };
  }
  const release = acquireDataLock(config.dataDir);
  try {
    const server = await startEmbeddedPostgres({ clusterDir: path.join(config.dataDir, 'pg'), port: config.embeddedPgPort, log });
    const database = openDatabase(server.url);
    await applyMigrations(database.db);
    await moveOldAttachments(database, config.filesDir);
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

/** Attachments of a version that kept them on disk move into the database once; what could not be moved is named. */
async function moveOldAttachments(database: Database, filesDir: string): Promise<void> {
  const report = await moveDiskFilesIntoDatabase(database.db, filesDir);
  if (report.moved > 0) console.log(`已将 ${report.moved} 个附件从 ${filesDir} 迁入数据库（磁盘上的原文件保留，核对后可删除）。`);
  for (const f of report.failed) console.warn(`附件 ${f.id} 未能迁入数据库：${f.reason}`);
}
