/**
 * A platform's yearly operating data: the score-sheet facts (rules/facts.ts) that nobody can
 * derive from residences, sites and staff and that no expert judges. The assertions at the end
 * keep these types and the rule engine's facts in step: adding a fact to a sheet without
 * deciding where it comes from fails to compile.
 */
import type { ComprehensiveParkFacts, SafetyTier, SpecializedMarketFacts, SpecializedParkFacts, ValueTier } from '../rules/facts.js';
import type { LeaderLevel, PlatformType } from '../rules/scheme-types.js';

export interface EducationCounts { bachelorOrBelow?: number; postgraduate?: number; talentCard?: number; academician?: number }
export interface HonourCounts { local?: number; municipal?: number; ministerial?: number }
export interface InformationAdoptedCounts { municipal?: number; ministerial?: number }
export interface MediaReportCounts { county?: number; municipal?: number; central?: number }
export interface AttendanceEventRecord { name?: string; attendance: number }
export interface LeaderEventRecord { name?: string; attendance?: number; leaderLevel?: LeaderLevel }

interface ParkYearCommon {
  /** 1.3 counts the park's own tax as well as its residents' (产业园及入驻企业纳税). */
  platformTaxYuan?: number;
  researchResults?: number;
  bureauEventsAttended?: number;
  safety?: SafetyTier;
  valueOrientation?: ValueTier;
  honours?: HonourCounts;
  violations?: number;
}

export interface ComprehensiveParkYearData extends ParkYearCommon {
  employersServed?: number;
  jobsPromoted?: number;
  events?: AttendanceEventRecord[];
  mediaReports?: MediaReportCounts;
}

export interface SpecializedParkYearData extends ParkYearCommon {
  industryEnterprisesServed?: number;
  serviceLineEnterprisesServed?: number;
  industryTalentSupplied?: EducationCounts;
  serviceLineTalentServed?: EducationCounts;
  events?: LeaderEventRecord[];
  informationAdopted?: InformationAdoptedCounts;
}

export interface SpecializedMarketYearData {
  /** 1.2 adds the market's own revenue (without pass-through) to its residents'. */
  ownRevenueYuan?: number;
  /** Art 13 (三): human capital (income) the market helped realise; a condition, not a sheet row. */
  humanCapitalYuan?: number;
  serviceFunctions?: string[];
  databaseRecords?: number;
  personTimesServed?: EducationCounts;
  placedInChongqing?: EducationCounts;
  researchResults?: number;
  events?: LeaderEventRecord[];
  enterprisesIncubated?: number;
  safety?: SafetyTier;
  valueOrientation?: ValueTier;
  informationAdopted?: InformationAdoptedCounts;
  honours?: HonourCounts;
  violations?: number;
}

export interface YearDataByType {
  comprehensive_park: ComprehensiveParkYearData;
  specialized_park: SpecializedParkYearData;
  specialized_market: SpecializedMarketYearData;
}
export type YearData = YearDataByType[PlatformType];

/** Facts computed from residences at year end, sites and staff. */
export type ParkDerivedKey = 'residentEnterprises' | 'residentRevenueYuan' | 'taxYuan' | 'onlineRevenueYuan' | 'areaM2' | 'operatingStaff';
export type MarketDerivedKey = 'revenueYuan' | 'hrEnterprises' | 'areaM2' | 'operatingStaff';
/** Scored by the reviewing experts; they come with the evaluation. */
type ParkJudgedKey = 'policyImplementation' | 'satisfaction';
type MarketJudgedKey = 'talentSatisfaction' | 'enterpriseSatisfaction';
/** Recorded on the platform (orientation) or declared when submitting an evaluation (choices). */
type SpecializedParkRecordKey = 'orientation' | 'choices';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/** Compile-time only: every sheet fact is year data, derived, judged or recorded elsewhere. */
export type YearDataCoversFacts = [
  Assert<Same<Exclude<keyof ComprehensiveParkFacts, ParkDerivedKey | ParkJudgedKey>, Exclude<keyof ComprehensiveParkYearData, 'platformTaxYuan'>>>,
  Assert<Same<Exclude<keyof SpecializedParkFacts, ParkDerivedKey | ParkJudgedKey | SpecializedParkRecordKey>, Exclude<keyof SpecializedParkYearData, 'platformTaxYuan'>>>,
  Assert<Same<Exclude<keyof SpecializedMarketFacts, MarketDerivedKey | MarketJudgedKey>, Exclude<keyof SpecializedMarketYearData, 'ownRevenueYuan' | 'humanCapitalYuan'>>>,
];

/** Fact keys an evidence file may be attached to (files.purpose), per type. */
export const evidencePurposes: Readonly<Record<PlatformType, readonly string[]>> = {
  comprehensive_park: ['residentEnterprises', 'residentRevenueYuan', 'taxYuan', 'onlineRevenueYuan', 'areaM2', 'operatingStaff',
    'platformTaxYuan', 'researchResults', 'bureauEventsAttended', 'safety', 'valueOrientation', 'honours', 'violations',
    'employersServed', 'jobsPromoted', 'events', 'mediaReports', 'other'],
  specialized_park: ['residentEnterprises', 'residentRevenueYuan', 'taxYuan', 'onlineRevenueYuan', 'areaM2', 'operatingStaff',
    'platformTaxYuan', 'researchResults', 'bureauEventsAttended', 'safety', 'valueOrientation', 'honours', 'violations',
    'industryEnterprisesServed', 'serviceLineEnterprisesServed', 'industryTalentSupplied', 'serviceLineTalentServed', 'events', 'informationAdopted', 'other'],
  specialized_market: ['revenueYuan', 'hrEnterprises', 'areaM2', 'operatingStaff', 'ownRevenueYuan', 'humanCapitalYuan', 'serviceFunctions',
    'databaseRecords', 'personTimesServed', 'placedInChongqing', 'researchResults', 'events', 'enterprisesIncubated', 'safety',
    'valueOrientation', 'informationAdopted', 'honours', 'violations', 'other'],
};
