import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db/client.js';
import { buildApp } from './app.js';
import { CUT_MS, shutdown, type Timeout } from './start.js';

interface Deadline {
  ms: number;
  fire: () => void;
  cancelled: boolean;
}

describe('stopping the server (Ctrl-C)', () => {
  it('cuts a hung request when its grace deadline fires, then closes the database, although a keep-alive connection stays open', async () => {
    const events: string[] = [];
    // Deadlines the test fires itself: what cuts the request is the grace deadline, not time passing.
    const deadlines: Deadline[] = [];
    const timeout: Timeout = (ms, fire) => {
      const deadline: Deadline = { ms, fire: () => { events.push(`deadline ${ms} ms`); fire(); }, cancelled: false };
      deadlines.push(deadline);
      return () => { deadline.cancelled = true; };
    };
    let arrived!: () => void;
    const hangArrived = new Promise<void>((resolve) => { arrived = resolve; });
    const database = openDatabase('postgres://hrsp:x@127.0.0.1:9/hrsp', 1);
    const app = await buildApp({ db: database.db, logLevel: 'silent', webDir: null });
    // A request that never answers, as a stuck handler or a slow client would leave one.
    app.get('/api/test-hang', { config: { access: 'public' } }, () => {
      arrived();
      return new Promise(() => undefined);
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const cutAll = app.server.closeAllConnections.bind(app.server);
    vi.spyOn(app.server, 'closeAllConnections').mockImplementation(() => {
      events.push('connections cut');
      cutAll();
    });
    const { port } = app.server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true });
    // One finished request on a kept-alive connection, and one hanging on another.
    await new Promise<void>((resolve) => http.get({ port, host: '127.0.0.1', path: '/api/health', agent }, (res) => res.resume().on('end', resolve)));
    const hung = new Promise<string>((resolve) => {
      const req = http.get({ port, host: '127.0.0.1', path: '/api/test-hang', agent }, () => resolve('answered'));
      req.on('error', (e) => resolve(`cut: ${e.message}`));
    });
    let hungSettled = false;
    void hung.then(() => { hungSettled = true; });
    await hangArrived;

    const stopping = shutdown(app, { shutdown: async () => { events.push('database closing'); await database.close(); events.push('database closed'); } }, { graceMs: 500, databaseMs: 2000, timeout });
    expect(deadlines.map((d) => d.ms)).toEqual([500]);
    // While the grace deadline is pending the hung request keeps its connection (waiting only, nothing timed).
    await sleep(100);
    expect(events).toEqual([]);
    expect(hungSettled).toBe(false);

    deadlines[0]!.fire();
    expect(await hung).toMatch(/^cut: /);
    await stopping;
    expect(events).toEqual(['deadline 500 ms', 'connections cut', 'database closing', 'database closed']);
    // Once cut, closing and the database finished on their own: their deadlines were cancelled, never fired.
    expect(deadlines.slice(1).map((d) => [d.ms, d.cancelled])).toEqual([[CUT_MS, true], [2000, true]]);
    agent.destroy();
  });
});
