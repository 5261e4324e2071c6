/** Database records to API rows: money from bigint to JSON integers, industry codes to names. */
import { findIndustry, isServiceIndustry } from '../../domain/enterprises/industry.js';
import { usccWaiting } from '../../domain/enterprises/uscc-input.js';
import type { EnterpriseRecord } from './repository.js';
import type { ResidenceRecord } from './residence-repository.js';
import type { EnterpriseRow, ResidenceRow } from './schema.js';

/** Stored amounts are bounded by the input limit (10^15), well inside JSON's exact integers. */
export const yuanNumber = (v: bigint): number => Number(v);

export function residenceRow(r: ResidenceRecord): ResidenceRow {
  return {
    id: r.id, platformId: r.platformId, platformName: r.platformName, year: r.year, enterpriseId: r.enterpriseId, uscc: r.uscc,
    enterpriseName: r.enterpriseName, industry: r.industry, industryName: findIndustry(r.industry)?.name ?? null, isHrService: r.isHrService,
    isServiceIndustry: isServiceIndustry(r.industry, r.isHrService), aboveScale: r.aboveScale, usccOverrideReason: r.usccOverrideReason,
    mode: r.mode, entryDate: r.entryDate, exitDate: r.exitDate, atYearEnd: r.atYearEnd, agreementFileId: r.agreementFileId,
    revenueYuan: yuanNumber(r.revenueYuan), passThroughYuan: yuanNumber(r.passThroughYuan), taxYuan: yuanNumber(r.taxYuan),
    duplicateOffline: r.duplicateOffline, updatedAt: r.updatedAt.toISOString(),
  };
}

export function enterpriseRow(e: EnterpriseRecord): EnterpriseRow {
  return {
    id: e.id, uscc: e.uscc, name: e.name, industry: e.industry, industryName: findIndustry(e.industry)?.name ?? null,
    isHrService: e.isHrService, isServiceIndustry: isServiceIndustry(e.industry, e.isHrService), usccOverrideReason: e.usccOverrideReason,
    usccWaiting: usccWaiting(e), usccAcceptedBy: e.usccAcceptedBy, usccAcceptedAt: e.usccAcceptedAt?.toISOString() ?? null,
    aboveScale: e.aboveScale, residenceCount: e.residenceCount, updatedAt: e.updatedAt.toISOString(),
  };
}
