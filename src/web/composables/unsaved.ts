/**
 * The framework-free half of the unsaved-edit guard and of draft autosave (unit-tested in node); the Vue wiring is
 * useUnsavedGuard.ts.
 */

export const LEAVE_MESSAGE = '有未保存的修改，确定离开吗？';

/** Whether a route change may go ahead: always when nothing is unsaved, otherwise only if the user confirms. */
export async function mayLeave(dirty: boolean, ask: () => Promise<boolean>): Promise<boolean> {
  return dirty ? ask() : true;
}

/** A `beforeunload` listener: the browser's own "leave site?" prompt, only while something is unsaved. */
export function beforeUnloadListener(isDirty: () => boolean): (event: BeforeUnloadEvent) => void {
  return (event) => {
    if (!isDirty()) return;
    // preventDefault alone raises the prompt in current browsers (Chromium 119+, Firefox, Safari); returnValue is deprecated.
    event.preventDefault();
  };
}

/** The part of `Storage` a draft store needs (localStorage in the browser, a Map in tests). */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface StoredDraft<T> {
  /** What the server held when the draft was taken; a draft over other saved data is stale and dropped. */
  base: string;
  savedAt: string;
  value: T;
}

export const DRAFT_PREFIX = 'hrsp.draft.';

/** One form's draft in the browser's storage. Storage that is full or disabled only loses the draft, never the form. */
export function draftStore<T>(storage: DraftStorage, key: string) {
  const full = DRAFT_PREFIX + key;
  return {
    write(base: string, value: T, savedAt: Date): boolean {
      try {
        storage.setItem(full, JSON.stringify({ base, savedAt: savedAt.toISOString(), value } satisfies StoredDraft<T>));
        return true;
      } catch {
        return false;
      }
    },
    /** The draft taken over `base`, or null (none, unreadable, or taken over data since changed; those are removed). */
    read(base: string): StoredDraft<T> | null {
      let raw: string | null;
      try {
        raw = storage.getItem(full);
      } catch {
        return null;
      }
      if (raw === null) return null;
      const parsed = parseDraft<T>(raw);
      if (parsed?.base === base) return parsed;
      this.clear();
      return null;
    },
    clear(): void {
      try {
        storage.removeItem(full);
      } catch {
        // nothing stored, nothing to clear
      }
    },
  };
}

function parseDraft<T>(raw: string): StoredDraft<T> | null {
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v !== 'object' || v === null || !('base' in v) || !('savedAt' in v) || !('value' in v)) return null;
    const { base, savedAt, value } = v;
    if (typeof base !== 'string' || typeof savedAt !== 'string') return null;
    // The value was written by the same form from the same type; JSON keeps its shape.
    return { base, savedAt, value: value as T };
  } catch {
    return null;
  }
}

/** Removes every stored draft (on logout, so the next user of the browser does not find them). */
export function clearAllDrafts(storage: DraftStorage & { readonly length: number; key(index: number): string | null }): void {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k?.startsWith(DRAFT_PREFIX)) keys.push(k);
  }
  keys.forEach((k) => storage.removeItem(k));
}

/** Runs `task` once `delayMs` after the last `poke`; `flush` runs a pending one now, `cancel` drops it. */
export function debouncer(task: () => void, delayMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    poke(): void {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        task();
      }, delayMs);
    },
    flush(): void {
      if (timer === undefined) return;
      clearTimeout(timer);
      timer = undefined;
      task();
    },
    cancel(): void {
      clearTimeout(timer);
      timer = undefined;
    },
    get pending(): boolean {
      return timer !== undefined;
    },
  };
}

/** hh:mm in the browser's time, for 「已自动保存 hh:mm」. */
export function clockTime(d: Date): string {
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
