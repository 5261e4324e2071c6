import pg from 'pg';
import { asc, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { files } from '../../db/schema/index.js';

export interface AttachmentHash {
  id: string;
  bytes: number;
  sm3: string;
}

/**
 * Runs `work` while a read-only REPEATABLE READ transaction holds a snapshot, handing it the
 * snapshot's id (for pg_dump --snapshot) and the attachments as that snapshot sees them: the
 * dump and the manifest's list describe the same moment.
 */
export async function withSnapshot<T>(url: string, work: (snapshot: string, attachments: AttachmentHash[]) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]?.id;
    if (snapshot === undefined) throw new Error('pg_export_snapshot returned nothing');
    const rows = await client.query<{ id: string; bytes: number; sm3: string }>('SELECT id, size_bytes AS bytes, sm3 FROM files WHERE sm3 IS NOT NULL ORDER BY id');
    const result = await work(snapshot, rows.rows);
    await client.query('COMMIT');
    return result;
  } finally {
    await client.end();
  }
}

/** The attachments the database holds content for. */
export async function attachmentIds(db: Executor): Promise<string[]> {
  return (await db.select({ id: files.id }).from(files).where(isNotNull(files.sm3)).orderBy(asc(files.id))).map((r) => r.id);
}
