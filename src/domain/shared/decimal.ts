/**
 * Exact decimal helpers. Scores are held as integer hundredths (a score of 10.5 is 1050),
 * quantities as integers scaled by a power of ten. Plain JS numbers are used while the
 * integers stay safe (the hot path of scoring), BigInt beyond that: never binary fractions.
 */

export type DecimalInput = number | string;

const DECIMAL_RE = /^(\d+)(?:\.(\d+))?$/;
const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000] as const;

export function pow10(n: number): number {
  const p = POW10[n];
  if (p === undefined) throw new RangeError(`pow10(${n})`);
  return p;
}

/**
 * Reads a non-negative decimal (number or string) as an integer scaled by 10^scale.
 * Returns null when the input is negative, not a plain decimal, has more than `scale`
 * decimal places, or does not fit a safe integer.
 */
export function toScaled(input: DecimalInput, scale: number): number | null {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) return null;
    const p = pow10(scale);
    if (Number.isInteger(input)) {
      const v = input * p;
      return Number.isSafeInteger(v) ? v : null;
    }
    // A number stands for the shortest decimal that reads back as it (0.1 is "0.1"). When
    // round(x·10^s) ÷ 10^s reads back as x, that decimal has at most s places and equals it.
    const r = Math.round(input * p);
    if (Number.isSafeInteger(r) && r / p === input) return r;
    return null;
  }
  // Whole numbers typed as text (sums of money) are common: digits only need no regex.
  if (scale === 0 && isDigits(input)) {
    const v = Number(input);
    return Number.isSafeInteger(v) ? v : null;
  }
  const m = DECIMAL_RE.exec(input.trim());
  if (m === null) return null;
  const whole = m[1] ?? '0';
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > scale) return null;
  const digits = whole + frac.padEnd(scale, '0');
  const v = Number(digits);
  return Number.isSafeInteger(v) ? v : null;
}

/** A non-empty string of ASCII digits only (what DECIMAL_RE matches without a fraction or spaces). */
function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Number of decimal places a decimal input is written with (trailing zeros ignored). */
export function decimalPlaces(input: DecimalInput): number | null {
  const text = typeof input === 'number' ? String(input) : input.trim();
  const m = DECIMAL_RE.exec(text);
  if (m === null) return null;
  return (m[2] ?? '').replace(/0+$/, '').length;
}

/** floor(a / b) for safe integers a ≥ 0, b > 0, corrected for the rounding of float division. */
export function floorDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  if (q * b > a) q -= 1;
  else if ((q + 1) * b <= a) q += 1;
  return q;
}

/** floor(a × m / b) exactly, for non-negative safe integers, switching to BigInt on overflow. */
export function mulDivFloor(a: number, m: number, b: number): number {
  const p = a * m;
  if (Number.isSafeInteger(p)) return floorDiv(p, b);
  return Number((BigInt(a) * BigInt(m)) / BigInt(b));
}

/** round-half-up(a × m / b) for non-negative safe integers. */
export function mulDivRound(a: number, m: number, b: number): number {
  const p = a * m;
  if (Number.isSafeInteger(2 * p + b)) return floorDiv(2 * p + b, 2 * b);
  const big = BigInt(a) * BigInt(m);
  return Number((2n * big + BigInt(b)) / (2n * BigInt(b)));
}

/** Compares a×m with b×n exactly (all non-negative integers): -1, 0 or 1. */
export function compareProducts(a: number, m: number, b: number, n: number): number {
  const l = a * m;
  const r = b * n;
  if (Number.isSafeInteger(l) && Number.isSafeInteger(r)) return l === r ? 0 : l < r ? -1 : 1;
  const bl = BigInt(a) * BigInt(m);
  const br = BigInt(b) * BigInt(n);
  return bl === br ? 0 : bl < br ? -1 : 1;
}

const SMALL = 10_001;
// Preallocated so that V8 keeps them as flat arrays: filling an empty array at high indices
// first turns it into a dictionary, and every lookup into a hash probe.
const textCache = (): (string | undefined)[] => new Array<string | undefined>(SMALL).fill(undefined);
const smallHundredths = textCache();
const negativeHundredths = textCache();

/** Formats integer hundredths with exactly two places: 1050 → "10.50", -200 → "-2.00". */
export function formatHundredths(h: number): string {
  // Scores and deductions live in -100.00..100.00: tables of their texts spare the
  // formatting on the hot path.
  if (h >= 0 && h < SMALL) return smallHundredths[h] ?? (smallHundredths[h] = formatHundredthsSlow(h));
  if (h < 0 && h > -SMALL) return negativeHundredths[-h] ?? (negativeHundredths[-h] = formatHundredthsSlow(h));
  return formatHundredthsSlow(h);
}

