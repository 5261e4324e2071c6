import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/db.js';
import { SessionCache } from '../auth/session-cache.js';
import { CHANGE_CHANNEL } from './repository.js';
import { notifyChange, onChange, onReset, startChangeListener, type ChangeListener } from './changes.js';

let database: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database.drop();
});

const until = async (done: () => boolean, ms = 5_000) => {
  const started = Date.now();
  while (!done() && Date.now() - started < ms) await new Promise((r) => setTimeout(r, 20));
  return done();
};

describe('change notifications', () => {
  it('are delivered when the writing transaction commits, and not at all when it rolls back', async () => {
    const listener = await startChangeListener(database.url, () => undefined);
    const seen: string[] = [];
    onChange('session', (key) => seen.push(key));
    try {
      await database.db.transaction(async (tx) => {
        await notifyChange(tx, 'session', 'committed');
        await new Promise((r) => setTimeout(r, 100));
        expect(seen).toEqual([]);
      });
      await database.db.transaction(async (tx) => {
        await notifyChange(tx, 'session', 'rolled-back');
        tx.rollback();
      }).catch(() => undefined);
      await notifyChange(database.db, 'session', 'after');
      expect(await until(() => seen.includes('after'))).toBe(true);
      expect(seen).toEqual(['committed', 'after']);
    } finally {
      await listener.stop();
    }
  });

  it('drop every cache when the listening connection breaks, and listen again', async () => {
    let resets = 0;
    onReset(() => resets++);
    const seen: string[] = [];
    onChange('settings', (key) => seen.push(key));
    const listener: ChangeListener = await startChangeListener(database.url, () => undefined);
    try {
      const before = resets;
      await database.pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN ${CHANGE_CHANNEL}'`);
      expect(await until(() => resets > before)).toBe(true);
      expect(await until(() => listener.connected())).toBe(true);
      await notifyChange(database.db, 'settings', 'after-reconnect');
      expect(await until(() => seen.includes('after-reconnect'))).toBe(true);
    } finally {
      await listener.stop();
    }
  });
});

describe('session cache', () => {
  it('does not keep a row read before a revocation that dropped it meanwhile', () => {
    const cache = new SessionCache<string>();
    const generation = cache.generation();
    cache.dropSession('s1'); // another process revoked it while the query was on its way
    cache.set('hash', 'row', { sessionId: 's1', userId: 'u1' }, 0, generation);
    expect(cache.get('hash', 1)).toBeUndefined();
    cache.set('hash', 'row', { sessionId: 's1', userId: 'u1' }, 0, cache.generation());
    expect(cache.get('hash', 1)).toBe('row');
  });
});
