import { getCurrentInstance, onBeforeUnmount, onMounted, ref, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { onBeforeRouteLeave, onBeforeRouteUpdate } from 'vue-router';
import { confirmAction } from '../utils/notify';
import { beforeUnloadListener, clockTime, debouncer, draftStore, LEAVE_MESSAGE, mayLeave, type DraftStorage, type StoredDraft } from './unsaved';

/**
 * Guards an editing form: leaving it by the menu, a notification, a link or the back button asks
 * 「有未保存的修改，确定离开吗？」 while `dirty`; reloading or closing the tab gets the browser's own prompt.
 * Call it in the form's setup. A route update (same view, other record) is guarded too.
 */
export function useUnsavedGuard(dirty: MaybeRefOrGetter<boolean>): void {
  const isDirty = () => toValue(dirty);
  const ask = () => mayLeave(isDirty(), () => confirmAction(LEAVE_MESSAGE, '离开页面', '离开'));
  onBeforeRouteLeave(ask);
  onBeforeRouteUpdate(ask);
  const listener = beforeUnloadListener(isDirty);
  onMounted(() => window.addEventListener('beforeunload', listener));
  onBeforeUnmount(() => window.removeEventListener('beforeunload', listener));
}

export interface DraftAutosaveOptions<T> {
  /** The draft's storage key (user and record), or null while there is nothing to key it by. */
  key: () => string | null;
  /** A fingerprint of what the server holds now; a draft taken over other data is dropped, not restored. */
  base: () => string;
  /** The form's unsaved values, as plain data. */
  snapshot: () => T;
  dirty: () => boolean;
  delayMs?: number;
  storage?: DraftStorage;
  now?: () => Date;
}

export const AUTOSAVE_DELAY_MS = 2500;

/**
 * Keeps a long form's unsaved edits in the browser's localStorage, `delayMs` after the last edit (and at once when
 * the page unloads), so a reload, a closed tab or a confirmed leave does not lose them; `restore` brings them back
 * over the same saved data. Not the server: its save is an audited change refused whole on any invalid field, which
 * a half-typed value would trip every few seconds. Saving (dirty turning false) drops the draft.
 */
export function useDraftAutosave<T>(options: DraftAutosaveOptions<T>) {
  const storage = options.storage ?? window.localStorage;
  const now = options.now ?? (() => new Date());
  const savedAt = ref<string | null>(null);
  const storeOf = () => {
    const key = options.key();
    return key === null ? null : draftStore<T>(storage, key);
  };

  function write(): void {
    const store = storeOf();
    if (!store || !options.dirty()) return;
    const at = now();
    if (store.write(options.base(), options.snapshot(), at)) savedAt.value = clockTime(at);
  }

  const timer = debouncer(write, options.delayMs ?? AUTOSAVE_DELAY_MS);
  watch(options.snapshot, () => {
    if (options.dirty()) timer.poke();
  }, { deep: true });
  watch(options.dirty, (dirty) => {
    if (dirty) return;
    timer.cancel();
    storeOf()?.clear();
    savedAt.value = null;
  });

  /** The stored draft over the current saved data, if any; its time is shown as the last autosave. */
  function restore(): StoredDraft<T> | null {
    const draft = storeOf()?.read(options.base()) ?? null;
    if (draft) savedAt.value = clockTime(new Date(draft.savedAt));
    return draft;
  }

  /** Drops the draft (the user discarded the edits). */
  function discard(): void {
    timer.cancel();
    storeOf()?.clear();
    savedAt.value = null;
  }

  const flush = () => timer.flush();
  // Outside a component (unit tests) there is no page to unload.
  if (getCurrentInstance()) {
    onMounted(() => window.addEventListener('pagehide', flush));
    onBeforeUnmount(() => {
      window.removeEventListener('pagehide', flush);
      flush();
    });
  }
  return { savedAt, restore, discard, flush };
}
