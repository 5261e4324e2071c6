import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { beforeUnloadListener, clearAllDrafts, clockTime, debouncer, draftStore, mayLeave, type DraftStorage } from './unsaved';
import { useDraftAutosave } from './useUnsavedGuard';

/** localStorage's contract over a Map. */
function memoryStorage(): DraftStorage & { readonly length: number; key(i: number): string | null; map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

describe('mayLeave', () => {
  it('leaves without asking when nothing is unsaved', async () => {
    const ask = vi.fn(() => Promise.resolve(false));
    expect(await mayLeave(false, ask)).toBe(true);
    expect(ask).not.toHaveBeenCalled();
  });

  it('asks when something is unsaved, and follows the answer', async () => {
    expect(await mayLeave(true, () => Promise.resolve(false))).toBe(false);
    expect(await mayLeave(true, () => Promise.resolve(true))).toBe(true);
  });
});

describe('beforeUnloadListener', () => {
  const event = () => ({ preventDefault: vi.fn() });

  it('asks the browser to prompt only while dirty', () => {
    let dirty = false;
    const listener = beforeUnloadListener(() => dirty);
    const clean = event();
    listener(clean as unknown as BeforeUnloadEvent);
    expect(clean.preventDefault).not.toHaveBeenCalled();
    dirty = true;
    const edited = event();
    listener(edited as unknown as BeforeUnloadEvent);
    expect(edited.preventDefault).toHaveBeenCalledOnce();
  });
});

describe('draftStore', () => {
  it('gives back a draft only over the same saved data, and drops a stale one', () => {
    const storage = memoryStorage();
    const store = draftStore<{ a: number }>(storage, 'entry.u1.e1');
    expect(store.write('base-1', { a: 1 }, new Date('2026-12-06T03:04:00Z'))).toBe(true);
    expect(store.read('base-1')?.value).toEqual({ a: 1 });
    expect(store.read('base-2')).toBeNull();
    expect(storage.map.size).toBe(0);
  });

  it('survives storage that refuses or holds junk', () => {
    const full: DraftStorage = { getItem: () => '{not json', setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => undefined };
    const store = draftStore(full, 'k');
    expect(store.write('b', 1, new Date())).toBe(false);
    expect(store.read('b')).toBeNull();
  });

  it('clearAllDrafts removes drafts and nothing else', () => {
    const storage = memoryStorage();
    storage.setItem('other', 'x');
    draftStore(storage, 'a').write('b', 1, new Date());
    draftStore(storage, 'c').write('b', 2, new Date());
    clearAllDrafts(storage);
    expect([...storage.map.keys()]).toEqual(['other']);
  });
});

describe('debouncer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once after the last poke; flush runs a pending run now', () => {
    const task = vi.fn();
    const d = debouncer(task, 2500);
    d.poke();
    vi.advanceTimersByTime(2000);
    d.poke();
    vi.advanceTimersByTime(2000);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(task).toHaveBeenCalledOnce();
    d.poke();
    d.flush();
    expect(task).toHaveBeenCalledTimes(2);
    d.flush();
    expect(task).toHaveBeenCalledTimes(2);
  });
});

describe('useDraftAutosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(storage = memoryStorage()) {
    const scope = effectScope();
    const value = ref({ score: 1 });
    const saved = ref('{"score":1}');
    const dirty = () => JSON.stringify(value.value) !== saved.value;
    const draft = scope.run(() => useDraftAutosave({
      key: () => 'assignment.u1.e1', base: () => saved.value, snapshot: () => value.value, dirty, delayMs: 2500, storage,
      now: () => new Date(2026, 11, 6, 9, 7),
    }));
    if (!draft) throw new Error('no scope');
    return { scope, value, saved, draft, storage };
  }

  it('writes the draft 2.5 s after the last edit and shows the time', async () => {
    const { value, draft, storage } = setup();
    value.value = { score: 5 };
    await nextTick();
    vi.advanceTimersByTime(2400);
    expect(storage.map.size).toBe(0);
    expect(draft.savedAt.value).toBeNull();
    vi.advanceTimersByTime(100);
    expect(draft.savedAt.value).toBe('09:07');
    expect(JSON.parse(storage.map.get('hrsp.draft.assignment.u1.e1') ?? 'null')).toMatchObject({ base: '{"score":1}', value: { score: 5 } });
  });

  it('restores the draft on the next visit over the same saved data', async () => {
    const first = setup();
    first.value.value = { score: 7 };
    await nextTick();
    vi.advanceTimersByTime(2500);
    first.scope.stop();
    const second = setup(first.storage);
    expect(second.draft.restore()?.value).toEqual({ score: 7 });
    expect(second.draft.savedAt.value).toBe('09:07');
  });

  it('drops the draft once the edits are saved', async () => {
    const { value, saved, draft, storage } = setup();
    value.value = { score: 3 };
    await nextTick();
    vi.advanceTimersByTime(2500);
    expect(storage.map.size).toBe(1);
    saved.value = JSON.stringify(value.value);
    await nextTick();
    expect(storage.map.size).toBe(0);
    expect(draft.savedAt.value).toBeNull();
  });

  it('writes nothing while the form is clean', async () => {
    const { value, storage } = setup();
    value.value = { score: 1 };
    await nextTick();
    vi.advanceTimersByTime(5000);
    expect(storage.map.size).toBe(0);
  });
});

describe('clockTime', () => {
  it('is hh:mm', () => {
    expect(clockTime(new Date(2026, 0, 1, 8, 5))).toBe('08:05');
  });
});
