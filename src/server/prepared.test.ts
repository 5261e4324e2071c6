/** Queries built once per shape and executor (prepared.ts); list totals kept only while changes are heard (list-counts.ts). */
import { describe, expect, it } from 'vitest';
import { CountCache } from './list-counts.js';
import { PreparedShapes } from './prepared.js';

describe('PreparedShapes', () => {
  it('builds a shape once per executor and keeps shapes apart', () => {
    const built: string[] = [];
    const shapes = new PreparedShapes<string>();
    const pool = {};
    const tx = {};
    const get = (db: object, shape: string) => shapes.get(db, shape, () => {
      built.push(shape);
      return `query ${shape}`;
    });
    expect([get(pool, 'a'), get(pool, 'a'), get(pool, 'b'), get(tx, 'a'), get(pool, 'a')]).toEqual(['query a', 'query a', 'query b', 'query a', 'query a']);
    expect(built).toEqual(['a', 'b', 'a']);
  });
});

describe('CountCache', () => {
  it('counts every time while this process hears no changes (no listener in this test)', async () => {
    const cache = new CountCache();
    let counted = 0;
    const count = () => Promise.resolve(++counted);
    expect(await cache.through('k', count)).toBe(1);
    expect(await cache.through('k', count)).toBe(2);
    expect(cache.stats.hits).toBe(0);
  });
});
