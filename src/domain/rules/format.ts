/** Number formatting shared by explanations and gap hints. */
import { formatHundredths, formatPoints, formatScaled, groupThousands } from '../shared/decimal.js';
import type { Eff } from './evaluate.js';

/** Decimal places of a power of ten (eff denominators are products of powers of ten). */
export function placesOf(den: number): number {
  let k = 0;
  let d = den;
  while (d > 1) {
    d /= 10;
    k += 1;
  }
  return k;
}

export const qty = (valueS: number, scale: number, unitLabel: string): string =>
  `${groupThousands(formatScaled(valueS, scale))} ${unitLabel}`;

export const effText = (eff: Eff, unitLabel: string): string =>
  `${groupThousands(formatScaled(eff.num, placesOf(eff.den)))} ${unitLabel}`;

export const pts = formatPoints;
export const score = formatHundredths;

/** "，上限 10 → 10.00" when the raw score passes the cap. */
export const capSuffix = (rawH: number, capH: number | null): string =>
  capH !== null && rawH > capH ? `，上限 ${formatPoints(capH)} → ${formatHundredths(capH)}` : '';
