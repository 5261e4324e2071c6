/** SQL of the panel meeting, grading, publication and proposals (Art 31–33). */
import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { districts, evaluationEntries, evaluationProposals, evaluations, platforms, scoreSchemes, users } from '../../../db/schema/index.js';
import type { PlatformScope } from '../../../domain/auth/scope.js';
import type { EntryStatus } from '../../../domain/evaluation/workflow.js';
import type { Grade, Recommendation } from '../../../domain/grading/types.js';
import { platformScopeCondition } from '../../platforms/repository.js';
import { stamp } from '../entries/repository.js';

export type GradeSource = 'computed' | 'tie_decision' | 'override' | 'lost_conditions';

/** Every entry of a campaign with what the panel needs: platform, reviewed total, conditions, decision. */
export async function panelEntries(db: Executor, evaluationId: string, scope: PlatformScope = { kind: 'all' }) {
  return db
    .select({
      id: evaluationEntries.id, platformId: evaluationEntries.platformId, platformName: platforms.name, districtCode: platforms.districtCode,
      districtName: districts.name, platformStatus: platforms.status, recognizedAt: platforms.recognizedAt, recognitionTerms: platforms.recognitionTerms,
      level: evaluationEntries.level, type: evaluationEntries.type, voluntary: evaluationEntries.voluntary, status: evaluationEntries.status,
      reviewedTotal: evaluationEntries.reviewedTotal, conditionsLost: evaluationEntries.conditionsLost, conditionsNote: evaluationEntries.conditionsNote,
      grade: evaluationEntries.grade, gradeSource: evaluationEntries.gradeSource, gradeReason: evaluationEntries.gradeReason,
      rank: evaluationEntries.rank, recommendation: evaluationEntries.recommendation, gradedAt: evaluationEntries.gradedAt,
    })
    .from(evaluationEntries)
    .innerJoin(platforms, eq(evaluationEntries.platformId, platforms.id))
    .innerJoin(districts, eq(platforms.districtCode, districts.code))
    .where(and(eq(evaluationEntries.evaluationId, evaluationId), platformScopeCondition(scope)))
    .orderBy(asc(evaluationEntries.level), asc(platforms.name));
}
export type PanelEntry = Awaited<ReturnType<typeof panelEntries>>[number];

/** The grades a campaign's platforms had in the published campaign of `year` (Art 32 (二): two years running). */
export async function publishedGrades(db: Executor, year: number): Promise<Map<string, Grade>> {
  const rows = await db
    .select({ platformId: evaluationEntries.platformId, grade: evaluationEntries.grade })
    .from(evaluationEntries)
    .innerJoin(evaluations, eq(evaluationEntries.evaluationId, evaluations.id))
    .where(and(eq(evaluations.year, year), eq(evaluations.status, 'published'), isNotNull(evaluationEntries.grade)));
  return new Map(rows.flatMap((r) => (r.grade === null ? [] : [[r.platformId, r.grade] as const])));
}

/** Only while the entry is still in one of `statuses`: a published campaign never changes. */
export async function setConditions(db: Executor, entryId: string, statuses: readonly EntryStatus[], lost: boolean | null, note: string | null): Promise<boolean> {
  const rows = await db.update(evaluationEntries).set({ conditionsLost: lost, conditionsNote: note, updatedAt: stamp() })
    .where(and(eq(evaluationEntries.id, entryId), inArray(evaluationEntries.status, [...statuses]))).returning({ id: evaluationEntries.id });
  return rows.length > 0;
}

/** The panel's decision on a reviewed entry (held tie or override); null withdraws it. */
export async function setDecision(db: Executor, entryId: string, d: { grade: Grade; source: 'tie_decision' | 'override'; reason: string } | null): Promise<boolean> {
  const rows = await db.update(evaluationEntries)
    .set({ grade: d?.grade ?? null, gradeSource: d?.source ?? null, gradeReason: d?.reason ?? null, updatedAt: stamp() })
    .where(and(eq(evaluationEntries.id, entryId), eq(evaluationEntries.status, 'reviewed'))).returning({ id: evaluationEntries.id });
  return rows.length > 0;
}

/** reviewed → graded with the grade, its source, rank and recommendation. */
export async function gradeEntry(
  db: Executor, entryId: string, g: { grade: Grade; source: GradeSource; reason: string | null; rank: number; recommendation: Recommendation },
): Promise<boolean> {
  const rows = await db.update(evaluationEntries)
    .set({ status: 'graded', grade: g.grade, gradeSource: g.source, gradeReason: g.reason, rank: g.rank, recommendation: g.recommendation, gradedAt: stamp(), updatedAt: stamp() })
    .where(and(eq(evaluationEntries.id, entryId), eq(evaluationEntries.status, 'reviewed'))).returning({ id: evaluationEntries.id });
  return rows.length > 0;
}

