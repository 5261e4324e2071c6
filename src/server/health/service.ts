/** Whether the server can do its work: a load balancer or service manager asks this, not the home page. */
import type { Db } from '../../db/client.js';
import { AppError } from '../errors.js';
import { ping } from './repository.js';

/** A database that takes longer than this is as good as down for a probe. */
export const HEALTH_TIMEOUT_MS = 2000;

export const databaseUnavailable = () => new AppError('DATABASE_UNAVAILABLE', 503, '数据库不可用，服务暂时无法处理请求');

export async function checkHealth(db: Db, timeoutMs = HEALTH_TIMEOUT_MS): Promise<{ status: 'ok'; database: 'ok' }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([ping(db), timeout]);
  } catch (e) {
    throw Object.assign(databaseUnavailable(), { cause: e });
  } finally {
    clearTimeout(timer);
  }
  return { status: 'ok', database: 'ok' };
}
