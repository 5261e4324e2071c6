import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Db } from '../../db/client.js';
import { countRateLimitHit, deleteEndedRateLimitWindows } from '../cluster/repository.js';

type Incr = FastifyRateLimitStore['incr'];
type RouteOptions = Parameters<FastifyRateLimitStore['child']>[0];

/**
 * @fastify/rate-limit's store on PostgreSQL, so that every process serving one address counts the
 * same requests: a route with its own limit (login) counts under its own name, the rest under
 * the global budget. A key's window opens with its first request, as the in-memory store's did.
 */
export function postgresRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  class PostgresStore implements FastifyRateLimitStore {
    constructor(
      _options: FastifyRateLimitOptions,
      private readonly namespace = 'global',
    ) {}

    incr(key: string, callback: Parameters<Incr>[1], timeWindow: number): void {
      countRateLimitHit(db, `${this.namespace} ${key}`, timeWindow).then(
        ({ count, ttl }) => callback(null, { current: count, ttl: Math.max(0, ttl) }),
        (e: unknown) => callback(e instanceof Error ? e : new Error(String(e))),
      );
    }

    child(routeOptions: RouteOptions): FastifyRateLimitStore {
      return new PostgresStore(routeOptions, routeNamespace(routeOptions));
    }
  }
  return PostgresStore;
}

/**
 * The route's own counter name. The plugin passes the merged limit options with the route under
 * `routeInfo` (its typings say the route itself), so both shapes are read.
 */
function routeNamespace(options: object): string {
  const info: unknown = Reflect.get(options, 'routeInfo') ?? options;
  const method: unknown = typeof info === 'object' && info !== null ? Reflect.get(info, 'method') : undefined;
  const url: unknown = typeof info === 'object' && info !== null ? Reflect.get(info, 'url') : undefined;
  return `${String(method)} ${String(url)}`;
}

/** Deletes ended windows every minute until the returned function is called. */
export function sweepRateLimitWindows(db: Db, log: (msg: string) => void): () => void {
  const timer = setInterval(() => {
    deleteEndedRateLimitWindows(db).catch((e: unknown) => log(`清理限流计数失败：${e instanceof Error ? e.message : String(e)}`));
  }, 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
