/**
 * Art 16: each district unit sets its own, lowered thresholds for its district-level platforms,
 * by document (文号) and date. Versions are kept; a platform is judged by the version in force on
 * its recognition date (or today, before one).
 */
import { parseIsoDate } from '../dates/iso-date.js';
import type { DomainError, Result } from '../shared/result.js';
import { err, fail, ok } from '../shared/result.js';
import { COMPARE_SCALE, lowerThreshold, OP_SYMBOL, RATIO_SCALE, showPercent, showScaled } from '../conditions/thresholds.js';
import { toScaled } from '../shared/decimal.js';
import type { Comparison, RecognitionPolicy } from '../conditions/policy-types.js';
import type { DistrictPolicy } from '../conditions/types.js';
import { PLATFORM_TYPES, type PlatformType } from '../rules/scheme-types.js';

/** One threshold a district may set: a condition of Art 11–13 (or one option of an "any" condition). */
export interface PolicyField {
  readonly key: string;
  readonly label: string;
  readonly article: string;
  readonly op: Comparison;
  /** '%' for a ratio (entered as a percentage), else the condition's unit. */
  readonly unit: string;
  /** The municipal threshold as entered in the form (a percentage for ratios). */
  readonly municipal: string;
  readonly municipalText: string;
}

/** The thresholds a district may lower, per type, with their municipal values (the form's rows). */
export function policyFields(recognition: RecognitionPolicy): Record<PlatformType, PolicyField[]> {
  const out: Record<PlatformType, PolicyField[]> = { comprehensive_park: [], specialized_park: [], specialized_market: [] };
  for (const type of PLATFORM_TYPES) {
    for (const c of recognition.types[type].conditions) {
      const t = c.test;
      if (t.kind === 'compare') {
        const base = toScaled(t.threshold, COMPARE_SCALE) ?? 0;
        out[type].push({ key: c.id, label: c.label, article: c.article, op: t.op, unit: t.unitLabel, municipal: t.threshold, municipalText: `${OP_SYMBOL[t.op]} ${showScaled(base, COMPARE_SCALE, t.unitLabel)}` });
      } else if (t.kind === 'ratio') {
        const base = toScaled(t.threshold, RATIO_SCALE) ?? 0;
        out[type].push({ key: c.id, label: c.label, article: c.article, op: t.op, unit: '%', municipal: showPercent(base).replace('%', ''), municipalText: `${OP_SYMBOL[t.op]} ${showPercent(base)}` });
      } else {
        for (const o of t.options) {
          const base = toScaled(o.threshold, COMPARE_SCALE) ?? 0;
          out[type].push({
            key: `${c.id}.${o.key}`, label: `${c.label}（${o.label}）`, article: c.article, op: o.op, unit: o.unitLabel,
            municipal: o.threshold, municipalText: `${OP_SYMBOL[o.op]} ${showScaled(base, COMPARE_SCALE, o.unitLabel)}`,
          });
        }
      }
    }
  }
  return out;
}

/** Thresholds as the form holds them: per type, key → value (a percentage for ratios). */
export type PolicyThresholds = Partial<Record<PlatformType, Record<string, string>>>;

export interface PolicyVersion {
  readonly id: string;
  readonly version: number;
  readonly docNo: string;
  readonly effectiveFrom: string;
  readonly thresholds: PolicyThresholds;
}

/** A ratio entered as a percentage ("50") becomes the engine's share ("0.5"), exactly. */
function percentToShare(value: string): string | null {
  const scaled = toScaled(value, 2);
  if (scaled === null) return null;
  const whole = Math.floor(scaled / 10_000);
  const frac = String(scaled % 10_000).padStart(4, '0').replace(/0+$/, '');
  return frac === '' ? String(whole) : `${whole}.${frac}`;
}

/**
 * Checks a new version: a document number, a valid date, and thresholds that name conditions of
 * the type and only lower the municipal ones (Art 16 lets a district lower, not raise them).
 */
export function validatePolicy(
  recognition: RecognitionPolicy, input: { docNo: string; effectiveFrom: string; thresholds: PolicyThresholds },
): Result<PolicyThresholds> {
  const errors: DomainError[] = [];
  if (input.docNo.trim() === '') errors.push(err('DOC_NO_REQUIRED', '文号：请填写区县认定政策的文号', 'docNo'));
  if (parseIsoDate(input.effectiveFrom) === null) errors.push(err('DATE_INVALID', '施行日期：须为有效日期（YYYY-MM-DD）', 'effectiveFrom'));
  const fields = policyFields(recognition);
  const kept: PolicyThresholds = {};
  let count = 0;
  for (const type of PLATFORM_TYPES) {
    const given = input.thresholds[type] ?? {};
    const byKey = new Map(fields[type].map((f) => [f.key, f]));
    const row: Record<string, string> = {};
    for (const [key, raw] of Object.entries(given)) {
      const path = `thresholds.${type}.${key}`;
      const f = byKey.get(key);
      if (f === undefined) {
        errors.push(err('CONDITION_UNKNOWN', `${path}：没有名为“${key}”的认定条件`, path));
        continue;
      }
      const value = raw.trim();
      if (value === '') continue;
      const engine = f.unit === '%' ? percentToShare(value) : value;
      const scale = f.unit === '%' ? RATIO_SCALE : COMPARE_SCALE;
      const base = toScaled(f.unit === '%' ? percentToShare(f.municipal) ?? '0' : f.municipal, scale) ?? 0;
      if (engine === null || lowerThreshold(engine, base, f.op, scale, path, f.label, errors) === null) {
        if (engine === null) errors.push(err('THRESHOLD_INVALID', `${f.label}：须为非负数，最多 2 位小数`, path));
        continue;
      }
      row[key] = value;
      count += 1;
    }
    if (Object.keys(row).length > 0) kept[type] = row;
  }
  if (errors.length === 0 && count === 0) errors.push(err('THRESHOLDS_REQUIRED', '认定标准：至少填写一项区县认定标准', 'thresholds'));
  return errors.length > 0 ? fail(errors) : ok(kept);
}

/**
 * The version in force on a date: the latest effective on or before it (a later version of the
 * same date replaces an earlier one). Null when the district had none yet.
 */
export function policyInForce<T extends Pick<PolicyVersion, 'version' | 'effectiveFrom'>>(versions: readonly T[], date: string): T | null {
  let best: T | null = null;
  for (const v of versions) {
    if (v.effectiveFrom > date) continue;
    if (best === null || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.version > best.version)) best = v;
  }
  return best;
}

/** The engine's DistrictPolicy (Art 16 thresholds, ratios as shares) from a stored version. */
export function toDistrictPolicy(recognition: RecognitionPolicy, district: string, v: Pick<PolicyVersion, 'thresholds'>): DistrictPolicy {
  const fields = policyFields(recognition);
  const thresholds: Partial<Record<PlatformType, Record<string, string>>> = {};
  for (const type of PLATFORM_TYPES) {
    const given = v.thresholds[type];
    if (given === undefined) continue;
    const units = new Map(fields[type].map((f) => [f.key, f.unit]));
    const row: Record<string, string> = {};
    for (const [key, value] of Object.entries(given)) row[key] = units.get(key) === '%' ? percentToShare(value) ?? value : value;
    thresholds[type] = row;
  }
  return { district, thresholds };
}
