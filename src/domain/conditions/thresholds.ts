/** Which threshold applies to a condition: the policy's, the district's (Art 16) or a lowered one (Art 17). */
import { compareProducts, formatScaled, groupThousands, toScaled, type DecimalInput } from '../shared/decimal.js';
import type { DomainError } from '../shared/result.js';
import { err } from '../shared/result.js';
import type { Comparison, ConditionDef } from './policy-types.js';

export const OP_SYMBOL: Readonly<Record<Comparison, string>> = { '>=': '≥', '<=': '≤', '>': '>' };

/** Threshold keys of a condition: its id, or `id.option` for each option of an "any" test. */
export function thresholdKeys(def: ConditionDef): string[] {
  return def.test.kind === 'any' ? def.test.options.map((o) => `${def.id}.${o.key}`) : [def.id];
}

export interface AppliedThreshold {
  /** Scaled by 100 for compare tests, by 10,000 for ratio tests. */
  readonly scaled: number;
  readonly source: 'policy' | 'district' | 'art17';
}

export const RATIO_SCALE = 4;
export const COMPARE_SCALE = 2;

/** Reads a replacement threshold and checks that it lowers the requirement, never raises it. */
export function lowerThreshold(
  input: DecimalInput, base: number, op: Comparison, scale: number, path: string, label: string, errors: DomainError[],
): number | null {
  const v = toScaled(input, scale);
  if (v === null) {
    errors.push(err('THRESHOLD_INVALID', `${path}（${label}）须为非负数，最多 ${scale} 位小数`, path));
    return null;
  }
  const stricter = op === '<=' ? compareProducts(v, 1, base, 1) < 0 : compareProducts(v, 1, base, 1) > 0;
  if (stricter) {
    errors.push(err('THRESHOLD_NOT_LOWER', `${path}（${label}）只能降低标准，不能提高`, path));
    return null;
  }
  return v;
}

export const showScaled = (scaled: number, scale: number, unit: string): string =>
  `${groupThousands(formatScaled(scaled, scale))}${unit === '%' ? '%' : ` ${unit}`}`;

export const showPercent = (scaledRatio: number): string => `${formatScaled(scaledRatio, RATIO_SCALE - 2)}%`;
