import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { scoreSchemes } from '../../db/schema/index.js';

const columns = {
  id: scoreSchemes.id,
  year: scoreSchemes.year,
  title: scoreSchemes.title,
  basedOn: scoreSchemes.basedOn,
  status: scoreSchemes.status,
  createdAt: scoreSchemes.createdAt,
  adoptedAt: scoreSchemes.adoptedAt,
};

export async function listSchemes(db: Executor) {
  return db.select(columns).from(scoreSchemes).orderBy(desc(scoreSchemes.year), scoreSchemes.id);
}

/** The scheme's row without its document: enough to know whether a kept adopted document is still the one stored. */
export async function findSchemeRow(db: Executor, id: string) {
  const rows = await db.select(columns).from(scoreSchemes).where(eq(scoreSchemes.id, id));
  return rows[0] ?? null;
}

export async function findScheme(db: Executor, id: string) {
  const rows = await db.select({ ...columns, document: scoreSchemes.document }).from(scoreSchemes).where(eq(scoreSchemes.id, id));
  return rows[0] ?? null;
}
export type SchemeRecord = NonNullable<Awaited<ReturnType<typeof findScheme>>>;

export async function insertScheme(db: Executor, row: typeof scoreSchemes.$inferInsert): Promise<void> {
  await db.insert(scoreSchemes).values(row);
}

/** Changes a draft only: the WHERE makes an adopted scheme immutable even under a race. */
export async function updateDraft(db: Executor, id: string, patch: Partial<typeof scoreSchemes.$inferInsert>): Promise<boolean> {
  const rows = await db.update(scoreSchemes).set(patch).where(and(eq(scoreSchemes.id, id), eq(scoreSchemes.status, 'draft'))).returning({ id: scoreSchemes.id });
  return rows.length > 0;
}

/** The id of the scheme adopted last: the one in force for checks made today. */
export async function newestAdoptedId(db: Executor): Promise<string | null> {
  const rows = await db.select({ id: scoreSchemes.id }).from(scoreSchemes).where(eq(scoreSchemes.status, 'adopted'))
    .orderBy(desc(scoreSchemes.adoptedAt), desc(scoreSchemes.id)).limit(1);
  return rows[0]?.id ?? null;
}
