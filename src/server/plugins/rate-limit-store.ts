import type { Db } from '../../db/client.js';
import { deleteEndedRateLimitWindows } from '../cluster/repository.js';

/** Deletes ended windows every minute until the returned function is called. */
export function sweepRateLimitWindows(db: Db, log: (msg: string) => void): () => void {
  const timer = setInterval(() => {
    deleteEndedRateLimitWindows(db).catch((e: unknown) => log(`清理限流计数失败：${e instanceof Error ? e.message : String(e)}`));
  }, 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
