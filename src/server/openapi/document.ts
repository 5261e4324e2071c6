/**
 * The OpenAPI document the server serves at /api/docs/json, built in-process without a database:
 * the app's routes and schemas are registered and the pool is never asked for a connection, so
 * `npm run api:generate` and the contract test need no PostgreSQL.
 */
import { openDatabase } from '../../db/client.js';
import { buildApp } from '../app.js';

/** Never connected: building routes and the document runs no query. */
const UNUSED_DATABASE = 'postgres://openapi@127.0.0.1:1/unused';

export async function buildOpenApiDocument(): Promise<unknown> {
  const database = openDatabase(UNUSED_DATABASE, 1);
  try {
    const app = await buildApp({ db: database.db, logLevel: 'silent', webDir: null });
    try {
      await app.ready();
      return sortKeys(app.swagger());
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

/** Objects' keys sorted at every depth, arrays kept in order: the committed file diffs by meaning, not by registration order. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}

/** The committed file's text: two-space indentation and a final newline. */
export function documentText(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