/** open → published with the frozen results; every graded entry → published. */
/** Publishes if still open; returns the publication time (null: already published or changed). */
export async function publishEvaluation(db: Executor, id: string, results: unknown): Promise<Date | null> {
  const [row] = await db.update(evaluations).set({ status: 'published', publishedAt: stamp(), results })
    .where(and(eq(evaluations.id, id), eq(evaluations.status, 'open'))).returning({ publishedAt: evaluations.publishedAt });
  if (!row?.publishedAt) return null;
  await db.update(evaluationEntries).set({ status: 'published', updatedAt: stamp() })
    .where(and(eq(evaluationEntries.evaluationId, id), eq(evaluationEntries.status, 'graded')));
  return row.publishedAt;
}

export async function findPublication(db: Executor, id: string) {
  const rows = await db.select({
    publishedAt: evaluations.publishedAt, results: evaluations.results, resultsCode: evaluations.resultsCode, resultsKeyVersion: evaluations.resultsKeyVersion,
  }).from(evaluations).where(eq(evaluations.id, id));
  return rows[0] ?? null;
}

export async function setResultsCode(db: Executor, id: string, code: string, keyVersion: number): Promise<void> {
  await db.update(evaluations).set({ resultsCode: code, resultsKeyVersion: keyVersion }).where(eq(evaluations.id, id));
}

/** Published evaluations with the key version of their code (null: not signed yet). */
export async function publishedCodes(db: Executor) {
  return db.select({ id: evaluations.id, year: evaluations.year, resultsKeyVersion: evaluations.resultsKeyVersion }).from(evaluations)
    .where(eq(evaluations.status, 'published')).orderBy(evaluations.year);
}

export async function insertProposals(db: Executor, rows: (typeof evaluationProposals.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(evaluationProposals).values(rows);
}

const proposalColumns = {
  id: evaluationProposals.id, evaluationId: evaluationProposals.evaluationId, year: evaluations.year, platformId: evaluationProposals.platformId,
  platformName: platforms.name, level: platforms.level, platformStatus: platforms.status, recognizedAt: platforms.recognizedAt, districtCode: platforms.districtCode,
  kind: evaluationProposals.kind, status: evaluationProposals.status, reason: evaluationProposals.reason,
  decidedByName: users.displayName, decidedAt: evaluationProposals.decidedAt, decisionNote: evaluationProposals.decisionNote,
};

export async function listProposals(db: Executor, evaluationId: string) {
  return db.select(proposalColumns).from(evaluationProposals)
    .innerJoin(evaluations, eq(evaluationProposals.evaluationId, evaluations.id))
    .innerJoin(platforms, eq(evaluationProposals.platformId, platforms.id))
    .leftJoin(users, eq(evaluationProposals.decidedBy, users.id))
    .where(eq(evaluationProposals.evaluationId, evaluationId))
    .orderBy(asc(evaluationProposals.kind), asc(platforms.name));
}

export async function findProposal(db: Executor, id: string) {
  const rows = await db.select(proposalColumns).from(evaluationProposals)
    .innerJoin(evaluations, eq(evaluationProposals.evaluationId, evaluations.id))
    .innerJoin(platforms, eq(evaluationProposals.platformId, platforms.id))
    .leftJoin(users, eq(evaluationProposals.decidedBy, users.id))
    .where(eq(evaluationProposals.id, id));
  return rows[0] ?? null;
}
export type ProposalRecord = NonNullable<Awaited<ReturnType<typeof findProposal>>>;

/** proposed → confirmed/rejected, once. */
export async function decideProposal(db: Executor, id: string, status: 'confirmed' | 'rejected', userId: string, note: string | null): Promise<boolean> {
  const rows = await db.update(evaluationProposals).set({ status, decidedBy: userId, decidedAt: stamp(), decisionNote: note })
    .where(and(eq(evaluationProposals.id, id), eq(evaluationProposals.status, 'proposed'))).returning({ id: evaluationProposals.id });
  return rows.length > 0;
}

export async function publishedYears(db: Executor) {
  return db.select({ year: evaluations.year, publishedAt: evaluations.publishedAt }).from(evaluations)
    .where(eq(evaluations.status, 'published')).orderBy(desc(evaluations.year));
}

export async function publishedByYear(db: Executor, year: number) {
  const rows = await db.select({ id: evaluations.id, year: evaluations.year, publishedAt: evaluations.publishedAt }).from(evaluations)
    .where(and(eq(evaluations.year, year), eq(evaluations.status, 'published')));
  return rows[0] ?? null;
}

/** Adopted schemes by year, to find the policy a platform was recognized under. */
export async function adoptedSchemeYears(db: Executor) {
  return db.select({ id: scoreSchemes.id, year: scoreSchemes.year }).from(scoreSchemes)
    .where(eq(scoreSchemes.status, 'adopted')).orderBy(desc(scoreSchemes.year), desc(scoreSchemes.adoptedAt));
}

/** The grade the bureau set after an upheld objection to the draft results (Art 30 (四)): the entry stays graded. */
export async function setGradeAfterObjection(db: Executor, entryId: string, grade: Grade, reason: string): Promise<void> {
  await db.update(evaluationEntries).set({ grade, gradeSource: 'override', gradeReason: reason, updatedAt: stamp() }).where(eq(evaluationEntries.id, entryId));
}
