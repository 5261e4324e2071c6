import path from 'node:path';
import type { Config } from '../config.js';
import { openDatabase, type Database, type Db } from '../db/client.js';
import { acquireDataLock } from '../db/data-lock.js';
import { embeddedAppPasswordFile, embeddedUrl, startEmbeddedPostgres } from '../db/embedded.js';
import { applyMigrations } from '../db/migrate.js';
import { embeddedAppRole, ensureLoginRole, grantRuntimeRole, mayRewriteAuditLog, readOrCreatePasswordFile, userOfUrl } from '../db/roles.js';
import { sealLegacyRows } from './audit/repository.js';
import { installFieldKeys, loadFieldKeys } from './crypto/field-keys.js';
import { withStartupLock } from './cluster/repository.js';
import { moveDiskFilesIntoDatabase } from './files/service.js';

export interface RunningDatabase extends Database {
  /** The owner's URL (migrations, backup and restore). */
  url: string;
  embedded: boolean;
  /** Closes the pool, then stops the embedded server and frees the data directory. */
  shutdown(): Promise<void>;
}

/** Who the returned pool connects as: the server's runtime role, or the owner (CLI maintenance). */
export type ConnectAs = 'runtime' | 'owner';

/**
 * Run as the owner: migrations, hashes for log rows older than the hash chain, and the runtime
 * role's grants (re-applied at every start, so tables added by later migrations are covered).
 */
export async function prepareDatabase(owner: Db, runtimeRole: string | null, filesDir?: string): Promise<void> {
  await applyMigrations(owner);
  await sealLegacyRows(owner, 'audit');
  await sealLegacyRows(owner, 'login');
  if (runtimeRole !== null) await grantRuntimeRole(owner, runtimeRole);
  if (filesDir !== undefined) await moveOldAttachments(owner, filesDir);
}

/** Attachments of a version that kept them on disk move into the database once; what could not be moved is named. */
async function moveOldAttachments(db: Db, filesDir: string): Promise<void> {
  const report = await moveDiskFilesIntoDatabase(db, filesDir);
  if (report.moved > 0) console.log(`已将 ${report.moved} 个附件从 ${filesDir} 迁入数据库（磁盘上的原文件保留，核对后可删除）。`);
  for (const f of report.failed) console.warn(`附件 ${f.id} 未能迁入数据库：${f.reason}`);
}

export const unenforcedWarning =
  '警告：服务以数据库所有者（或超级用户）身份连接，审计日志的只增不改未由数据库强制。' +
  '请设置 DATABASE_URL_APP 为仅有运行权限的角色（见 README「安全」）。';

async function warnIfRewritable(db: Db, log: (line: string) => void): Promise<void> {
  if (await mayRewriteAuditLog(db)) log(unenforcedWarning);
}

async function externalDatabase(config: Config, ownerUrl: string, as: ConnectAs, log: (line: string) => void): Promise<RunningDatabase> {
  const appUrl = as === 'runtime' ? config.databaseUrlApp : null;
  const owner = openDatabase(ownerUrl, appUrl === null ? 10 : 2);
  try {
    // Several processes may start together on one database: one prepares it, the others wait.
    await withStartupLock(owner.pool, () => prepareDatabase(owner.db, config.databaseUrlApp === null ? null : userOfUrl(config.databaseUrlApp), config.filesDir));
  } catch (e) {
    await owner.close();
    throw e;
  }
  if (appUrl === null) {
    if (as === 'runtime') await warnIfRewritable(owner.db, log);
    return { ...owner, url: ownerUrl, embedded: false, shutdown: () => owner.close() };
  }
  await owner.close();
  const runtime = openDatabase(appUrl);
  await warnIfRewritable(runtime.db, log);
  return { ...runtime, url: ownerUrl, embedded: false, shutdown: () => runtime.close() };
}

/**
 * The configured database, migrated: DATABASE_URL (+ DATABASE_URL_APP), or the embedded
 * PostgreSQL in <dataDir>/pg, whose owner `hrsp` migrates and whose role `hrsp_app` serves.
 */
export async function startDatabase(
  config: Config,
  { as = 'owner', log = (line) => console.warn(line) }: { as?: ConnectAs; log?: (line: string) => void } = {},
): Promise<RunningDatabase> {
  // Before any row is read: sealed columns need the key ring (a missing or malformed key stops here).
  installFieldKeys(loadFieldKeys(config));
  if (config.databaseUrl !== null) return externalDatabase(config, config.databaseUrl, as, log);
  const release = acquireDataLock(config.dataDir);
  try {
    const clusterDir = path.join(config.dataDir, 'pg');
    const server = await startEmbeddedPostgres({ clusterDir, port: config.embeddedPgPort });
    const owner = openDatabase(server.url, as === 'owner' ? 10 : 2);
    let database: Database = owner;
    try {
      const appPassword = readOrCreatePasswordFile(embeddedAppPasswordFile(clusterDir));
      await ensureLoginRole(owner.db, embeddedAppRole, appPassword);
      await prepareDatabase(owner.db, embeddedAppRole, config.filesDir);
      if (as === 'runtime') {
        await owner.close();
        database = openDatabase(embeddedUrl(appPassword, server.port, embeddedAppRole));
        await warnIfRewritable(database.db, log);
      }
    } catch (e) {
      await database.close().catch(() => undefined);
      await server.stop();
      throw e;
    }
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
