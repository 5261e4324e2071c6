import { computed, shallowRef } from 'vue';
import { listDistricts } from '../api/public';
import type { District } from '../api/types';
import { showError } from '../utils/notify';

// Districts are public reference data: loaded once per page load and shared by every select.
const districts = shallowRef<District[]>([]);
let pending: Promise<void> | null = null;

async function loadDistricts(): Promise<void> {
  try {
    districts.value = await listDistricts();
  } catch (error) {
    pending = null; // allow a retry on the next use
    showError(error, '区县列表加载失败');
  }
}

export function useDistricts() {
  pending ??= loadDistricts();

  /** Districts grouped by region (主城都市区, 渝东北…) in the server's order. */
  const groups = computed(() => {
    const byRegion = new Map<string, District[]>();
    for (const district of districts.value) {
      const list = byRegion.get(district.region) ?? [];
      list.push(district);
      byRegion.set(district.region, list);
    }
    return [...byRegion].map(([region, items]) => ({ region, items }));
  });

  function districtName(code: string | null | undefined): string {
    if (!code) return '';
    return districts.value.find((d) => d.code === code)?.name ?? code;
  }

  return { districts, groups, districtName };
}
