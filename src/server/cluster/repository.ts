import os from 'node:os';
import pg from 'pg';
import { lt, sql } from 'drizzle-orm';
import { jobRuns, rateLimitHits } from '../../db/schema/index.js';
import type { Db, Executor } from '../../db/client.js';

/** The one channel every HRSP process listens on; the payload names what changed. */
export const CHANGE_CHANNEL = 'hrsp_change';

/**
 * Tells every HRSP process on this database that something they may cache changed. Inside a
 * transaction PostgreSQL delivers the notification only when it commits, and never if it rolls back.
 */
export async function notifyChange(db: Executor, payload: string): Promise<void> {
  await db.execute(sql`SELECT pg_notify(${CHANGE_CHANNEL}, ${payload})`);
}

export interface ChangeConnection {
  close(): Promise<void>;
}

/**
 * A connection of its own (not from the pool: a pooled connection is handed to queries and
 * recycled) that LISTENs on the change channel. `onLost` is called once when it breaks.
 */
export async function listenForChanges(url: string, onPayload: (payload: string) => void, onLost: (e: Error) => void): Promise<ChangeConnection> {
  const client = new pg.Client({ connectionString: url, keepAlive: true });
  let lost = false;
  const lose = (e: Error) => {
    if (lost) return;
    lost = true;
    onLost(e);
  };
  client.on('notification', (m) => {
    if (m.channel === CHANGE_CHANNEL && m.payload !== undefined) onPayload(m.payload);
  });
  client.on('error', lose);
  client.on('end', () => lose(new Error('change listener connection ended')));
  try {
    await client.connect();
    await client.query(`LISTEN ${CHANGE_CHANNEL}`);
  } catch (e) {
    lost = true; // the caller sees the throw; no second report through onLost
    await client.end().catch(() => undefined);
    throw e;
  }
  return {
    close: async () => {
      lost = true;
      await client.end();
    },
  };
}

// Milliseconds of the database's clock: every process counts windows on the same clock.
const nowMs = sql`(extract(epoch from now()) * 1000)::bigint`;

function rateLimitHitQuery(db: Db) {
  const windowMs = sql`${sql.placeholder('windowMs')}::bigint`;
  // All SET expressions see the row as it was, so "expired" is judged once for the three columns.
  const expired = sql`${rateLimitHits.expiresAt} <= excluded.window_start`;
  return db
    .insert(rateLimitHits)
    .values({ key: sql.placeholder('key'), count: 1, windowStart: nowMs, expiresAt: sql`${nowMs} + ${windowMs}` })
    .onConflictDoUpdate({
      target: rateLimitHits.key,
      set: {
        count: sql`CASE WHEN ${expired} THEN 1 ELSE ${rateLimitHits.count} + 1 END`,
        windowStart: sql`CASE WHEN ${expired} THEN excluded.window_start ELSE ${rateLimitHits.windowStart} END`,
        expiresAt: sql`CASE WHEN ${expired} THEN excluded.expires_at ELSE ${rateLimitHits.expiresAt} END`,
      },
    })
    .returning({ count: rateLimitHits.count, ttl: sql<string>`${rateLimitHits.expiresAt} - ${nowMs}` })
    .prepare('hrsp_rate_limit_hit');
}
const preparedHit = new WeakMap<Db, ReturnType<typeof rateLimitHitQuery>>();

/**
 * Counts one request for `key` in its current window and returns the count and the window's
 * remaining milliseconds. One statement, a named prepared one: it runs on every request.
 */
export async function countRateLimitHit(db: Db, key: string, windowMs: number): Promise<{ count: number; ttl: number }> {
  let query = preparedHit.get(db);
  if (!query) {
    query = rateLimitHitQuery(db);
    preparedHit.set(db, query);
  }
  const [row] = await query.execute({ key, windowMs });
  if (!row) throw new Error('rate limit upsert returned nothing');
  return { count: row.count, ttl: Number(row.ttl) };
}

/**
 * Adds a batch of request counts (one process's since its last report) to their shared windows
 * and returns each key's total over every process. One statement for the whole batch: the
 * request budget reports about once a second instead of once a request.
 */
export async function addRateLimitHits(db: Db, hits: readonly { key: string; count: number; expiresAt: number }[]): Promise<Map<string, number>> {
  if (hits.length === 0) return new Map();
  const keys = hits.map((h) => h.key);
  const counts = hits.map((h) => h.count);
  const ends = hits.map((h) => h.expiresAt);
  const rows = await db.execute<{ key: string; count: number }>(sql`
    INSERT INTO ${rateLimitHits} (key, count, window_start, expires_at)
    SELECT k, c, ${nowMs}, e FROM unnest(${sql.param(keys)}::text[], ${sql.param(counts)}::int[], ${sql.param(ends)}::bigint[]) AS t(k, c, e)
    ON CONFLICT (key) DO UPDATE SET count = ${rateLimitHits.count} + excluded.count
    RETURNING key, count`);
  return new Map(rows.rows.map((r) => [r.key, r.count]));
}

/** Drops windows that have ended (their next request starts a new one anyway). */
export async function deleteEndedRateLimitWindows(db: Executor): Promise<number> {
  const deleted = await db.delete(rateLimitHits).where(lt(rateLimitHits.expiresAt, sql`${nowMs}`)).returning({ key: rateLimitHits.key });
  return deleted.length;
}

const runner = `${os.hostname()}:${process.pid}`;

/**
 * Runs `job` unless another process is running it or ran it less than `minIntervalMinutes` ago.
 * A transaction-level advisory lock (held by this transaction while the job runs on other
 * connections) keeps two processes from running it at once; the job_runs row, claimed and
 * committed with the lock, keeps a second process from running it again within the interval.
 * A failed job rolls its claim back, so the next attempt (any process) runs it.
 */
export async function runExclusively<T>(db: Db, name: string, minIntervalMinutes: number, job: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  return db.transaction(async (tx) => {
    const locked = await tx.execute<{ ok: boolean }>(sql`SELECT pg_try_advisory_xact_lock(hashtext('hrsp.job'), hashtext(${name})) AS ok`);
    if (locked.rows[0]?.ok !== true) return { ran: false };
    const claimed = await tx
      .insert(jobRuns)
      .values({ name, lastStartedAt: sql`now()`, lastRunner: runner })
      .onConflictDoUpdate({
        target: jobRuns.name,
        set: { lastStartedAt: sql`now()`, lastFinishedAt: null, lastRunner: runner, runs: sql`${jobRuns.runs} + 1` },
        setWhere: sql`${jobRuns.lastStartedAt} <= now() - make_interval(mins => ${minIntervalMinutes})`,
      })
      .returning({ name: jobRuns.name });
    if (claimed.length === 0) return { ran: false };
    const value = await job();
    await tx.update(jobRuns).set({ lastFinishedAt: sql`clock_timestamp()` }).where(sql`${jobRuns.name} = ${name}`);
    return { ran: true, value };
  });
}

/**
 * Holds a session-level advisory lock around `fn` on one pooled connection: process start-up
 * (migrations, reference data, the first administrator) by one process at a time.
 */
export async function withStartupLock<T>(pool: pg.Pool, fn: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('hrsp.startup'))`);
    try {
      return await fn();
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext('hrsp.startup'))`);
    }
  } finally {
    client.release();
  }
}
