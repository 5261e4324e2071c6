/**
 * Art 33: a district-level platform that took part in the municipal evaluation, was graded 优秀 and
 * meets the municipal recognition conditions may be recognized directly as a municipal platform.
 * The bureau's confirmation checks these again at the time it is made (figures and status may have
 * changed since publication); this is the one rule, the server supplies the facts.
 */
import { art } from '../measures.js';
import { statusLabels, type PlatformLevel, type PlatformStatus } from '../platforms/lifecycle.js';
import { GRADE_LABELS, type Grade } from './types.js';

export interface Art33Facts {
  year: number;
  level: PlatformLevel;
  status: PlatformStatus;
  /** The published grade of that year; null when the platform has none. */
  grade: Grade | null;
  /** The municipal condition check on the year's figures: the failed conditions, or why it could not run. */
  conditions: { ok: true; failed: readonly string[] } | { ok: false; message: string };
}

export type Art33Check = { ok: true } | { ok: false; reasons: string[] };

const LEVEL_NAMES: Record<PlatformLevel, string> = { national: '国家级', municipal: '市级', district: '区县级' };

export function art33Check(f: Art33Facts): Art33Check {
  const reasons: string[] = [];
  if (f.level !== 'district') reasons.push(`该平台已是${LEVEL_NAMES[f.level]}平台，${art(33)}只适用于区县级平台`);
  else if (f.status !== 'filed') reasons.push(`平台状态为「${statusLabels[f.status]}」，只有「已备案」的区县级平台可以直接认定为市级平台`);
  if (f.grade === null) reasons.push(`该平台没有 ${f.year} 年度已公布的市级评估等次`);
  else if (f.grade !== 'excellent') reasons.push(`${f.year} 年度市级评估等次为「${GRADE_LABELS[f.grade]}」，${art(33)}要求评为「优秀」`);
  if (!f.conditions.ok) reasons.push(`未能核验市级平台认定条件：${f.conditions.message}`);
  else if (f.conditions.failed.length > 0) reasons.push(`不符合市级平台认定条件：${f.conditions.failed.join('；')}`);
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}
