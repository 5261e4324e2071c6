import { bigint, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Request counters shared by every HRSP process on the database: login attempts and objections
 * (one row per route + client address, a window opened by the key's first request, counted one
 * statement per attempt), and the request budget's one-minute windows (`budget <minute> <key>`,
 * which each process adds its counts to in batches, src/server/plugins/request-budget.ts). UNLOGGED (custom migration): counters need no crash safety and skip the WAL.
 * Times are milliseconds of the database's clock, so that processes with skewed clocks agree.
 */
export const rateLimitHits = pgTable('rate_limit_hits', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  windowStart: bigint('window_start', { mode: 'number' }).notNull(),
  expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
});

/** The last run of each periodic job, so that with several processes an hourly job runs once an hour. */
export const jobRuns = pgTable('job_runs', {
  name: text('name').primaryKey(),
  lastStartedAt: timestamp('last_started_at', { withTimezone: true }).notNull(),
  lastFinishedAt: timestamp('last_finished_at', { withTimezone: true }),
  /** host:pid of the process that ran it last. */
  lastRunner: text('last_runner').notNull(),
  runs: integer('runs').notNull().default(1),
});
