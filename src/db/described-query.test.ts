/**
 * DescribedQuery (described-query.ts) answers exactly as pg's own Query does, sends Describe only
 * the first time a connection runs a statement, and leaves the connection usable after a value
 * that cannot be encoded and after an error while executing, on a pool and on a transaction's client.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/db.js';
import { internalsPresent, queryDescribed } from './described-query.js';

let database: Awaited<ReturnType<typeof freshDatabase>>;
let pool: pg.Pool;

beforeAll(async () => {
  database = await freshDatabase();
  // One connection: every query below runs on it, so the second execution is the one without Describe.
  pool = new pg.Pool({ connectionString: database.url, max: 1 });
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

const TEXT = "select $1::int as n, $2::text as name, $3::jsonb as doc, timestamptz '2025-03-01 08:30:00+08' as at, $4::int[] as list, null::text as nothing";

/** Counts the Describe messages a client sends from now on. */
function countDescribes(client: pg.PoolClient): () => number {
  const connection: unknown = Reflect.get(client, 'connection');
  const original: unknown = Reflect.get(connection as object, 'describe');
  if (typeof original !== 'function') throw new Error('pg connection without describe');
  let n = 0;
  Reflect.set(connection as object, 'describe', (...args: unknown[]): unknown => {
    n++;
    const sent: unknown = Reflect.apply(original, connection, args);
    return sent;
  });
  return () => n;
}

describe('DescribedQuery', () => {
  it('finds the pg internals it relies on', () => {
    expect(internalsPresent).toBe(true);
  });

  it('describes a named statement once per connection and answers as pg does, on a pool', async () => {
    const client = await pool.connect();
    const describes = countDescribes(client);
    client.release();
    const config = { name: 'described_pool', text: TEXT, rowMode: 'array' as const };
    const inputs: unknown[][] = [[1, '甲', { a: 1 }, [1, 2]], [2, '乙"引号\\', { b: [true, null] }, []], [3, null, null, null]];
    for (const values of inputs) {
      const mine = await queryDescribed(pool, config, values);
      const theirs = await pool.query({ text: TEXT, rowMode: 'array', values });
      expect(mine.rows).toEqual(theirs.rows);
    }
    // One for the first named execution, one for each unnamed pg query.
    expect(describes()).toBe(1 + inputs.length);
    const third = await queryDescribed(pool, config, [4, '丁', { c: '戊' }, [9]]);
    expect(third.rows).toEqual([[4, '丁', { c: '戊' }, new Date('2025-03-01T00:30:00Z'), [9], null]]);
    expect(describes()).toBe(1 + inputs.length);
  });

  it('keeps the query types a statement was run with (Drizzle passes its own parsers)', async () => {
    const types = { getTypeParser: (oid: number, format?: 'text' | 'binary'): ((v: string) => unknown) => (oid === 1184 ? (v: string) => `raw:${v}` : (pg.types.getTypeParser as (o: number, f: string) => (v: string) => unknown)(oid, format ?? 'text')) };
    const config = { name: 'described_types', text: "select timestamptz '2025-03-01 00:00:00+00' as at, $1::int as n", rowMode: 'array' as const, types };
    for (const n of [1, 2, 3]) expect((await queryDescribed(pool, config, [n])).rows).toEqual([['raw:2025-03-01 00:00:00+00', n]]);
  });

  it('fails a value pg cannot encode as pg does, and the connection goes on', async () => {
    const config = { name: 'described_bad_value', text: 'select $1::jsonb as doc', rowMode: 'array' as const };
    expect((await queryDescribed(pool, config, [{ a: 1 }])).rows).toEqual([[{ a: 1 }]]);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(queryDescribed(pool, config, [circular])).rejects.toThrow(/circular/i);
    expect((await queryDescribed(pool, config, [{ b: 2 }])).rows).toEqual([[{ b: 2 }]]);
    expect((await pool.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  it('passes an error while executing to the caller, and the connection goes on', async () => {
    const config = { name: 'described_division', text: 'select 10 / $1::int as q', rowMode: 'array' as const };
    expect((await queryDescribed(pool, config, [2])).rows).toEqual([[5]]);
    await expect(queryDescribed(pool, config, [0])).rejects.toMatchObject({ code: '22012' });
    expect((await queryDescribed(pool, config, [5])).rows).toEqual([[2]]);
  });

  it("runs on a transaction's client, inside the transaction", async () => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query('create temporary table described_tx (n int) on commit drop');
      await client.query('insert into described_tx values (7), (8)');
      const config = { name: 'described_tx_sum', text: 'select sum(n)::int + $1::int as s from described_tx', rowMode: 'array' as const };
      expect((await queryDescribed(client, config, [0])).rows).toEqual([[15]]);
      expect((await queryDescribed(client, config, [1])).rows).toEqual([[16]]);
      await client.query('commit');
    } finally {
      client.release();
    }
  });
});
