import { ref, shallowRef } from 'vue';
import type { Page, PageQuery } from '../api/types';
import { showError } from '../utils/notify';

export const DEFAULT_PAGE_SIZE = 20;

/**
 * State of one server-paginated list. The view owns its filters and passes a fetcher that reads them;
 * this keeps paging, loading and stale-response handling in one place.
 */
export function usePagedList<T>(fetchPage: (paging: PageQuery) => Promise<Page<T>>) {
  const items = shallowRef<T[]>([]);
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(DEFAULT_PAGE_SIZE);
  const loading = ref(false);
  // Only the newest request may write the list, so quick filter changes cannot show stale rows.
  let latest = 0;

  async function load(): Promise<void> {
    const ticket = ++latest;
    loading.value = true;
    try {
      const result = await fetchPage({ page: page.value, pageSize: pageSize.value });
      if (ticket !== latest) return;
      items.value = result.items;
      total.value = result.total;
    } catch (error) {
      if (ticket === latest) showError(error, '列表加载失败');
    } finally {
      if (ticket === latest) loading.value = false;
    }
  }

  /** New filters: start again from the first page. */
  function search(): void {
    page.value = 1;
    void load();
  }

  return { items, total, page, pageSize, loading, load, search };
}
