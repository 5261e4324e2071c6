/**
 * The facts (inputs) of a score sheet, one type per platform type (type aliases, so that a
 * facts object is also a plain string-keyed record for the engine). Every field is
 * optional: a missing fact scores 0 and is flagged, so a half-filled form still scores.
 * Counts are whole numbers, money is whole yuan, area is m² (up to two decimals); each may
 * be written as a number or a decimal string.
 */
import type { DecimalInput } from '../shared/decimal.js';
import type { LeaderLevel, Orientation } from './scheme-types.js';

/** 附表2/3 1.1: enterprises resident offline at year end, split by above-scale status. */
export type ResidentEnterprises = {
  aboveScale?: DecimalInput;
  other?: DecimalInput;
};

/** 4.1 / 3.1: full-time operating-team members, split by professional title. */
export type OperatingStaff = {
  titled?: DecimalInput;
  other?: DecimalInput;
};

/** Persons (or person-times) by their highest education category. */
export type EducationCounts = {
  bachelorOrBelow?: DecimalInput;
  postgraduate?: DecimalInput;
  talentCard?: DecimalInput;
  academician?: DecimalInput;
};

export type AttendanceEvent = {
  attendance: DecimalInput;
  name?: string;
};

export type LeaderEvent = {
  /** When omitted the event is taken to have met the 50-attendee floor. */
  attendance?: DecimalInput;
  leaderLevel?: LeaderLevel;
  name?: string;
};

/** A judged row: the reviewing experts' scores, or one panel score under the panel setting. */
export type JudgedScores = {
  experts?: DecimalInput[];
  panel?: DecimalInput;
  /** Self-evaluation proposal: shown, never used. */
  proposed?: DecimalInput;
};

export type MediaReports = {
  county?: DecimalInput;
  municipal?: DecimalInput;
  central?: DecimalInput;
};

export type Honours = {
  local?: DecimalInput;
  municipal?: DecimalInput;
  ministerial?: DecimalInput;
};

export type InformationAdopted = {
  municipal?: DecimalInput;
  ministerial?: DecimalInput;
};

export type SafetyTier = 'full' | 'basic' | 'weak' | 'none';
export type ValueTier = 'sound' | 'failed';

type CommonParkFacts = {
  residentEnterprises?: ResidentEnterprises;
  residentRevenueYuan?: DecimalInput;
  taxYuan?: DecimalInput;
  onlineRevenueYuan?: DecimalInput;
  researchResults?: DecimalInput;
  bureauEventsAttended?: DecimalInput;
  areaM2?: DecimalInput;
  operatingStaff?: OperatingStaff;
  policyImplementation?: JudgedScores;
  satisfaction?: JudgedScores;
  safety?: SafetyTier;
  valueOrientation?: ValueTier;
  honours?: Honours;
  violations?: DecimalInput;
};

/** 附表2. */
export type ComprehensiveParkFacts = CommonParkFacts & {
  employersServed?: DecimalInput;
  jobsPromoted?: DecimalInput;
  events?: AttendanceEvent[];
  mediaReports?: MediaReports;
};

export type PairChoices = Partial<Record<'2.1/2.2', '2.1' | '2.2'>> & Partial<Record<'2.3/2.4', '2.3' | '2.4'>>;

/** 附表3. */
export type SpecializedParkFacts = CommonParkFacts & {
  /** Recorded at recognition; decides the 选其一 pairs under the default setting. */
  orientation?: Orientation;
  /** Declared choices, used only when the scheme allows a free choice. */
  choices?: PairChoices;
  industryEnterprisesServed?: DecimalInput;
  serviceLineEnterprisesServed?: DecimalInput;
  industryTalentSupplied?: EducationCounts;
  serviceLineTalentServed?: EducationCounts;
  events?: LeaderEvent[];
  informationAdopted?: InformationAdopted;
};

/** 附表4. */
export type SpecializedMarketFacts = {
  /** A count, or the list of distinct service functions set up. */
  serviceFunctions?: DecimalInput | string[];
  revenueYuan?: DecimalInput;
  hrEnterprises?: DecimalInput;
  databaseRecords?: DecimalInput;
  personTimesServed?: EducationCounts;
  placedInChongqing?: EducationCounts;
  researchResults?: DecimalInput;
  events?: LeaderEvent[];
  enterprisesIncubated?: DecimalInput;
  areaM2?: DecimalInput;
  operatingStaff?: OperatingStaff;
  talentSatisfaction?: JudgedScores;
  enterpriseSatisfaction?: JudgedScores;
  safety?: SafetyTier;
  valueOrientation?: ValueTier;
  informationAdopted?: InformationAdopted;
  honours?: Honours;
  violations?: DecimalInput;
};

export type SheetFacts = ComprehensiveParkFacts | SpecializedParkFacts | SpecializedMarketFacts;
