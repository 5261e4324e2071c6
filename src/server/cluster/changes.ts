/**
 * Keeps the in-process caches of several HRSP processes on one database in agreement.
 *
 * A write that makes a cached value wrong calls `notifyChange(tx, topic, key)` in its transaction;
 * PostgreSQL delivers the notification to every process (this one included) when the transaction
 * commits, and each drops what it cached for that key (`onChange`). Each process listens on one
 * connection of its own (`startChangeListener`). When that connection breaks, a notification may
 * have been missed: every cache is dropped at once and again when it is back (`onReset`), and the
 * caches' own short lifetimes bound what a lost notification can leave stale.
 */
import type { Executor } from '../../db/client.js';
import * as repo from './repository.js';

/**
 * What a process may hold in memory. `all`: everything (a restore, a reset). `public`: the public
 * portal's answers (src/server/public/cache.ts), announced by database triggers, the key naming
 * the public topic (`public:directory`).
 */
export type Topic = 'session' | 'user-sessions' | 'settings' | 'public' | 'all';
const topics: readonly Topic[] = ['session', 'user-sessions', 'settings', 'public', 'all'];

type Handler = (key: string) => void;
const handlers = new Map<Topic, Handler[]>();
const resetHandlers: (() => void)[] = [];

/** Registers what to drop when `topic` changes for `key` (in any process). */
export function onChange(topic: Exclude<Topic, 'all'>, handler: Handler): void {
  handlers.set(topic, [...(handlers.get(topic) ?? []), handler]);
}

/** Registers how to drop everything a module caches (a missed notification, topic `all`). */
export function onReset(handler: () => void): void {
  resetHandlers.push(handler);
}

export function resetAllCaches(): void {
  for (const h of resetHandlers) h();
}

/** Announces a change to every process; delivered when `tx` commits (at once outside a transaction). */
export async function notifyChange(tx: Executor, topic: Topic, key: string): Promise<void> {
  await repo.notifyChange(tx, `${topic}:${key}`);
}

function isTopic(s: string): s is Topic {
  return topics.some((t) => t === s);
}

/** Applies one notification's payload (`topic:key`); unknown topics (a newer process) drop everything. */
export function applyChange(payload: string): void {
  const at = payload.indexOf(':');
  const topic = at < 0 ? payload : payload.slice(0, at);
  const key = at < 0 ? '' : payload.slice(at + 1);
  if (!isTopic(topic) || topic === 'all') {
    resetAllCaches();
    return;
  }
  for (const h of handlers.get(topic) ?? []) h(key);
}

// Listeners of this process whose connection is up. A cache that is only right while it hears
// every change (the public cache keeps answers without a lifetime) serves nothing while this is 0.
let listening = 0;

/** Whether this process hears changes now (some listener's connection is up). */
export function hearingChanges(): boolean {
  return listening > 0;
}

export interface ChangeListener {
  /** Whether the listening connection is up (for /api/health and tests). */
  connected(): boolean;
  stop(): Promise<void>;
}

/**
 * Listens for changes on a connection of its own until stopped, reconnecting after 0.5, 1, 2 … 10 s.
 * Resolves once the first connection listens (so a process serves nothing it could not hear about).
 */
export async function startChangeListener(url: string, log: (msg: string) => void): Promise<ChangeListener> {
  let connection: repo.ChangeConnection | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let delay = 500;

  const lost = (e: Error) => {
    if (connection) listening--;
    connection = null;
    resetAllCaches();
    if (stopped) return;
    log(`缓存同步连接中断，稍后重连：${e.message}`);
    schedule();
  };
  const connect = async () => {
    connection = await repo.listenForChanges(url, applyChange, lost);
    listening++;
    // Whatever changed while nobody listened is unknown: start from the database again.
    resetAllCaches();
    delay = 500;
  };
  const schedule = () => {
    timer = setTimeout(() => {
      timer = null;
      connect().catch((e: unknown) => {
        if (stopped) return;
        log(`缓存同步重连失败：${e instanceof Error ? e.message : String(e)}`);
        delay = Math.min(delay * 2, 10_000);
        schedule();
      });
    }, delay);
    timer.unref();
  };

  await connect();
  return {
    connected: () => connection !== null,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (connection) listening--;
      const closing = connection;
      connection = null;
      await closing?.close();
    },
  };
}
