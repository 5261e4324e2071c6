/**
 * The resident figures of an application derived from its enterprise directory (入驻企业名录,
 * material 4 of Art 14 (一)), the same populations the registry counts (RULES.md §2, §3): residents
 * at the year's end in every mode; HR service enterprises for a comprehensive park, service-industry
 * enterprises for the above-scale count and the revenue of a specialized park, with the HR share.
 */
import { isServiceIndustry } from '../enterprises/industry.js';
import type { PlatformType } from '../rules/scheme-types.js';
import type { ApplicationFigures } from './form.js';

export interface DirectoryEntry {
  isHrService: boolean;
  industry: string | null;
  aboveScale: boolean;
  entryDate: string | null;
  exitDate: string | null;
  revenueYuan: bigint;
  passThroughYuan: bigint;
}

export type DirectoryFigures = Pick<ApplicationFigures, 'hrEnterprises' | 'aboveScaleEnterprises' | 'revenueYuan' | 'passThroughYuan' | 'hrRevenueYuan'>;

/** Resident at the end of `year`: entered by then (or unknown) and not left by then. */
export function residentAtYearEnd(e: Pick<DirectoryEntry, 'entryDate' | 'exitDate'>, year: number): boolean {
  const end = `${year}-12-31`;
  return (e.entryDate === null || e.entryDate <= end) && (e.exitDate === null || e.exitDate > end);
}

/** Null for a market: its conditions (Art 13) do not count residents. */
export function figuresFromDirectory(type: PlatformType, year: number, entries: readonly DirectoryEntry[]): DirectoryFigures | null {
  if (type === 'specialized_market') return null;
  const resident = entries.filter((e) => residentAtYearEnd(e, year));
  const hr = resident.filter((e) => e.isHrService);
  const population = type === 'comprehensive_park' ? hr : resident.filter((e) => isServiceIndustry(e.industry, e.isHrService));
  const sum = (xs: readonly DirectoryEntry[], k: 'revenueYuan' | 'passThroughYuan'): string => xs.reduce((s, e) => s + e[k], 0n).toString();
  return {
    hrEnterprises: hr.length,
    aboveScaleEnterprises: population.filter((e) => e.aboveScale).length,
    revenueYuan: sum(population, 'revenueYuan'),
    passThroughYuan: sum(population, 'passThroughYuan'),
    ...(type === 'specialized_park' ? { hrRevenueYuan: sum(hr, 'revenueYuan') } : {}),
  };
}
