import path from 'node:path';

/** Runtime configuration, read once from the environment. Documented in README "Configuration". */
export interface Config {
  port: number;
  host: string;
  /** Set when an external PostgreSQL is used; otherwise the embedded server runs in dataDir/pg. */
  databaseUrl: string | null;
  dataDir: string;
  filesDir: string;
  embeddedPgPort: number;
  demo: boolean;
  secureCookies: boolean;
  trustProxy: boolean;
  logLevel: string;
  webDir: string;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > 65535) throw new Error(`${name} must be a port number, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.HRSP_DATA_DIR ?? 'data');
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL !== '' ? env.DATABASE_URL : null;
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? 'localhost',
    databaseUrl,
    dataDir,
    filesDir: path.resolve(env.HRSP_FILES_DIR ?? path.join(dataDir, 'files')),
    embeddedPgPort: intFrom(env.HRSP_PG_PORT, 54329, 'HRSP_PG_PORT'),
    // Demo data only ever goes into the embedded database unless asked for explicitly.
    demo: env.HRSP_DEMO === 'on' || (env.HRSP_DEMO !== 'off' && databaseUrl === null),
    secureCookies: env.HRSP_SECURE_COOKIES === 'on',
    trustProxy: env.HRSP_TRUST_PROXY === 'on',
    logLevel: env.LOG_LEVEL ?? 'warn',
    webDir: path.resolve(env.HRSP_WEB_DIR ?? 'dist/web'),
  };
}
