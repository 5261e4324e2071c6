/**
 * Assembles the rule engine's inputs for a platform-year from what the registry holds:
 * aggregates over residences (at year end, or the year's arrivals where the scheme says so), sites and staff, plus the year's operating data.
 * Pure: the server loads the aggregates, this decides which population feeds which fact
 * (RULES.md §2 "What each row counts", §3).
 */
import type { ConditionFacts, ResidentFigures } from '../conditions/types.js';
import type { ComprehensiveParkFacts, SpecializedMarketFacts, SpecializedParkFacts } from '../rules/facts.js';
import type { Orientation, PlatformLevel, PlatformType } from '../rules/scheme-types.js';
import type { EducationCounts, YearDataByType } from './year-data.js';

/** Enterprises resident at year end in one population, with their figures (money as digit strings). */
export interface PopulationTotals {
  aboveScale: number;
  other: number;
  revenueYuan: string;
  passThroughYuan: string;
}

export interface RegistryAggregates {
  /** Offline residents that are HR service enterprises (附表2 1.1/1.2; Art 11 when the conditions count offline residents only). */
  offlineHr: PopulationTotals;
  /** Offline residents in the service industry (附表3 1.1/1.2; Art 12 when the conditions count offline residents only). */
  offlineService: PopulationTotals;
  /** Online or agreement residents in the service industry (1.4). */
  onlineServiceRevenueYuan: string;
  /** Tax of every resident (1.3 产业园及入驻企业纳税). */
  residentTaxYuan: string;
  /** HR service residents in any mode (附表4 1.2/1.3; Art 11 (三) by default, RULES.md §3). */
  hrAnyMode: PopulationTotals;
  /** Service-industry residents in any mode (Art 12 (三)(四) by default, RULES.md §3). */
  serviceAnyMode: PopulationTotals;
  sites: { count: number; areaM2: string };
  staff: { managementFullTime: number; operatingTitled: number; operatingOther: number };
}

export interface PlatformFacts {
  type: PlatformType;
  level: PlatformLevel;
  districtCode: string;
  orientation: Orientation | null;
}

export type SheetFactsFor =
  | { type: 'comprehensive_park'; level: PlatformLevel; facts: ComprehensiveParkFacts }
  | { type: 'specialized_park'; level: PlatformLevel; facts: SpecializedParkFacts }
  | { type: 'specialized_market'; level: PlatformLevel; facts: SpecializedMarketFacts };

export type TypedYearData =
  | { type: 'comprehensive_park'; data: YearDataByType['comprehensive_park'] }
  | { type: 'specialized_park'; data: YearDataByType['specialized_park'] }
  | { type: 'specialized_market'; data: YearDataByType['specialized_market'] };

const addYuan = (...xs: (string | number | undefined)[]): string => xs.reduce<bigint>((s, x) => s + BigInt(x ?? 0), 0n).toString();
const count = (p: PopulationTotals): number => p.aboveScale + p.other;
const operatingStaff = (a: RegistryAggregates) => ({ titled: a.staff.operatingTitled, other: a.staff.operatingOther });

/** The facts of a park computed from residences, sites and staff. */
export function parkDerived(type: 'comprehensive_park' | 'specialized_park', a: RegistryAggregates, platformTaxYuan: number | undefined) {
  const resident = type === 'comprehensive_park' ? a.offlineHr : a.offlineService;
  return {
    residentEnterprises: { aboveScale: resident.aboveScale, other: resident.other },
    residentRevenueYuan: resident.revenueYuan,
    taxYuan: addYuan(a.residentTaxYuan, platformTaxYuan),
    onlineRevenueYuan: a.onlineServiceRevenueYuan,
    areaM2: a.sites.areaM2,
    operatingStaff: operatingStaff(a),
  };
}

/** The facts of a market computed from residences, sites and staff (1.2 without pass-through). */
export function marketDerived(a: RegistryAggregates, ownRevenueYuan: number | undefined) {
  return {
    revenueYuan: addYuan(ownRevenueYuan, a.hrAnyMode.revenueYuan, `-${a.hrAnyMode.passThroughYuan}`),
    hrEnterprises: count(a.hrAnyMode),
    areaM2: a.sites.areaM2,
    operatingStaff: operatingStaff(a),
  };
}

export function assembleSheetFacts(p: PlatformFacts, a: RegistryAggregates, y: TypedYearData): SheetFactsFor {
  switch (y.type) {
    case 'comprehensive_park': {
      const { platformTaxYuan, ...data } = y.data;
      return { type: y.type, level: p.level, facts: { ...data, ...parkDerived(y.type, a, platformTaxYuan) } };
    }
    case 'specialized_park': {
      const { platformTaxYuan, ...data } = y.data;
      const orientation = p.orientation === null ? {} : { orientation: p.orientation };
      return { type: y.type, level: p.level, facts: { ...data, ...orientation, ...parkDerived(y.type, a, platformTaxYuan) } };
    }
    case 'specialized_market': {
      const { ownRevenueYuan, humanCapitalYuan: _conditionOnly, ...data } = y.data;
      return { type: y.type, level: p.level, facts: { ...data, ...marketDerived(a, ownRevenueYuan) } };
    }
  }
}

const sumEducation = (e: EducationCounts | undefined): number | undefined =>
  e === undefined ? undefined : (e.bachelorOrBelow ?? 0) + (e.postgraduate ?? 0) + (e.talentCard ?? 0) + (e.academician ?? 0);

/** Art 16 counts, for district-level platforms only. */
export interface DistrictQuotaCounts { existingDistrictPlatforms: number; existingBranches: number }

export function assembleConditionFacts(p: PlatformFacts, a: RegistryAggregates, y: TypedYearData, quota: DistrictQuotaCounts | null): ConditionFacts {
  const base: ConditionFacts = { district: p.districtCode, areaM2: a.sites.areaM2, ...(quota ?? {}) };
  switch (y.type) {
    case 'comprehensive_park':
    case 'specialized_park': {
      // Both populations go in; the check reads the one the scheme's setting names (RULES.md §3, §8).
      const figures = (hr: PopulationTotals, service: PopulationTotals): ResidentFigures => {
        const population = y.type === 'comprehensive_park' ? hr : service;
        return {
          hrEnterprises: count(hr),
          aboveScaleEnterprises: population.aboveScale,
          revenueYuan: population.revenueYuan,
          passThroughYuan: population.passThroughYuan,
          ...(y.type === 'specialized_park' ? { hrRevenueYuan: hr.revenueYuan } : {}),
        };
      };
      return {
        ...base,
        sites: a.sites.count,
        managementStaff: a.staff.managementFullTime,
        operatingStaff: a.staff.operatingTitled + a.staff.operatingOther,
        ...figures(a.hrAnyMode, a.serviceAnyMode),
        offlineResidents: figures(a.offlineHr, a.offlineService),
        ...(y.type === 'specialized_park' && p.orientation !== null ? { orientation: p.orientation } : {}),
      };
    }
    case 'specialized_market': {
      const personTimes = sumEducation(y.data.personTimesServed);
      return {
        ...base,
        ...(personTimes === undefined ? {} : { personTimesServed: personTimes }),
        ...(y.data.humanCapitalYuan === undefined ? {} : { humanCapitalYuan: y.data.humanCapitalYuan }),
      };
    }
  }
}
