import { createHash } from 'node:crypto';

/**
 * A name for a server-side prepared statement, derived from the statement's SQL text. Lists build
 * their SQL from filters, so each filter combination gets its own name; PostgreSQL then parses and
 * plans it once per connection instead of on every request (parameters still travel separately).
 */
export function statementName(prefix: string, sqlText: string): string {
  return `${prefix}_${createHash('sha1').update(sqlText).digest('hex').slice(0, 16)}`;
}

/**
 * Queries built once per shape (which filters, which sort) and kept, so a request only fills in
 * values: no query building, no SQL text, no statement naming per request. Kept per executor,
 * because a prepared query runs on the pool or transaction it was built on; a transaction's
 * entries go with it.
 */
export class PreparedShapes<T> {
  private readonly byExecutor = new WeakMap<object, Map<string, T>>();

  get<E extends object>(db: E, shape: string, build: (db: E) => T): T {
    let shapes = this.byExecutor.get(db);
    if (!shapes) {
      shapes = new Map();
      this.byExecutor.set(db, shapes);
    }
    let query = shapes.get(shape);
    if (!query) {
      query = build(db);
      shapes.set(shape, query);
    }
    return query;
  }
}
