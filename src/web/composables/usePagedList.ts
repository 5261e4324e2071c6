import { computed, ref } from 'vue';
import type { Page, PageQuery } from '../api/types';
import { loader } from './useLoaded';

export const DEFAULT_PAGE_SIZE = 20;

/**
 * State of one server-paginated list. The view owns its filters and passes a fetcher that reads them;
 * this keeps paging, loading and stale-response handling in one place.
 */
export function usePagedList<T>(fetchPage: (paging: PageQuery) => Promise<Page<T>>) {
  const page = ref(1);
  const pageSize = ref(DEFAULT_PAGE_SIZE);
  // Only the newest request may write the list (loader), so quick filter changes cannot show stale rows.
  const list = loader(() => fetchPage({ page: page.value, pageSize: pageSize.value }), '列表加载失败');
  const items = computed<T[]>(() => list.data.value?.items ?? []);
  const total = computed(() => list.data.value?.total ?? 0);

  /** New filters: start again from the first page. */
  function search(): void {
    page.value = 1;
    void list.load();
  }

  return { items, total, page, pageSize, loading: list.loading, load: list.load, search };
}
