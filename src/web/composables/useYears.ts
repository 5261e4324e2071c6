/** Data years: the registry holds prior-year figures, so the default is last year unless a platform has newer data. */
export const FIRST_DATA_YEAR = 2018;

export function lastYear(): number {
  return new Date().getFullYear() - 1;
}

/** Years a user may pick, newest first: this year back to FIRST_DATA_YEAR, plus any extra years the data has. */
export function yearOptions(extra: readonly number[] = []): number[] {
  const years = new Set<number>(extra);
  for (let y = new Date().getFullYear(); y >= FIRST_DATA_YEAR; y--) years.add(y);
  return [...years].sort((a, b) => b - a);
}

/** The year a platform's year-based tabs open on. */
export function defaultDataYear(latestDataYear: number | null | undefined): number {
  return latestDataYear ?? lastYear();
}
