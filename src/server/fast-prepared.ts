import { Column, getTableName, is, Param, Placeholder, SQL } from 'drizzle-orm';
import { describable, queryDescribed } from '../db/described-query.js';

/**
 * Runs a Drizzle prepared query with its rows mapped by a mapper built once per query, instead of
 * Drizzle's per-row `mapResultRow` (which re-checks every field's kind with `is()` on every row and
 * walks each path with an iterator): on the hottest reads (the session, the platform list and
 * detail) that mapping was the largest piece of the server's own work after the socket writes.
 * The SQL, the statement name, the parameters and the type parsers are Drizzle's own; only the
 * array rows are turned into objects here, with the same decoders Drizzle would call.
 *
 * It reads fields Drizzle's node-postgres prepared query keeps (not part of its typed API); when
 * they are not there (another Drizzle version) or a left join could make a nested object null,
 * it falls back to Drizzle's own `execute`, and `fast-prepared.test.ts` fails, so that an upgrade
 * does not silently lose the fast path.
 */
export interface FastPrepared<T> {
  execute(values?: Record<string, unknown>): Promise<T[]>;
  /** True when rows are mapped here; false when Drizzle's own execute runs. */
  readonly fast: boolean;
  /** Executed without a Describe after the first time on each connection (described-query.ts). */
  readonly describedOnce: boolean;
}

interface SelectedField {
  path: string[];
  field: unknown;
}
interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}
interface DriverClient {
  query(config: object, values: unknown[]): Promise<{ rows: unknown[][] }>;
}
interface DrizzlePrepared<T> {
  execute(values?: Record<string, unknown>): Promise<T[]>;
}

/** A column whose driver value is used as it is (text, uuid, integer, boolean…): no call per row. */
const identity: unknown = Reflect.get(Column.prototype, 'mapFromDriverValue');

function decoderOf(field: unknown): Decoder | null {
  if (is(field, Column)) return field.mapFromDriverValue === identity ? null : field;
  // An SQL field's decoder (`.mapWith(…)`) is internal to Drizzle's types, so read, then checked.
  const decoder: unknown = is(field, SQL) ? Reflect.get(field, 'decoder') : is(field, SQL.Aliased) ? Reflect.get(field.sql, 'decoder') : null;
  return typeof decoder === 'object' && decoder !== null && typeof Reflect.get(decoder, 'mapFromDriverValue') === 'function' ? (decoder as Decoder) : null;
}

/** Each parameter: a fixed value, or a placeholder filled per call (encoded as Drizzle encodes it). */
function parameterFillers(params: unknown[]): ((values: Record<string, unknown>) => unknown)[] {
  const valueOf = (name: string, values: Record<string, unknown>) => {
    if (!(name in values)) throw new Error(`No value for placeholder "${name}" was provided`);
    return values[name];
  };
  return params.map((p) => {
    if (is(p, Placeholder)) return (values) => valueOf(p.name, values);
    if (is(p, Param) && is(p.value, Placeholder)) {
      const { name } = p.value;
      const encoder = p.encoder;
      return (values) => encoder.mapToDriverValue(valueOf(name, values));
    }
    return () => p;
  });
}

/**
 * The driver's array row → the object Drizzle would have made (nested paths included), as one
 * object literal compiled per query: every row then has the same hidden class from the start.
 * (Objects built by adding 15–35 computed keys one by one fall into V8's dictionary mode, and a
 * copied template filled key by key costs ~0.4 µs a row; the literal ~25 ns.) The code is written
 * from the query's own selection (keys quoted by JSON.stringify, values by column index), never
 * from data.
 */
function rowMapper(fields: SelectedField[]): (row: unknown[]) => unknown {
  const decoders = fields.map(({ field }) => decoderOf(field));
  const valueAt = (i: number) => (decoders[i] ? `(r[${i}] === null ? null : d[${i}].mapFromDriverValue(r[${i}]))` : `r[${i}]`);
  const members = new Map<string, string[]>();
  fields.forEach(({ path }, i) => {
    const [head = '', key] = path;
    const list = members.get(head) ?? [];
    members.set(head, list);
    if (key === undefined) list.push(valueAt(i));
    else list.push(`${JSON.stringify(key)}: ${valueAt(i)}`);
  });
  const body = [...members].map(([head, list]) => {
    const nested = fields.some((f) => f.path[0] === head && f.path.length === 2);
    return `${JSON.stringify(head)}: ${nested ? `{ ${list.join(', ')} }` : (list[0] ?? 'null')}`;
  });
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- compiled from the selection's keys (see above)
  const compiled = new Function('d', `return (r) => ({ ${body.join(', ')} });`) as (d: (Decoder | null)[]) => (row: unknown[]) => unknown;
  return compiled(decoders);
}

/** Drizzle nulls a nested object whose left-joined table matched nothing; those queries keep Drizzle's mapping. */
function mayNullifyNested(fields: SelectedField[], joinsNotNullableMap: unknown): boolean {
  if (!joinsNotNullableMap || typeof joinsNotNullableMap !== 'object') return false;
  return fields.some(({ path, field }) => path.length === 2 && is(field, Column) && Reflect.get(joinsNotNullableMap, getTableName(field.table)) === false);
}

export function fastPrepared<T>(prepared: DrizzlePrepared<T>): FastPrepared<T> {
  const client: unknown = Reflect.get(prepared, 'client');
  const params: unknown = Reflect.get(prepared, 'params');
  const fields: unknown = Reflect.get(prepared, 'fields');
  const queryConfig: unknown = Reflect.get(prepared, 'queryConfig');
  const usable =
    typeof client === 'object' && client !== null && typeof Reflect.get(client, 'query') === 'function' &&
    Array.isArray(params) && Array.isArray(fields) && fields.length > 0 &&
    typeof queryConfig === 'object' && queryConfig !== null && Reflect.get(queryConfig, 'rowMode') === 'array' &&
    Reflect.get(prepared, 'customResultMapper') === undefined &&
    (fields as SelectedField[]).every(({ path, field }) => path.length <= 2 && (is(field, Column) || is(field, SQL) || is(field, SQL.Aliased))) &&
    !mayNullifyNested(fields as SelectedField[], Reflect.get(prepared, 'joinsNotNullableMap'));
  if (!usable) return { execute: (values) => prepared.execute(values), fast: false, describedOnce: false };
  const driver = client as DriverClient;
  const fillers = parameterFillers(params);
  const map = rowMapper(fields as SelectedField[]);
  // Described once per statement (described-query.ts) when the client is pg's and the statement named.
  const describedOnce = describable(client) && typeof Reflect.get(queryConfig, 'name') === 'string';
  const run = describedOnce
    ? (values: unknown[]) => queryDescribed(client, queryConfig, values)
    : (values: unknown[]) => driver.query(queryConfig, values);
  return {
    fast: true,
    describedOnce,
    async execute(values = {}) {
      const result = await run(fillers.map((fill) => fill(values)));
      return result.rows.map((row) => map(row as unknown[])) as T[];
    },
  };
}
