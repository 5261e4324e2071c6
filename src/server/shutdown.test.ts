import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.js';
import { buildApp } from './app.js';
import { shutdown } from './start.js';

describe('stopping the server (Ctrl-C)', () => {
  it('finishes within its deadline although a request hangs and a keep-alive connection stays open', async () => {
    const database = openDatabase('postgres://hrsp:x@127.0.0.1:9/hrsp', 1);
    const app = await buildApp({ db: database.db, logLevel: 'silent', webDir: null });
    // A request that never answers, as a stuck handler or a slow client would leave one.
    app.get('/api/test-hang', { config: { access: 'public' } }, () => new Promise(() => undefined));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true });
    // One finished request on a kept-alive connection, and one hanging on another.
    await new Promise<void>((resolve) => http.get({ port, host: '127.0.0.1', path: '/api/health', agent }, (res) => res.resume().on('end', resolve)));
    const hung = new Promise<string>((resolve) => {
      const req = http.get({ port, host: '127.0.0.1', path: '/api/test-hang', agent }, () => resolve('answered'));
      req.on('error', (e) => resolve(`cut: ${e.message}`));
    });
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    let dbStopped = false;
    await shutdown(app, { shutdown: async () => { await database.close(); dbStopped = true; } }, { graceMs: 500, databaseMs: 1000 });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(dbStopped).toBe(true);
    expect(await hung).toMatch(/^cut: /);
    agent.destroy();
  });
});
