/**
 * A two-second memory of resolved sessions, so that a page's burst of API calls costs one
 * session query instead of one each. Deleting sessions (logout, forced logout, disabling a user,
 * a password change or reset, a role change) drops them from here at once, and from every other
 * process's cache when the deletion commits (src/server/cluster/changes.ts); the two seconds bound
 * what a lost notification leaves stale. The idle timeout is still judged on every request.
 */
export const SESSION_CACHE_MILLIS = 2_000;
const MAX_ENTRIES = 10_000;

interface Entry<T> {
  value: T;
  sessionId: string;
  userId: string;
  until: number;
}

export class SessionCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private drops = 0;

  /**
   * Counts drops: a lookup notes it before its query and passes it to `set`, so that a row read
   * before a concurrent revocation is not cached after the revocation dropped it.
   */
  generation(): number {
    return this.drops;
  }

  get(token: string, now: number): T | undefined {
    const e = this.entries.get(token);
    if (!e) return undefined;
    if (e.until <= now) {
      this.entries.delete(token);
      return undefined;
    }
    return e.value;
  }

  set(token: string, value: T, ids: { sessionId: string; userId: string }, now: number, generation = this.drops): void {
    if (generation !== this.drops) return;
    // A crude bound: entries live two seconds, so clearing all at the cap costs little.
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(token, { value, ...ids, until: now + SESSION_CACHE_MILLIS });
  }

  clear(): void {
    this.drops++;
    this.entries.clear();
  }

  dropSession(sessionId: string): void {
    this.drops++;
    for (const [key, e] of this.entries) if (e.sessionId === sessionId) this.entries.delete(key);
  }

  dropUser(userId: string, exceptSessionId?: string): void {
    this.drops++;
    for (const [key, e] of this.entries) if (e.userId === userId && e.sessionId !== exceptSessionId) this.entries.delete(key);
  }
}
