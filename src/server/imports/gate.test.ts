import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { ImportGate } from './gate.js';

/** Work that finishes when the test says so. */
function held(): { work: () => Promise<string>; finish: (v?: string) => void; started: () => boolean } {
  let resolve: (v: string) => void = () => undefined;
  let begun = false;
  const done = new Promise<string>((r) => { resolve = r; });
  return { work: () => { begun = true; return done; }, finish: (v = 'ok') => resolve(v), started: () => begun };
}

const refusal = async (p: Promise<unknown>) => {
  const e: unknown = await p.then(() => null, (err: unknown) => err);
  if (!(e instanceof AppError)) throw new Error('expected an AppError');
  return { code: e.code, status: e.status, message: e.userMessage, headers: e.headers };
};

describe('the import gate', () => {
  it('runs one import per user: a second one from the same user is refused at once, in Chinese', async () => {
    const gate = new ImportGate({ running: 2, waiting: 4, retryAfterSeconds: 10 });
    const a = held();
    const first = gate.run('u1', a.work);
    expect(await refusal(gate.run('u1', async () => 'second'))).toEqual({ code: 'IMPORT_IN_PROGRESS', status: 409, message: '您已有一个导入正在进行，请等它完成后再导入', headers: {} });
    a.finish();
    expect(await first).toBe('ok');
    // Once it is done the user may import again.
    expect(await gate.run('u1', async () => 'again')).toBe('again');
  });

  it('runs two at once, queues four in order, and asks the seventh to retry later', async () => {
    const gate = new ImportGate({ running: 2, waiting: 4, retryAfterSeconds: 10 });
    const works = Array.from({ length: 6 }, () => held());
    const order: number[] = [];
    const runs = works.map((w, i) => gate.run(`u${i}`, async () => { order.push(i); return w.work(); }));
    await Promise.resolve();
    expect(works.map((w) => w.started())).toEqual([true, true, false, false, false, false]);
    expect(gate.load).toEqual({ running: 2, waiting: 4 });
    expect(await refusal(gate.run('u7', async () => 'late'))).toEqual({ code: 'IMPORT_QUEUE_FULL', status: 429, message: '当前导入的人较多，请 10 秒后重试', headers: { 'retry-after': '10' } });
    works[1]!.finish();
    await runs[1];
    await new Promise((r) => setImmediate(r));
    expect(works.map((w) => w.started())).toEqual([true, true, true, false, false, false]);
    for (const w of works) w.finish();
    await Promise.all(runs);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the place of an import that fails', async () => {
    const gate = new ImportGate({ running: 1, waiting: 0, retryAfterSeconds: 10 });
    await expect(gate.run('u1', async () => { throw new Error('broken file'); })).rejects.toThrow('broken file');
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
    expect(await gate.run('u1', async () => 'next')).toBe('next');
  });
});
