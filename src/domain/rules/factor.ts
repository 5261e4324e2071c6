/** Scale factors by level (Art 29, Art 33; RULES.md §4). */
import { compareProducts, parseRatio, type DecimalInput } from '../shared/decimal.js';
import type { Result } from '../shared/result.js';
import { err, fail, ok } from '../shared/result.js';
import type { PlatformLevel, ScoreScheme } from './scheme-types.js';

/** The scheme's factor for a level. */
export function factorFor(scheme: ScoreScheme, level: PlatformLevel): string {
  return scheme.factors[level];
}

/**
 * The factor to score with: an explicit one must respect its level's floor (national ≥ the
 * scheme's national factor, district between the district factor and 1, municipal exactly 1).
 */
export function resolveFactor(scheme: ScoreScheme, level: PlatformLevel | undefined, factor: DecimalInput | undefined): Result<string> {
  if (factor === undefined) return ok(factorFor(scheme, level ?? 'municipal'));
  const r = parseRatio(factor);
  if (r === null) return fail([err('FACTOR_INVALID', `系数“${String(factor)}”须为正数，最多六位小数`, 'factor')]);
  if (level === undefined) return ok(r.text);
  const floor = parseRatio(scheme.factors[level]);
  if (floor === null) return fail([err('SCHEME_INVALID', `评分方案的${level}系数无效`, 'factors')]);
  const cmpFloor = compareProducts(r.num, floor.den, floor.num, r.den);
  const cmpOne = compareProducts(r.num, 1, r.den, 1);
  switch (level) {
    case 'municipal':
      return cmpOne === 0 ? ok(r.text) : fail([err('FACTOR_OUT_OF_RANGE', '市级平台的系数须为 1', 'factor')]);
    case 'national':
      return cmpFloor >= 0 ? ok(r.text) : fail([err('FACTOR_OUT_OF_RANGE', `国家级平台的系数不得低于 ${floor.text}（第二十九条）`, 'factor')]);
    case 'district':
      return cmpFloor >= 0 && cmpOne <= 0 ? ok(r.text) : fail([err('FACTOR_OUT_OF_RANGE', `区县级平台的系数须在 ${floor.text} 与 1 之间（第三十三条）`, 'factor')]);
  }
}
