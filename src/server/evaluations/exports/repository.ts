import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { evaluationEntries, platforms } from '../../../db/schema/index.js';
import type { PlatformScope } from '../../../domain/auth/scope.js';
import { platformScopeCondition } from '../../platforms/repository.js';

const columns = {
  id: evaluationEntries.id, platformId: evaluationEntries.platformId, platformName: platforms.name, districtCode: platforms.districtCode,
  level: evaluationEntries.level, type: evaluationEntries.type, factor: evaluationEntries.factor, voluntary: evaluationEntries.voluntary,
  status: evaluationEntries.status, facts: evaluationEntries.facts, rowTexts: evaluationEntries.rowTexts,
  storedSelfTotal: evaluationEntries.selfTotal, reviewedTotal: evaluationEntries.reviewedTotal, reviewedSheet: evaluationEntries.reviewedSheet,
  rank: evaluationEntries.rank, grade: evaluationEntries.grade, recommendation: evaluationEntries.recommendation,
  submittedAt: evaluationEntries.submittedAt, forwardedAt: evaluationEntries.forwardedAt,
};

/** The entries of a campaign in the actor's scope with everything an export shows: self and reviewed scores, rank, grade. */
export async function exportEntries(db: Executor, evaluationId: string, scope: PlatformScope, entryId?: string) {
  return db
    .select(columns)
    .from(evaluationEntries)
    .innerJoin(platforms, eq(evaluationEntries.platformId, platforms.id))
    .where(and(eq(evaluationEntries.evaluationId, evaluationId), entryId === undefined ? undefined : eq(evaluationEntries.id, entryId), platformScopeCondition(scope)))
    .orderBy(asc(evaluationEntries.type), asc(evaluationEntries.rank), asc(evaluationEntries.level), asc(platforms.name));
}
export type ExportEntryRecord = Awaited<ReturnType<typeof exportEntries>>[number];
