import { onMounted, ref, shallowRef, watch, type Ref, type WatchSource } from 'vue';
import { showError } from '../utils/notify';

/** One thing a view reads from the server, with its loading state. */
export interface Loaded<T> {
  /** The last answer, null until the first; an action answering the same shape may set it. */
  data: Ref<T | null>;
  loading: Ref<boolean>;
  /** Asks again; a failure is shown in Chinese (the server's message, else `failure`) and keeps the last answer. */
  load: () => Promise<void>;
}

/**
 * The state without the component's lifecycle (useLoaded wires it), so that it can be tested alone.
 * Only the newest request may write: a quick second load (the record changed again) never shows the
 * older answer, and an older failure is not reported over a newer load.
 */
export function loader<T>(fetch: () => Promise<T>, failure: string, report: (error: unknown, fallback: string) => void = showError): Loaded<T> {
  const data = shallowRef<T | null>(null);
  const loading = ref(false);
  let latest = 0;

  async function load(): Promise<void> {
    const ticket = ++latest;
    loading.value = true;
    try {
      const value = await fetch();
      if (ticket === latest) data.value = value;
    } catch (error) {
      if (ticket === latest) report(error, failure);
    } finally {
      if (ticket === latest) loading.value = false;
    }
  }

  return { data, loading, load };
}

/**
 * Loads on mount and again whenever `reloadOn` changes: a card of a record watches the record's
 * `updatedAt`, so that an action anywhere on the page (the parent reloads the record) reloads the card.
 * `failure` is the Chinese message shown when the answer is not the server's own refusal.
 */
export function useLoaded<T>(fetch: () => Promise<T>, failure: string, options: { reloadOn?: WatchSource } = {}): Loaded<T> {
  const loaded = loader(fetch, failure);
  onMounted(() => void loaded.load());
  if (options.reloadOn !== undefined) watch(options.reloadOn, () => void loaded.load());
  return loaded;
}
