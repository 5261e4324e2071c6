import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { Executor } from './client.js';

/**
 * The runtime role: what the server's pool connects as, apart from the migration owner. It may
 * read and write the business tables but only SELECT and INSERT the two logs, so a bug or an
 * injected statement in the server cannot rewrite or erase the audit trail (GB/T 22239 §8.1.4).
 */
export const appendOnlyTables = ['audit_log', 'login_log'] as const;

/** The embedded cluster's runtime role (the owner is `hrsp`). */
export const embeddedAppRole = 'hrsp_app';

/**
 * Grants the runtime role its privileges on every table that exists now, and by default on
 * tables the owner creates later. Run as the owner after every migration run, so a table a
 * later migration adds is covered either way.
 */
export async function grantRuntimeRole(db: Executor, role: string): Promise<void> {
  const r = sql.raw(pg.escapeIdentifier(role));
  await db.execute(sql`GRANT USAGE ON SCHEMA public TO ${r}`);
  await db.execute(sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
  await db.execute(sql`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
  await db.execute(sql`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`);
  await db.execute(sql`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${r}`);
  for (const table of appendOnlyTables) {
    await db.execute(sql`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${sql.raw(pg.escapeIdentifier(table))} FROM ${r}`);
  }
}

/** Creates (or re-passwords) a login role; needs CREATEROLE, which the embedded owner has. */
export async function ensureLoginRole(db: Executor, role: string, password: string): Promise<void> {
  const r = pg.escapeIdentifier(role);
  const p = pg.escapeLiteral(password);
  const [found] = (await db.execute<{ n: number }>(sql`SELECT 1 AS n FROM pg_roles WHERE rolname = ${role}`)).rows;
  const verb = found ? 'ALTER' : 'CREATE';
  await db.execute(sql.raw(`${verb} ROLE ${r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOBYPASSRLS PASSWORD ${p}`));
}

/** Whether the connection's own role could rewrite the audit log (then immutability is not enforced). */
export async function mayRewriteAuditLog(db: Executor): Promise<boolean> {
  const [row] = (await db.execute<{ update: boolean; delete: boolean; superuser: boolean }>(sql`
    SELECT has_table_privilege(current_user, 'audit_log', 'UPDATE') AS "update",
           has_table_privilege(current_user, 'audit_log', 'DELETE') AS "delete",
           (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser`)).rows;
  return row === undefined || row.update || row.delete || row.superuser;
}

/** The runtime role's password file, created once (0600) beside the owner's (<dataDir>/pg-app-password). */
export function readOrCreatePasswordFile(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const password = crypto.randomBytes(24).toString('base64url');
  fs.writeFileSync(file, password, { mode: 0o600 });
  return password;
}

/** The role name a connection URL logs in as. */
export function userOfUrl(url: string): string {
  return decodeURIComponent(new URL(url).username);
}
