/**
 * A named prepared statement executed as libpq's PQexecPrepared does: Bind, Execute, Sync. pg's
 * own Query also sends Describe on every execution, so PostgreSQL describes the result again and
 * pg parses the row description and rebuilds its column parsers each time (for the platform
 * detail's 40 columns, a third of the request's allocations and ~10 µs). The result's columns of
 * a prepared statement are fixed when it is parsed, so they are described once per statement
 * (on the first execution on each connection, through pg's own path) and reused after.
 *
 * Everything else is pg's: the parse on a connection that has not seen the statement, value
 * encoding (pg's prepareValue), the error path of a failed bind, rows, errors and the end of the
 * query. If pg's internals this relies on move (see `internalsPresent`), queries take pg's own
 * path unchanged.
 */
import { createRequire } from 'node:module';
import pg from 'pg';

interface FieldDescription {
  name: string;
  dataTypeID: number;
  format: string;
}
type Parser = (value: string) => unknown;
interface TypeParsers {
  getTypeParser(oid: number, format: string): Parser;
}
/** What this class uses of pg's Connection (pg/lib/connection.js). */
interface ProtocolConnection {
  parsedStatements: Record<string, unknown>;
  bind(config: object): void;
  close(config: object): void;
  sync(): void;
}
/** What this class uses of pg's Query (pg/lib/query.js) and its Result (pg/lib/result.js). */
interface QueryInternals {
  name?: string;
  portal: string;
  values?: unknown[];
  binary?: boolean;
  rows?: number;
  types?: TypeParsers;
  callback?: unknown;
  _result: { fields: FieldDescription[]; _parsers: Parser[] | undefined };
  _accumulateRows: unknown;
  listeners(event: string): unknown[];
  handleError(err: unknown, connection: ProtocolConnection): void;
  _getRows(connection: ProtocolConnection, rows: number | undefined): void;
}

interface Described {
  fields: FieldDescription[];
  parsers: Parser[];
}

const require = createRequire(import.meta.url);
const prepareValue: unknown = Reflect.get(require('pg/lib/utils.js') as object, 'prepareValue');
const basePrepare: unknown = Reflect.get(pg.Query.prototype, 'prepare');
const baseRowDescription: unknown = Reflect.get(pg.Query.prototype, 'handleRowDescription');

/** pg's internals as this file reads them; false: every query takes pg's own path. */
export const internalsPresent = typeof prepareValue === 'function' && typeof basePrepare === 'function' && typeof baseRowDescription === 'function' &&
  typeof Reflect.get(pg.Query.prototype, '_getRows') === 'function' && typeof Reflect.get(pg.Query.prototype, 'hasBeenParsed') === 'function';

/** Described results by statement name, per type-parser set (a statement's parsers depend on its query's `types`). */
const describedByTypes = new WeakMap<object, Map<string, Described>>();
const noTypes = {};

function describedOf(types: TypeParsers | undefined): Map<string, Described> {
  const key = types ?? noTypes;
  let map = describedByTypes.get(key);
  if (!map) {
    map = new Map();
    describedByTypes.set(key, map);
  }
  return map;
}

function parsersOf(fields: FieldDescription[], types: TypeParsers | undefined): Parser[] {
  return fields.map((f) => (types ?? (pg.types as unknown as TypeParsers)).getTypeParser(f.dataTypeID, f.format || 'text'));
}

export class DescribedQuery extends pg.Query {
  /** Bind and execute without Describe when this connection has parsed the statement and its result is known. */
  prepare(connection: ProtocolConnection): void {
    const q = this as unknown as QueryInternals;
    const known = q.name !== undefined && connection.parsedStatements[q.name] !== undefined ? describedOf(q.types).get(q.name) : undefined;
    if (!known) {
      (basePrepare as (c: ProtocolConnection) => void).call(this, connection);
      return;
    }
    try {
      connection.bind({ portal: q.portal, statement: q.name, values: q.values, binary: q.binary, valueMapper: prepareValue });
    } catch (err) {
      // As pg does when a value cannot be encoded.
      connection.close({ type: 'S', name: q.name });
      connection.sync();
      q.handleError(err, connection);
      return;
    }
    // What pg's handleRowDescription would have set from the description.
    q._result.fields = known.fields;
    q._result._parsers = known.parsers;
    q._accumulateRows = Boolean(q.callback) || q.listeners('row').length === 0;
    q._getRows(connection, q.rows);
  }

  /** pg's, keeping what the description says for the next executions of the statement. */
  handleRowDescription(msg: { fields: FieldDescription[] }): void {
    (baseRowDescription as (m: { fields: FieldDescription[] }) => void).call(this, msg);
    const q = this as unknown as QueryInternals;
    if (q.name !== undefined && q.binary !== true) describedOf(q.types).set(q.name, { fields: msg.fields, parsers: parsersOf(msg.fields, q.types) });
  }
}

/** A pool or client of pg's, which DescribedQuery can run on (a Drizzle database's or transaction's client). */
export function describable(client: unknown): client is pg.Pool | pg.ClientBase {
  return internalsPresent && (client instanceof pg.Pool || client instanceof pg.Client);
}

/** The result of a query as pg gives it (the rows in the query's row mode). */
interface Rows {
  rows: unknown[];
}

/**
 * Runs a named statement on a pool or a client (a transaction's) through DescribedQuery: a pool
 * answers a submitted query with a promise, a client calls the query's callback.
 */
export function queryDescribed(driver: pg.Pool | pg.ClientBase, queryConfig: object, values: unknown[]): Promise<Rows> {
  // A Drizzle prepared query's config: name, text, rowMode and its type parsers.
  const config = queryConfig as pg.QueryConfig;
  if (driver instanceof pg.Pool) return driver.query(new DescribedQuery(config, values)) as unknown as Promise<Rows>;
  return new Promise((resolve, reject) => {
    driver.query(new DescribedQuery(config, values, (err: Error | undefined, res: unknown) => (err ? reject(err) : resolve(res as Rows))));
  });
}
