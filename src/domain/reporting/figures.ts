import type { PlatformType } from '../platforms/codes.js';
import { FACT_LABELS } from '../labels/facts.js';

/**
 * The figures a reporting cycle may ask, per platform type. Where a figure is a fact of the
 * year data (src/server/yeardata/schema.ts) it carries the same key and label, and an accepted
 * yearly report writes it there (`yearDataKey`), so that the figures are typed once. The others
 * (resident enterprises, revenue, events held…) are derived in the year data from residences
 * and events, so a report only records them.
 */
export interface FigureSpec {
  key: string;
  label: string;
  unit: 'count' | 'yuan';
  types: readonly PlatformType[];
  /** The year-data fact this figure is written to when a yearly report is accepted. */
  yearDataKey: string | null;
}

const parks = ['comprehensive_park', 'specialized_park'] as const;
const all = ['comprehensive_park', 'specialized_park', 'specialized_market'] as const;

export const REPORT_FIGURES: readonly FigureSpec[] = [
  { key: 'residentEnterprises', label: FACT_LABELS.residentEnterprises, unit: 'count', types: parks, yearDataKey: null },
  { key: 'residentRevenueYuan', label: FACT_LABELS.residentRevenueYuan, unit: 'yuan', types: parks, yearDataKey: null },
  { key: 'taxYuan', label: FACT_LABELS.taxYuan, unit: 'yuan', types: parks, yearDataKey: null },
  { key: 'platformTaxYuan', label: '产业园自身纳税额（元）', unit: 'yuan', types: parks, yearDataKey: 'platformTaxYuan' },
  { key: 'employersServed', label: FACT_LABELS.employersServed, unit: 'count', types: ['comprehensive_park'], yearDataKey: 'employersServed' },
  { key: 'jobsPromoted', label: FACT_LABELS.jobsPromoted, unit: 'count', types: ['comprehensive_park'], yearDataKey: 'jobsPromoted' },
  { key: 'industryEnterprisesServed', label: FACT_LABELS.industryEnterprisesServed, unit: 'count', types: ['specialized_park'], yearDataKey: 'industryEnterprisesServed' },
  { key: 'serviceLineEnterprisesServed', label: FACT_LABELS.serviceLineEnterprisesServed, unit: 'count', types: ['specialized_park'], yearDataKey: 'serviceLineEnterprisesServed' },
  { key: 'hrEnterprises', label: FACT_LABELS.hrEnterprises, unit: 'count', types: ['specialized_market'], yearDataKey: null },
  { key: 'revenueYuan', label: FACT_LABELS.revenueYuan, unit: 'yuan', types: ['specialized_market'], yearDataKey: null },
  { key: 'ownRevenueYuan', label: '市场自身营业收入（元，不含代收代付）', unit: 'yuan', types: ['specialized_market'], yearDataKey: 'ownRevenueYuan' },
  { key: 'personTimesServedTotal', label: `${FACT_LABELS.personTimesServed}（合计）`, unit: 'count', types: ['specialized_market'], yearDataKey: null },
  { key: 'placedInChongqingTotal', label: `${FACT_LABELS.placedInChongqing}（合计）`, unit: 'count', types: ['specialized_market'], yearDataKey: null },
  { key: 'databaseRecords', label: FACT_LABELS.databaseRecords, unit: 'count', types: ['specialized_market'], yearDataKey: 'databaseRecords' },
  { key: 'enterprisesIncubated', label: FACT_LABELS.enterprisesIncubated, unit: 'count', types: ['specialized_market'], yearDataKey: 'enterprisesIncubated' },
  { key: 'researchResults', label: FACT_LABELS.researchResults, unit: 'count', types: all, yearDataKey: 'researchResults' },
  { key: 'eventsHeld', label: `${FACT_LABELS.events}（场次）`, unit: 'count', types: all, yearDataKey: null },
  { key: 'bureauEventsAttended', label: FACT_LABELS.bureauEventsAttended, unit: 'count', types: parks, yearDataKey: 'bureauEventsAttended' },
];

export const reportFigureKeys = REPORT_FIGURES.map((f) => f.key);
const byKey = new Map(REPORT_FIGURES.map((f) => [f.key, f]));
export const figureSpec = (key: string): FigureSpec | undefined => byKey.get(key);

/** Figures asked of each type by a cycle: the keys the bureau chose. */
export type CycleFigures = Partial<Record<PlatformType, string[]>>;

/** A key not in the catalogue or not meant for the type; null when the set is valid. */
export function figureSetProblem(figures: CycleFigures): string | null {
  for (const [type, keys] of Object.entries(figures) as [PlatformType, string[]][]) {
    for (const k of keys) {
      const f = figureSpec(k);
      if (f === undefined) return `未知的报送指标：${k}`;
      if (!f.types.includes(type)) return `「${f.label}」不适用于该类平台`;
    }
    if (new Set(keys).size !== keys.length) return '报送指标不能重复';
  }
  return Object.values(figures).some((k) => k.length > 0) ? null : '请至少为一类平台选择一项报送指标';
}

/** The year-data facts an accepted yearly report writes: only the figures that are year-data facts. */
export function yearDataPatch(figures: Readonly<Record<string, number>>): Record<string, number> {
  const patch: Record<string, number> = {};
  for (const [k, v] of Object.entries(figures)) {
    const key = figureSpec(k)?.yearDataKey;
    if (key !== undefined && key !== null) patch[key] = v;
  }
  return patch;
}
