/**
 * The public portal's answers kept in memory, whole (serialized body and content type), per URL.
 *
 * Correct across processes without lifetimes: PostgreSQL triggers on the tables the public pages
 * show announce a topic when a statement changes them (migration `public_cache_notify`; payload
 * `public:<topic>` on the change channel, src/server/cluster/changes.ts), every process drops the
 * answers of that topic, and while a process's listening connection is down it neither serves
 * nor stores anything (`hearingChanges()`), and drops everything when it is back.
 *
 * A read racing a write: a request notes the generation of its topics before it reads the database
 * and stores its answer only if no drop of those topics came in meanwhile (the notification arrives
 * after the write commits, so an answer read before the commit is never kept after its drop).
 */
import { sm3 } from '../crypto/gm.js';
import { hearingChanges, onChange, onReset } from '../cluster/changes.js';

/**
 * What a public answer shows, each bound to its tables by a trigger in the database:
 * - `directory`: platforms, platform_sites, organizations, districts
 * - `results`: evaluations (published results, their codes)
 * - `districts`: districts
 * - `notices`: publicity_notices (and the notice tables added with them)
 */
export const publicTopics = ['directory', 'results', 'districts', 'notices'] as const;
export type PublicTopic = (typeof publicTopics)[number];

function isPublicTopic(s: string): s is PublicTopic {
  return publicTopics.some((t) => t === s);
}

export interface CachedAnswer {
  /** The bytes sent (encoded once, when stored). */
  body: Buffer;
  /** Strong validator: SM3 of the body (the same bytes give the same ETag in every process). */
  etag: string;
  headers: Record<string, string>;
  topics: readonly PublicTopic[];
  bytes: number;
  storedAt: number;
}

export interface PublicCacheLimits {
  maxEntries: number;
  maxBytes: number;
  /** A backstop only (invalidation is by notification): an answer older than this is read again. */
  maxAgeMs: number;
}

export const DEFAULT_PUBLIC_CACHE_LIMITS: PublicCacheLimits = { maxEntries: 2_000, maxBytes: 32 * 1024 * 1024, maxAgeMs: 10 * 60_000 };

/** Notes what a request saw before reading the database, to be checked when its answer is stored. */
export interface Ticket {
  key: string;
  topics: readonly PublicTopic[];
  generations: readonly number[];
}

export function etagOf(body: string | Buffer): string {
  return `"${sm3(body).slice(0, 32)}"`;
}

/**
 * The cache key: the path as requested and the query's parameters sorted (so `?a=1&b=2` and
 * `?b=2&a=1` share an entry). Parameters the route ignores make entries of their own; the size
 * bound keeps that harmless.
 */
export function cacheKey(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = [...new URLSearchParams(url.slice(at + 1))].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  if (params.length === 0) return url.slice(0, at);
  return `${url.slice(0, at)}?${new URLSearchParams(params).toString()}`;
}

/** A least-recently-used map of answers with an entry and a byte bound, dropped by topic. */
export class PublicCache {
  private readonly entries = new Map<string, CachedAnswer>();
  private bytes = 0;
  private readonly generations = new Map<PublicTopic, number>(publicTopics.map((t) => [t, 0]));
  /** Counts hits, misses, stores (tests and the benchmark read them). */
  readonly stats = { hits: 0, misses: 0, stores: 0, drops: 0 };

  constructor(
    private readonly limits: PublicCacheLimits = DEFAULT_PUBLIC_CACHE_LIMITS,
    private readonly live: () => boolean = hearingChanges,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether answers may be served and stored now (this process hears every change). */
  enabled(): boolean {
    return this.live();
  }

  get(key: string): CachedAnswer | undefined {
    if (!this.enabled()) return undefined;
    const e = this.entries.get(key);
    if (!e) {
      this.stats.misses++;
      return undefined;
    }
    if (this.now() - e.storedAt > this.limits.maxAgeMs) {
      this.remove(key, e);
      this.stats.misses++;
      return undefined;
    }
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, e);
    this.stats.hits++;
    return e;
  }

  ticket(key: string, topics: readonly PublicTopic[]): Ticket {
    return { key, topics, generations: topics.map((t) => this.generations.get(t) ?? 0) };
  }

  /** Stores an answer unless one of its topics was dropped since `ticket` was taken, or changes are not heard. */
  set(ticket: Ticket, body: string | Buffer, headers: Record<string, string>): CachedAnswer | null {
    const fresh = ticket.topics.every((t, i) => this.generations.get(t) === ticket.generations[i]);
    const bytes = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    if (!fresh || !this.enabled() || bytes > this.limits.maxBytes) return null;
    const old = this.entries.get(ticket.key);
    if (old) this.remove(ticket.key, old);
    const buffer = typeof body === 'string' ? Buffer.from(body) : body;
    const e: CachedAnswer = { body: buffer, etag: etagOf(buffer), headers, topics: ticket.topics, bytes, storedAt: this.now() };
    this.entries.set(ticket.key, e);
    this.bytes += bytes;
    this.stats.stores++;
    while (this.entries.size > this.limits.maxEntries || this.bytes > this.limits.maxBytes) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      const victim = this.entries.get(oldest.value);
      if (victim) this.remove(oldest.value, victim);
    }
    return e;
  }

  /** Drops every answer showing `topic`. */
  drop(topic: PublicTopic): void {
    this.generations.set(topic, (this.generations.get(topic) ?? 0) + 1);
    this.stats.drops++;
    for (const [key, e] of this.entries) if (e.topics.includes(topic)) this.remove(key, e);
  }

  clear(): void {
    for (const t of publicTopics) this.generations.set(t, (this.generations.get(t) ?? 0) + 1);
    this.stats.drops++;
    this.entries.clear();
    this.bytes = 0;
  }

  size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private remove(key: string, e: CachedAnswer): void {
    this.entries.delete(key);
    this.bytes -= e.bytes;
  }
}

// Every app of this process (tests build two in one) hears through the process's one listener.
const caches = new Set<PublicCache>();
let subscribed = false;

/** Makes `cache` follow the change notifications; returns how to stop. */
export function followChanges(cache: PublicCache): () => void {
  if (!subscribed) {
    subscribed = true;
    onChange('public', (topic) => {
      // A topic this process does not know (a newer process's trigger): drop everything.
      for (const c of caches) {
        if (isPublicTopic(topic)) c.drop(topic);
        else c.clear();
      }
    });
    onReset(() => {
      for (const c of caches) c.clear();
    });
  }
  caches.add(cache);
  return () => caches.delete(cache);
}
