/** Today in China (Asia/Shanghai), as YYYY-MM-DD: effective dates default to it. */
export function todayIso(d = new Date()): string {
  return d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

/** The year whose figures are complete: last year. */
export function lastYear(d = new Date()): number {
  return Number(todayIso(d).slice(0, 4)) - 1;
}
