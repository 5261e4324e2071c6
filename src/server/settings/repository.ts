import { eq, sql } from 'drizzle-orm';
import { settings } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';

export async function readSetting(db: Executor, key: string): Promise<unknown> {
  const rows = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return rows[0]?.value;
}

export async function writeSetting(db: Executor, key: string, value: unknown): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
}
