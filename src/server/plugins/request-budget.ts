import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { addRateLimitHits, countRateLimitHit } from '../cluster/repository.js';
import { errors } from '../errors.js';

/** Requests a minute: per signed-in session, per address without a session, login attempts per address. */
export interface RequestBudgets {
  /** For one signed-in session wherever it comes from (an office behind one NAT address shares nothing). */
  perSession: number;
  /** For one address without a valid session: the public portal's API and every anonymous 401. */
  perAddress: number;
  /** Login attempts (each login route on its own) from one address; counted exactly across processes. */
  login: number;
}

/**
 * Sized for real use. A person clicking through the app makes a few requests a second at most,
 * so 6,000 a minute for one session only stops a runaway script; 3,000 a minute for an address
 * lets 50 people behind one NAT address read the public portal (cached answers and static files
 * are not counted); 60 logins a minute lets that office sign in at nine o'clock, while password
 * guessing is stopped by the account lockout after 5 failures anyway.
 */
export const DEFAULT_BUDGETS: RequestBudgets = { perSession: 6000, perAddress: 3000, login: 60 };

/** How often a process reports its counts to PostgreSQL and learns the other processes'. */
export const DEFAULT_SYNC_MS = 1000;

const WINDOW_MS = 60_000;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `login`: counted against the login budget (exactly, in PostgreSQL); `none`: not counted (static files, no database work). */
    budget?: 'login' | 'none';
  }
}

interface Count {
  window: number;
  /** The total over every process at the last report (ours included). */
  shared: number;
  /** Counted here since the last report. */
  pending: number;
  /** Asked about since the last report (admitted or refused): the report refreshes its total even with nothing to add. */
  asked: boolean;
}

/**
 * The general request budget, counted in memory and reported to PostgreSQL in batches.
 *
 * Why not a round trip per request: the budget is checked on every request, and an upsert per
 * request costs more than many of the requests it guards. Why not divide the limit across
 * processes: the number of processes is not known to any of them, and one user's requests
 * usually all land on one process, which would then get a fraction of the budget.
 *
 * So: fixed one-minute windows aligned to the clock (every process agrees where a window starts
 * without asking), each process counts its own requests exactly and, every `syncMs`, adds what it
 * counted to the window's row in rate_limit_hits in one statement for all keys asked about since
 * the last report (adding 0 where it only refused), reading back the totals. A process decides on (total at its last report + its own count since). Tolerance: with
 * several processes a key may get past the limit by what the processes admitted for it during
 * one report interval (1 s by default), since a process learns the others' counts for a key at
 * its first report after it was asked about that key; within one process the limit is exact. While
 * PostgreSQL is unreachable each process goes on with its own counts and retries the report.
 */
/** A budget's size and what is left of it after this request (the x-ratelimit-* headers). */
export interface BudgetLeft {
  limit: number;
  remaining: number;
}

export class RequestBudget {
  private readonly counts = new Map<string, Count>();
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    readonly budgets: RequestBudgets,
    private readonly syncMs: number,
    private readonly warn: (message: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sync(), this.syncMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sync();
  }

  /**
   * Counts the request (session budget when the access hook resolved one, else the address's, or
   * the login budget for login routes) and throws a 429 with Retry-After once the budget is spent.
   * Called after the session is resolved and before access is enforced, so anonymous 401s count.
   * Counted in memory without waiting, except logins (a statement each, so a promise).
   */
  charge(request: FastifyRequest): BudgetLeft | null | Promise<BudgetLeft> {
    const kind = request.routeOptions.config.budget;
    if (kind === 'none') return null;
    if (kind === 'login') return this.chargeLogin(request);
    const session = request.auth?.sessionId;
    const key = session !== undefined ? `session:${session}` : `address:${request.ip}`;
    const limit = session !== undefined ? this.budgets.perSession : this.budgets.perAddress;
    const now = this.now();
    const window = Math.floor(now / WINDOW_MS);
    let count = this.counts.get(key);
    if (!count || count.window !== window) {
      count = { window, shared: 0, pending: 0, asked: true };
      this.counts.set(key, count);
    }
    count.asked = true;
    const used = count.shared + count.pending;
    if (used >= limit) throw errors.rateLimited(Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now) / 1000)));
    count.pending += 1;
    return { limit, remaining: limit - used - 1 };
  }

  /** Logins are few and guessed at: counted exactly, one statement each, like before. */
  private async chargeLogin(request: FastifyRequest): Promise<BudgetLeft> {
    const limit = this.budgets.login;
    const { count, ttl } = await countRateLimitHit(this.db, `login ${request.routeOptions.url ?? ''} ${request.ip}`, WINDOW_MS);
    if (count > limit) throw errors.rateLimited(Math.max(1, Math.ceil(ttl / 1000)));
    return { limit, remaining: limit - count };
  }

  /** Reports what this process counted since the last report and learns the totals. One report at a time. */
  sync(): Promise<void> {
    this.syncing ??= this.report().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  private async report(): Promise<void> {
    const current = Math.floor(this.now() / WINDOW_MS);
    const batch: { key: string; count: number; expiresAt: number; entry: Count }[] = [];
    for (const [key, entry] of this.counts) {
      if (entry.window < current) this.counts.delete(key);
      else if (entry.asked) batch.push({ key: `budget ${entry.window} ${key}`, count: entry.pending, expiresAt: (entry.window + 1) * WINDOW_MS, entry });
    }
    if (batch.length === 0) return;
    for (const b of batch) b.entry.asked = false;
    try {
      const totals = await addRateLimitHits(this.db, batch);
      for (const b of batch) {
        b.entry.pending -= b.count;
        b.entry.shared = Math.max(b.entry.shared, totals.get(b.key) ?? 0);
      }
    } catch (e) {
      for (const b of batch) b.entry.asked = true;
      this.warn(`上报请求计数失败（各进程暂按本进程计数限流）：${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