function formatHundredthsSlow(h: number): string {
  const neg = h < 0;
  const a = neg ? -h : h;
  const whole = Math.floor(a / 100);
  const cents = a - whole * 100;
  return `${neg ? '-' : ''}${whole}.${cents < 10 ? '0' : ''}${cents}`;
}

/** Formats a scaled integer without trailing zeros: (20, 2) → "0.2", (1000, 2) → "10". */
export function formatScaled(units: number, scale: number): string {
  if (scale === 0) return String(units);
  const p = pow10(scale);
  const whole = Math.floor(units / p);
  let frac = units - whole * p;
  if (frac === 0) return String(whole);
  let places = scale;
  while (frac % 10 === 0) {
    frac /= 10;
    places -= 1;
  }
  return `${whole}.${String(frac).padStart(places, '0')}`;
}

const smallPoints = textCache();

/** Points as written in the tables: hundredths 20 → "0.2", 500 → "5". */
export function formatPoints(h: number): string {
  if (h >= 0 && h < SMALL) return smallPoints[h] ?? (smallPoints[h] = formatScaled(h, 2));
  return formatScaled(h, 2);
}

/** Thousands separators for readability of money and area: 12500000 → "12,500,000". */
export function groupThousands(text: string): string {
  const dot = text.indexOf('.');
  const end = dot < 0 ? text.length : dot;
  if (end <= 3) return text;
  let head = end % 3;
  if (head === 0) head = 3;
  let out = text.slice(0, head);
  for (let i = head; i < end; i += 3) out += `,${text.slice(i, i + 3)}`;
  return dot < 0 ? out : out + text.slice(dot);
}

// Texts of 0..999, bare and as a comma group (",007"), for grouping without string slicing.
const BARE = Array.from({ length: 1000 }, (_, i) => String(i));
const GROUP = Array.from({ length: 1000 }, (_, i) => `,${String(i).padStart(3, '0')}`);

/** groupThousands(String(n)) for a non-negative safe integer, by arithmetic. */
function groupInt(n: number): string {
  if (n < 1000) return BARE[n] ?? String(n);
  // Division rather than `%`: money exceeds small integers, and a double modulo is slow.
  // Each group is one join of the text so far with a prepared ",ddd".
  let q = Math.floor(n / 1000);
  let r = n - q * 1000;
  if (r < 0) {
    q -= 1;
    r += 1000;
  } else if (r >= 1000) {
    q += 1;
    r -= 1000;
  }
  return groupInt(q) + (GROUP[r] ?? '');
}

/**
 * groupThousands(formatScaled(units, scale)), the way quantities are shown, without the
 * intermediate strings: the explanations and gap hints format several per row.
 */
export function formatGrouped(units: number, scale: number): string {
  if (scale === 0) return units >= 0 && Number.isSafeInteger(units) ? groupInt(units) : groupThousands(String(units));
  // The same whole and fraction as formatScaled, so that the texts agree digit for digit.
  const p = pow10(scale);
  const whole = Math.floor(units / p);
  let frac = units - whole * p;
  if (whole < 0 || !Number.isSafeInteger(whole) || frac < 0) return groupThousands(formatScaled(units, scale));
  if (frac === 0) return groupInt(whole);
  let places = scale;
  while (frac % 10 === 0) {
    frac /= 10;
    places -= 1;
  }
  return `${groupInt(whole)}.${String(frac).padStart(places, '0')}`;
}

/** A positive rational p/q with q a power of ten, read from a decimal such as a scale factor. */
export interface Ratio {
  readonly num: number;
  readonly den: number;
  readonly text: string;
}

export function parseRatio(input: DecimalInput, maxScale = 6): Ratio | null {
  const places = decimalPlaces(input);
  if (places === null || places > maxScale) return null;
  const num = toScaled(input, places);
  if (num === null || num === 0) return null;
  const den = pow10(places);
  return { num, den, text: formatScaled(num, places) };
}

/** Reads a decimal string from scheme data as integer hundredths; null if not exact to 0.01. */
export function toHundredths(input: DecimalInput): number | null {
  return toScaled(input, 2);
}

/** ceil(a × m / b) exactly, for non-negative safe integers. */
export function mulDivCeil(a: number, m: number, b: number): number {
  const p = a * m;
  if (Number.isSafeInteger(p + b)) return floorDiv(p + b - 1, b);
  return Number((BigInt(a) * BigInt(m) + BigInt(b) - 1n) / BigInt(b));
}
