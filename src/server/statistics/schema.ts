import { z } from 'zod';
import { finalGrades } from '../../domain/evaluation/codes.js';
import { platformLevels, platformTypes } from '../../domain/platforms/codes.js';
import { ANOMALY_DEFAULTS, anomalyRules } from '../../domain/statistics/anomalies.js';
import { year } from '../fields.js';

const filter = {
  type: z.enum(platformTypes).optional(),
  level: z.enum(platformLevels).optional(),
  /** The bureau's choice of one district; a district unit may give only its own (or none). */
  districtCode: z.string().trim().min(1).max(20).optional(),
};

export const figuresQuery = z.object({ year, ...filter });
export type FiguresQuery = z.infer<typeof figuresQuery>;

/** Trends: at most 10 years back from `to`. */
export const trendsQuery = z.object({ from: year, to: year, ...filter })
  .refine((q) => q.from <= q.to && q.to - q.from < 10, { error: '年度范围：起始年度不能晚于结束年度，且最多 10 个年度', path: ['from'] });
export type TrendsQuery = z.infer<typeof trendsQuery>;

export const anomaliesQuery = z.object({
  year,
  jumpPercent: z.coerce.number({ error: '须为数字' }).min(1, { error: '不能小于 1' }).max(1000, { error: '不能大于 1000' }).default(ANOMALY_DEFAULTS.jumpPercent),
  scoreGap: z.coerce.number({ error: '须为数字' }).min(0.5, { error: '不能小于 0.5' }).max(100, { error: '不能大于 100' }).default(ANOMALY_DEFAULTS.scoreGap),
});
export type AnomaliesQuery = z.infer<typeof anomaliesQuery>;

export const statisticsCharts = ['figures', 'districts', 'trends', 'grades'] as const;
export type StatisticsChart = (typeof statisticsCharts)[number];
export const exportQuery = z.object({ chart: z.enum(statisticsCharts), year, from: year.optional(), ...filter });
export type ExportQuery = z.infer<typeof exportQuery>;

/** Whole yuan as a decimal string (sums pass 2^53); counts are safe integers. */
export const figures = z.object({
  platforms: z.number().int(), enterprises: z.number().int(), aboveScale: z.number().int(),
  revenueYuan: z.string(), taxYuan: z.string(), served: z.number().int(), placed: z.number().int(),
});
export type Figures = z.infer<typeof figures>;

const focus = z.object({ districtCode: z.string(), districtName: z.string() }).nullable();

export const figuresResponse = z.object({
  year: z.number().int(),
  city: figures,
  /** The district looked at: a district unit's own, or the one the bureau chose; null for the whole city. */
  focus,
  focusFigures: figures.nullable(),
  /** Per district: every district for the bureau, only its own for a district unit. */
  byDistrict: z.array(z.object({ districtCode: z.string(), districtName: z.string(), figures })),
  /** Per type and per level, within the focus (or the city). */
  byType: z.array(z.object({ type: z.enum(platformTypes), figures })),
  byLevel: z.array(z.object({ level: z.enum(platformLevels), figures })),
});
export type FiguresResponse = z.infer<typeof figuresResponse>;

export const trendsResponse = z.object({
  focus,
  years: z.array(z.object({ year: z.number().int(), city: figures, focusFigures: figures.nullable() })),
});
export type TrendsResponse = z.infer<typeof trendsResponse>;

const gradeCounts = z.array(z.object({ grade: z.enum(finalGrades), count: z.number().int() }));
export const gradesResponse = z.object({
  year: z.number().int(),
  published: z.boolean(),
  focus,
  city: gradeCounts,
  focusGrades: gradeCounts.nullable(),
  byDistrict: z.array(z.object({ districtCode: z.string(), districtName: z.string(), grades: gradeCounts })),
});
export type GradesResponse = z.infer<typeof gradesResponse>;

export const anomaly = z.object({
  rule: z.enum(anomalyRules),
  platformId: z.string(),
  platformName: z.string(),
  districtName: z.string(),
  /** What was found, in words, with the figures. */
  explanation: z.string(),
  /** The web page where the record is (path under /app). */
  link: z.string(),
});
export const anomaliesResponse = z.object({ year: z.number().int(), jumpPercent: z.number(), scoreGap: z.number(), items: z.array(anomaly) });
export type Anomaly = z.infer<typeof anomaly>;
export type AnomaliesResponse = z.infer<typeof anomaliesResponse>;
