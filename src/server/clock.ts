// One formatter for the process: toLocaleDateString builds a new one on every call, which shows in profiles.
const chinaDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' });

/** Today in China (Asia/Shanghai), as YYYY-MM-DD: effective dates default to it. */
export function todayIso(d = new Date()): string {
  return chinaDate.format(d);
}

/** The year whose figures are complete: last year. */
export function lastYear(d = new Date()): number {
  return Number(todayIso(d).slice(0, 4)) - 1;
}
