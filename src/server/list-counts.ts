/**
 * The totals of list pages, kept in memory between writes: paging through a list asks for its
 * total again on every page, and counting every matching row each time is most of the cost of a
 * large unfiltered list. A total is exact: it is kept only while this process hears every change
 * (src/server/cluster/changes.ts; otherwise each page counts afresh), it is dropped when a
 * notification says its tables changed (the database triggers of the public cache announce them,
 * in every process, at commit) and by this process's own writes at once, and `maxAgeMs` bounds
 * what a lost notification could leave.
 *
 * A read racing a write: a request notes the generation before it counts and keeps its count only
 * if no drop came in meanwhile (the notification arrives after the write commits).
 */
import { hearingChanges } from './cluster/changes.js';

export interface CountCacheLimits {
  maxEntries: number;
  maxAgeMs: number;
}

export const DEFAULT_COUNT_CACHE_LIMITS: CountCacheLimits = { maxEntries: 5_000, maxAgeMs: 60_000 };

export class CountCache {
  private readonly entries = new Map<string, { n: number; at: number }>();
  private generation = 0;
  /** Counts hits and misses (tests read them). */
  readonly stats = { hits: 0, misses: 0 };

  constructor(private readonly limits: CountCacheLimits = DEFAULT_COUNT_CACHE_LIMITS) {}

  /** The generation to pass to `set`, noted before counting. */
  ticket(): number {
    return this.generation;
  }

  get(key: string, now = Date.now()): number | undefined {
    const e = hearingChanges() ? this.entries.get(key) : undefined;
    if (e && now - e.at < this.limits.maxAgeMs) {
      this.stats.hits++;
      return e.n;
    }
    this.stats.misses++;
    return undefined;
  }

  set(key: string, n: number, ticket: number, now = Date.now()): void {
    if (ticket !== this.generation || !hearingChanges()) return;
    // Entries are cheap to recount: at the cap, start over rather than track use.
    if (this.entries.size >= this.limits.maxEntries) this.entries.clear();
    this.entries.set(key, { n, at: now });
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  /** The count for `key`, from memory or from `count()`, kept for the next page. */
  async through(key: string, count: () => Promise<number>): Promise<number> {
    const known = this.get(key);
    if (known !== undefined) return known;
    const ticket = this.ticket();
    const n = await count();
    this.set(key, n, ticket);
    return n;
  }
}
