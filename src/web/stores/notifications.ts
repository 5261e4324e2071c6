import { defineStore } from 'pinia';
import { ref } from 'vue';
import { unreadCount } from '../api/notifications';

/** The unread count shown on the header bell; the header polls it, the message centre refreshes it after changes. */
export const useNotificationStore = defineStore('notifications', () => {
  const unread = ref(0);

  async function refresh(): Promise<void> {
    try {
      unread.value = (await unreadCount()).unread;
    } catch {
      // A failed poll keeps the last count; the next poll tries again.
    }
  }

  function set(count: number): void {
    unread.value = count;
  }

  return { unread, refresh, set };
});
