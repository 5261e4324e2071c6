import path from 'node:path';

/** Runtime configuration, read once from the environment. Documented in README "Configuration". */
export interface Config {
  port: number;
  host: string;
  /** Set when an external PostgreSQL is used; otherwise the embedded server runs in dataDir/pg. */
  databaseUrl: string | null;
  /**
   * The runtime role's URL on an external PostgreSQL (DATABASE_URL is then the migration owner).
   * Unset: the server runs as the owner and the database does not keep the audit log append-only.
   */
  databaseUrlApp: string | null;
  dataDir: string;
  /** Where a version before attachments moved into the database kept them; read once at start to move them in. */
  filesDir: string;
  /** HRSP_BACKUP_KEY_FILE: 32-byte key that seals backups with SM4; null: backups unencrypted. */
  backupKeyFile: string | null;
  embeddedPgPort: number;
  demo: boolean;
  secureCookies: boolean;
  trustProxy: boolean;
  logLevel: string;
  webDir: string;
  /** Login attempts per minute from one address (accounts lock separately after 5 failures). */
  loginRateLimit: number;
  /** Requests a minute per signed-in session, and per address for callers without a session (401s included). */
  sessionRateLimit: number;
  addressRateLimit: number;
  /** How often each process reports its request counts to PostgreSQL (ms): the cross-process tolerance. */
  rateLimitSyncMs: number;
  /** Objections filed on the public portal per hour from one address. */
  objectionRateLimit: number;
  /** Every response also checked by zod against its schema and the compiled serializer's output (src/server/serialization.ts). */
  responseCheck: boolean;
}

function intFrom(value: string | undefined, fallback: number, name: string, max = 65535): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  // Said to the operator starting the server, in Chinese, naming the variable.
  if (!Number.isInteger(n) || n <= 0 || n > max) throw new Error(`配置项 ${name} 应为 1 到 ${max} 之间的整数，当前为"${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.HRSP_DATA_DIR ?? 'data');
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL !== '' ? env.DATABASE_URL : null;
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? 'localhost',
    databaseUrl,
    databaseUrlApp: databaseUrl !== null && env.DATABASE_URL_APP && env.DATABASE_URL_APP !== '' ? env.DATABASE_URL_APP : null,
    dataDir,
    filesDir: path.resolve(env.HRSP_FILES_DIR ?? path.join(dataDir, 'files')),
    backupKeyFile: env.HRSP_BACKUP_KEY_FILE && env.HRSP_BACKUP_KEY_FILE !== '' ? path.resolve(env.HRSP_BACKUP_KEY_FILE) : null,
    embeddedPgPort: intFrom(env.HRSP_PG_PORT, 54329, 'HRSP_PG_PORT'),
    // Demo data only ever goes into the embedded database unless asked for explicitly.
    demo: env.HRSP_DEMO === 'on' || (env.HRSP_DEMO !== 'off' && databaseUrl === null),
    secureCookies: env.HRSP_SECURE_COOKIES === 'on',
    trustProxy: env.HRSP_TRUST_PROXY === 'on',
    logLevel: env.LOG_LEVEL ?? 'warn',
    webDir: path.resolve(env.HRSP_WEB_DIR ?? 'dist/web'),
    // Defaults as DEFAULT_BUDGETS (src/server/plugins/request-budget.ts): a 50-person office behind
    // one NAT address signs in within a minute; guessing is stopped by the per-account lockout anyway.
    loginRateLimit: intFrom(env.HRSP_LOGIN_RATE_LIMIT, 60, 'HRSP_LOGIN_RATE_LIMIT', 100_000),
    // Per session, so an office behind one NAT address is not one budget; per address only without a session.
    sessionRateLimit: intFrom(env.HRSP_SESSION_RATE_LIMIT, 6000, 'HRSP_SESSION_RATE_LIMIT', 100_000_000),
    addressRateLimit: intFrom(env.HRSP_ADDRESS_RATE_LIMIT, 3000, 'HRSP_ADDRESS_RATE_LIMIT', 100_000_000),
    rateLimitSyncMs: intFrom(env.HRSP_RATE_LIMIT_SYNC_MS, 1000, 'HRSP_RATE_LIMIT_SYNC_MS', 60_000),
    objectionRateLimit: intFrom(env.HRSP_OBJECTION_RATE_LIMIT, 5, 'HRSP_OBJECTION_RATE_LIMIT', 10_000),
    responseCheck: responseCheckFrom(env),
  };
}

/** HRSP_RESPONSE_CHECK on/off; unset: on under the test runner (NODE_ENV=test), so the suites catch contract drift. */
export function responseCheckFrom(env: NodeJS.ProcessEnv): boolean {
  if (env.HRSP_RESPONSE_CHECK === 'on') return true;
  if (env.HRSP_RESPONSE_CHECK === 'off') return false;
  if (env.HRSP_RESPONSE_CHECK !== undefined && env.HRSP_RESPONSE_CHECK !== '') throw new Error(`配置项 HRSP_RESPONSE_CHECK 应为 on 或 off，当前为"${env.HRSP_RESPONSE_CHECK}"`);
  return env.NODE_ENV === 'test';
}
