// Art 17 deadlines (src/server/yeardata/recognition-deadlines.ts): the platforms holding them and their alerts.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { platformDeadlineAlerts, platforms } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';
/** Recognized municipal platforms whose terms hold Art 17 deadlines. */
export async function platformsWithDeadlines(db: Executor) {
  return db
    .select({ id: platforms.id, name: platforms.name, level: platforms.level, recognitionTerms: platforms.recognitionTerms })
    .from(platforms)
    .where(and(
      eq(platforms.level, 'municipal'), inArray(platforms.status, ['recognized', 'rectifying']),
      sql`jsonb_typeof(${platforms.recognitionTerms} -> 'deadlines') = 'array'`,
    ))
    .orderBy(asc(platforms.name));
}

export interface DeadlineKey { condition: string; dueDate: string }

/** Records an overdue deadline; true only the first time (the caller notifies then). A resolved one that is overdue again reopens, silently. */
export async function raiseDeadlineAlert(db: Executor, platformId: string, k: DeadlineKey, dataYear: number): Promise<boolean> {
  const inserted = await db.insert(platformDeadlineAlerts).values({ platformId, condition: k.condition, dueDate: k.dueDate, dataYear })
    .onConflictDoNothing().returning({ id: platformDeadlineAlerts.id });
  if (inserted.length > 0) return true;
  await db.update(platformDeadlineAlerts).set({ resolvedAt: null, dataYear })
    .where(and(eq(platformDeadlineAlerts.platformId, platformId), eq(platformDeadlineAlerts.condition, k.condition), eq(platformDeadlineAlerts.dueDate, k.dueDate)));
  return false;
}

/** Closes the platform's open alerts but those still overdue (met since, or the term changed). */
export async function resolveDeadlineAlerts(db: Executor, platformId: string, stillOverdue: readonly DeadlineKey[]): Promise<number> {
  const keep = stillOverdue.map((k) => sql`(${k.condition}, ${k.dueDate}::date)`);
  const rows = await db.update(platformDeadlineAlerts).set({ resolvedAt: sql`now()` })
    .where(and(
      eq(platformDeadlineAlerts.platformId, platformId), isNull(platformDeadlineAlerts.resolvedAt),
      keep.length === 0 ? undefined : sql`(${platformDeadlineAlerts.condition}, ${platformDeadlineAlerts.dueDate}) not in (${sql.join(keep, sql`, `)})`,
    ))
    .returning({ id: platformDeadlineAlerts.id });
  return rows.length;
}

/** Open alerts of platforms still under management: the bureau's to-do items. */
export async function openDeadlineAlerts(db: Executor) {
  return db
    .select({ platformId: platforms.id, platformName: platforms.name, platformType: platforms.type, condition: platformDeadlineAlerts.condition, dueDate: platformDeadlineAlerts.dueDate, raisedAt: platformDeadlineAlerts.raisedAt })
    .from(platformDeadlineAlerts)
    .innerJoin(platforms, eq(platformDeadlineAlerts.platformId, platforms.id))
    .where(and(isNull(platformDeadlineAlerts.resolvedAt), inArray(platforms.status, ['recognized', 'rectifying'])))
    .orderBy(asc(platformDeadlineAlerts.dueDate), asc(platforms.name));
}
