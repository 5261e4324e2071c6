import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.js';
import { openDatabase, type Database } from '../../db/client.js';
import { lockOwner } from '../../db/data-lock.js';
import { embeddedPasswordFile, embeddedUrl } from '../../db/embedded.js';
import { embeddedAppRole, userOfUrl } from '../../db/roles.js';
import { prepareDatabase, startDatabase } from '../../server/database.js';
import { installFieldKeys, loadFieldKeys } from '../../server/crypto/field-keys.js';

export interface CliDatabase extends Database {
  url: string;
  shutdown(): Promise<void>;
}

/**
 * The database a CLI command works on. With the embedded server already run by `npm start`,
 * connect to it rather than starting a second one on the same data. Commands work as the
 * database owner (migrations, recovery, backup).
 */
export async function cliDatabase(config: Config, options: { requireStopped?: boolean } = {}): Promise<CliDatabase> {
  if (config.databaseUrl === null && lockOwner(config.dataDir) !== null) {
    if (options.requireStopped) throw new Error('HRSP 服务正在运行（内嵌数据库使用中），请先停止服务（Ctrl-C）再执行此命令。');
    installFieldKeys(loadFieldKeys(config));
    installFieldKeys(loadFieldKeys(config));
    const password = fs.readFileSync(embeddedPasswordFile(path.join(config.dataDir, 'pg')), 'utf8').trim();
    const url = embeddedUrl(password, config.embeddedPgPort);
    const database = openDatabase(url, 2);
    await prepareDatabase(database.db, embeddedAppRole);
    return { ...database, url, shutdown: () => database.close() };
  }
  return startDatabase(config);
}

/** The runtime role the server connects as, when there is one (embedded: always; external: DATABASE_URL_APP). */
export function runtimeRoleOf(config: Config): string | null {
  if (config.databaseUrl === null) return embeddedAppRole;
  return config.databaseUrlApp === null ? null : userOfUrl(config.databaseUrlApp);
}
