/**
 * The rule engine's inputs for a platform-year, assembled from the registry: sheetFactsFor for
 * the score sheets (附表2/3/4), conditionFactsFor for the recognition conditions (Art 10–13).
 * No scope here: callers (the year-data and conditions endpoints, the evaluation workflow)
 * decide who may see the platform before asking.
 */
import type { Executor } from '../../db/client.js';
import type { ConditionFacts } from '../../domain/conditions/types.js';
import {
  assembleConditionFacts, assembleSheetFacts, marketDerived, parkDerived, type PlatformFacts, type RegistryAggregates, type SheetFactsFor, type TypedYearData,
} from '../../domain/platforms/facts.js';
import type { PlatformLevel, PlatformType, SchemeSettings } from '../../domain/rules/scheme-types.js';
import type { z } from 'zod';
import { errors } from '../errors.js';
import { districtQuotaCounts, findPlatform } from '../platforms/repository.js';
import * as repo from './repository.js';
import { yearDataSchemas } from './schema.js';

export async function platformFacts(db: Executor, platformId: string): Promise<PlatformFacts & { id: string }> {
  const p = await findPlatform(db, { kind: 'all' }, platformId);
  if (!p) throw errors.notFound('平台');
  return { id: p.id, type: p.type, level: p.level, districtCode: p.districtCode, orientation: p.orientation };
}

/**
 * Keeps the stored facts the type's schema accepts, one by one: after a platform's type is
 * corrected, facts of the old type are left out (the audit log keeps them) instead of
 * making the whole year unreadable.
 */
function acceptedFacts(shape: Readonly<Record<string, z.ZodType>>, data: unknown): Record<string, unknown> {
  if (typeof data !== 'object' || data === null) return {};
  const kept: Record<string, unknown> = {};
  for (const [key, value] of new Map<string, unknown>(Object.entries(data))) {
    if (shape[key]?.safeParse(value).success) kept[key] = value;
  }
  return kept;
}

/** Stored data read back through the type's schema, so that what the engine gets is what PUT accepted. */
export function typedYearData(type: PlatformType, data: unknown): TypedYearData {
  switch (type) {
    case 'comprehensive_park':
      return { type, data: yearDataSchemas[type].parse(acceptedFacts(yearDataSchemas[type].shape, data)) };
    case 'specialized_park':
      return { type, data: yearDataSchemas[type].parse(acceptedFacts(yearDataSchemas[type].shape, data)) };
    case 'specialized_market':
      return { type, data: yearDataSchemas[type].parse(acceptedFacts(yearDataSchemas[type].shape, data)) };
  }
}

export interface PlatformYear {
  platform: PlatformFacts & { id: string };
  aggregates: RegistryAggregates;
  yearData: TypedYearData;
  stored: Awaited<ReturnType<typeof repo.findYearData>>;
}

export async function loadPlatformYear(db: Executor, platformId: string, year: number, counted: SchemeSettings['residents'] = 'year_end'): Promise<PlatformYear> {
  const platform = await platformFacts(db, platformId);
  const [aggregates, stored] = await Promise.all([repo.registryAggregates(db, platformId, year, counted), repo.findYearData(db, platformId, year)]);
  return { platform, aggregates, stored, yearData: typedYearData(platform.type, stored?.data) };
}

/** The facts computed from residences, sites and staff, as shown beside the year's data. */
export function derivedFacts(y: PlatformYear) {
  switch (y.yearData.type) {
    case 'comprehensive_park':
    case 'specialized_park':
      return parkDerived(y.yearData.type, y.aggregates, y.yearData.data.platformTaxYuan);
    case 'specialized_market':
      return marketDerived(y.aggregates, y.yearData.data.ownRevenueYuan);
  }
}

/**
 * Full score-sheet facts for a platform-year: residences (counted at year end or as the year's
 * arrivals, as the scheme's setting says), sites, staff, year data.
 */
export async function sheetFactsFor(db: Executor, platformId: string, year: number, settings: Pick<SchemeSettings, 'residents'>): Promise<SheetFactsFor> {
  const y = await loadPlatformYear(db, platformId, year, settings.residents);
  return assembleSheetFacts(y.platform, y.aggregates, y.yearData);
}

/** Facts for checkConditions from the data year's registry (the application's 上年度). */
export async function conditionFactsFor(db: Executor, platformId: string, year: number): Promise<{ type: PlatformType; level: PlatformLevel; facts: ConditionFacts }> {
  const y = await loadPlatformYear(db, platformId, year);
  const quota = y.platform.level === 'district' ? await districtQuotaCounts(db, y.platform) : null;
  return { type: y.platform.type, level: y.platform.level, facts: assembleConditionFacts(y.platform, y.aggregates, y.yearData, quota) };
}
