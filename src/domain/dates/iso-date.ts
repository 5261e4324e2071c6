/** Calendar dates as ISO strings (YYYY-MM-DD); arithmetic in UTC so no time zone moves a day. */

export type IsoDate = string;

export interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function parseIsoDate(s: string): Ymd | null {
  const match = ISO_RE.exec(s);
  if (match === null) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

export const isIsoDate = (s: string): boolean => parseIsoDate(s) !== null;

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

export const formatYmd = (p: Ymd): IsoDate => `${pad(p.y, 4)}-${pad(p.m, 2)}-${pad(p.d, 2)}`;

const toMs = (s: IsoDate): number => {
  const p = parseIsoDate(s);
  if (p === null) throw new RangeError(`not an ISO date: ${s}`);
  return Date.UTC(p.y, p.m - 1, p.d);
};

const fromMs = (ms: number): IsoDate => {
  const dt = new Date(ms);
  return formatYmd({ y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() });
};

/** Callers validate with parseIsoDate first; an invalid date here is a programming error. */
export const addDays = (s: IsoDate, n: number): IsoDate => fromMs(toMs(s) + n * DAY_MS);

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export const daysBetween = (a: IsoDate, b: IsoDate): number => Math.round((toMs(b) - toMs(a)) / DAY_MS);

export const compareDates = (a: IsoDate, b: IsoDate): number => (a < b ? -1 : a > b ? 1 : 0);

export const yearOf = (s: IsoDate): number => Number(s.slice(0, 4));

/** Civil Code Art 202: the corresponding day `years` later, or the month's last day if none. */
export function addYearsCorresponding(s: IsoDate, years: number): IsoDate {
  const p = parseIsoDate(s);
  if (p === null) throw new RangeError(`not an ISO date: ${s}`);
  const y = p.y + years;
  return formatYmd({ y, m: p.m, d: Math.min(p.d, daysInMonth(y, p.m)) });
}
