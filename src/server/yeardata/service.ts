import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import { canEditPlatform } from '../../domain/platforms/permissions.js';
import { audit } from '../audit/audit.js';
import { lastYear, todayIso } from '../clock.js';
import type { RequestContext } from '../context.js';
import { AppError } from '../errors.js';
import { labelFor } from '../../domain/labels/index.js';
import { editablePlatform, visiblePlatform } from '../platforms/access.js';
import type { PlatformRecord } from '../platforms/repository.js';
import { schemeInForce } from '../schemes/service.js';
import { checkDocument } from '../rules/service.js';
import { assembleSheetFacts } from '../../domain/platforms/facts.js';
import { termsOf } from '../platforms/recognition-terms.js';
import { conditionFactsFor, derivedFacts, loadPlatformYear, typedYearData } from './facts.js';
import * as repo from './repository.js';
import { yearDataSchemas, type YearDataDetail } from './schema.js';
import { findDistrict } from '../../domain/reference/districts.js';
import { districtPolicyMissing, policyFor, quotaAdjustments } from '../district/check.js';
import { findFiling } from '../district/repository.js';
import { findPlatform } from '../platforms/repository.js';

export async function getYearData(db: Db, ctx: RequestContext, platformId: string, year: number): Promise<YearDataDetail> {
  const p = await visiblePlatform(db, ctx, platformId);
  const y = await loadPlatformYear(db, platformId, year);
  return {
    platformId, year, type: p.type, data: y.yearData.data, derived: derivedFacts(y),
    facts: assembleSheetFacts(y.platform, y.aggregates, y.yearData).facts,
    updatedAt: y.stored?.updatedAt.toISOString() ?? null, updatedByName: y.stored?.updatedByName ?? null,
    canEdit: canEditPlatform(ctx.actor, p),
  };
}

function validationError(error: z.ZodError): AppError {
  const details = error.issues.map((i) => {
    const path = ['data', ...i.path.map(String)];
    return { field: path.join('.'), message: `${labelFor(path)}：${i.message}` };
  });
  return new AppError('VALIDATION_FAILED', 400, details.map((d) => d.message).join('；'), details);
}

/** Top-level facts that differ, both ways (a fact removed is a change too). */
function changedFacts(before: object, after: object): Record<string, unknown> {
  const b = new Map<string, unknown>(Object.entries(before));
  const a = new Map<string, unknown>(Object.entries(after));
  const changes: Record<string, unknown> = {};
  for (const key of new Set([...b.keys(), ...a.keys()])) {
    if (JSON.stringify(b.get(key) ?? null) !== JSON.stringify(a.get(key) ?? null)) changes[key] = [b.get(key) ?? null, a.get(key) ?? null];
  }
  return changes;
}

/** Replaces the year's data with a document valid for the platform's type. */
export async function putYearData(db: Db, ctx: RequestContext, platformId: string, year: number, data: Record<string, unknown>): Promise<YearDataDetail> {
  const p = await editablePlatform(db, ctx, platformId);
  const parsed = yearDataSchemas[p.type].safeParse(data);
  if (!parsed.success) throw validationError(parsed.error);
  const before = await repo.findYearData(db, platformId, year);
  const changes = changedFacts(before === null ? {} : typedYearData(p.type, before.data).data, parsed.data);
  if (Object.keys(changes).length > 0 || before === null) {
    await db.transaction(async (tx) => {
      await repo.upsertYearData(tx, platformId, year, parsed.data, ctx.actor.userId);
      await audit(tx, ctx, { action: 'year_data.update', entityType: 'platform_year_data', entityId: platformId, summary: { year, ...changes } });
    });
  }
  return getYearData(db, ctx, platformId, year);
}

export async function listYears(db: Db, ctx: RequestContext, platformId: string) {
  await visiblePlatform(db, ctx, platformId);
  const rows = await repo.yearSummaries(db, platformId);
  return rows.map((r) => ({
    year: r.year, residences: r.residences, updatedAt: r.updatedAt?.toISOString() ?? null, updatedByName: r.updatedByName,
    filledFacts: r.data !== null && typeof r.data === 'object' ? Object.keys(r.data).length : 0,
  }));
}

/** The recognition conditions on a year's data (default: the latest year with data, else last year). */
export async function checkPlatformConditions(db: Db, ctx: RequestContext, platformId: string, year: number | undefined) {
  return conditionCheckOf(db, await visiblePlatform(db, ctx, platformId), year);
}

/**
 * The check the platform detail shows, for a platform already loaded (the daily Art 17 deadline
 * check calls it without a request). A municipal platform is held to the terms it was recognized
 * under (Art 17, accepted shortfalls); deadlines are judged on `asOf`.
 */
export async function conditionCheckOf(db: Executor, p: Pick<PlatformRecord, 'id' | 'level' | 'recognitionTerms'>, year: number | undefined, asOf = todayIso()) {
  const y = year ?? (await repo.latestDataYear(db, p.id)) ?? lastYear();
  const input = await conditionFactsFor(db, p.id, y);
  if (p.level === 'district') return districtConditionCheck(db, p.id, y, input);
  const res = checkDocument(p.level === 'municipal' ? { ...input, adjustments: { ...termsOf(p.recognitionTerms), asOf } } : input, await schemeInForce(db));
  if (res.ok) return { year: y, facts: input.facts, result: res.value, errors: [] };
  return { year: y, facts: input.facts, result: null, errors: res.value.errors };
}

/**
 * A district-level platform is judged by its district's policy in force on its recognition date
 * (today, before one), with the quota reason recorded at the district's decision (Art 16).
 */
async function districtConditionCheck(db: Executor, platformId: string, year: number, input: Awaited<ReturnType<typeof conditionFactsFor>>) {
  const p = await findPlatform(db, { kind: 'all' }, platformId);
  const districtCode = p?.districtCode ?? input.facts.district ?? '';
  const date = p?.recognizedAt ?? todayIso();
  const [chosen, filing] = await Promise.all([policyFor(db, districtCode, date), findFiling(db, platformId)]);
  if (chosen === null) {
    const name = findDistrict(districtCode)?.name ?? districtCode;
    return { year, facts: input.facts, result: null, errors: [{ code: 'DISTRICT_POLICY_REQUIRED', message: districtPolicyMissing(name, date), path: 'districtPolicy' }] };
  }
  const res = checkDocument({ ...input, districtPolicy: chosen.policy, adjustments: quotaAdjustments(filing?.quotaReason ?? null) });
  if (res.ok) return { year, facts: input.facts, result: res.value, errors: [] };
  return { year, facts: input.facts, result: null, errors: res.value.errors };
}
