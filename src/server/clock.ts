import { AsyncLocalStorage } from 'node:async_hooks';

// One formatter for the process: toLocaleDateString builds a new one on every call, which shows in profiles.
const chinaDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' });

/**
 * A clock pinned for one call chain (the demo seed replays last year's campaign on its historical dates);
 * requests never pin one, so for them the time is the machine's and, in SQL, the database's now().
 */
const pinned = new AsyncLocalStorage<() => Date>();

/** Runs fn with every use case below it reading the time from clock. */
export function withClock<T>(clock: () => Date, fn: () => Promise<T>): Promise<T> {
  return pinned.run(clock, fn);
}

/** The pinned clock's time, or undefined when none is pinned (the database's now() then applies). */
export function pinnedNow(): Date | undefined {
  return pinned.getStore()?.();
}

/** The current time: the pinned clock's, else the machine's. */
export function now(): Date {
  return pinnedNow() ?? new Date();
}

/** Today in China (Asia/Shanghai), as YYYY-MM-DD: effective dates default to it. */
export function todayIso(d = now()): string {
  return chinaDate.format(d);
}

/** The year whose figures are complete: last year. */
export function lastYear(d = now()): number {
  return Number(todayIso(d).slice(0, 4)) - 1;
}
