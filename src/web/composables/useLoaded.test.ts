import { describe, expect, it, vi } from 'vitest';
import { loader } from './useLoaded';

/** A promise the test settles when it chooses. */
function deferred<T>() {
  let resolve: (v: T) => void = () => undefined;
  let reject: (e: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('loader', () => {
  it('is loading while the request runs, then holds the answer', async () => {
    const answer = deferred<{ n: number }>();
    const l = loader(() => answer.promise, '公示信息加载失败', vi.fn());
    expect(l.data.value).toBeNull();
    const done = l.load();
    expect(l.loading.value).toBe(true);
    answer.resolve({ n: 1 });
    await done;
    expect(l.loading.value).toBe(false);
    expect(l.data.value).toEqual({ n: 1 });
  });

  it('reports a failure with its Chinese message and keeps the last answer', async () => {
    const report = vi.fn();
    let fail = false;
    const l = loader(() => (fail ? Promise.reject(new Error('down')) : Promise.resolve('第一次')), '筹建信息加载失败', report);
    await l.load();
    fail = true;
    await l.load();
    expect(report).toHaveBeenCalledExactlyOnceWith(new Error('down'), '筹建信息加载失败');
    expect(l.data.value).toBe('第一次');
    expect(l.loading.value).toBe(false);
  });

  it('lets only the newest request write: an older answer or failure arriving late is dropped', async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const calls = [first, second];
    const report = vi.fn();
    const l = loader(() => calls.shift()!.promise, '加载失败', report);
    const a = l.load();
    const b = l.load();
    second.resolve('新');
    await b;
    expect(l.data.value).toBe('新');
    expect(l.loading.value).toBe(false);
    first.reject(new Error('old'));
    await a;
    expect(l.data.value).toBe('新');
    expect(report).not.toHaveBeenCalled();
  });

  it('takes an answer an action set, until the next load', async () => {
    const l = loader(() => Promise.resolve('服务器'), '加载失败', vi.fn());
    l.data.value = '操作结果';
    expect(l.data.value).toBe('操作结果');
    await l.load();
    expect(l.data.value).toBe('服务器');
  });
});
