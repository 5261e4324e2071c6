import { createHash } from 'node:crypto';

/**
 * A name for a server-side prepared statement, derived from the statement's SQL text. Lists build
 * their SQL from filters, so each filter combination gets its own name; PostgreSQL then parses and
 * plans it once per connection instead of on every request (parameters still travel separately).
 */
export function statementName(prefix: string, sqlText: string): string {
  return `${prefix}_${createHash('sha1').update(sqlText).digest('hex').slice(0, 16)}`;
}
