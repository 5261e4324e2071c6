import { ElMessage } from 'element-plus';
import { ref } from 'vue';
import { ApiError } from '../../api/request';
import { showError } from '../../utils/notify';

/**
 * Server field errors keyed by their full path (`corrections.0.reason`, `judgedScores.satisfaction`,
 * `siteVisit.date`), for forms whose fields are lists. Fields the form does not know are shown as a message.
 */
export function usePathErrors(known: (field: string) => boolean) {
  const errors = ref<Record<string, string>>({});

  function apply(error: unknown): void {
    errors.value = {};
    if (!(error instanceof ApiError)) {
      showError(error);
      return;
    }
    const next: Record<string, string> = {};
    const unmatched: string[] = [];
    for (const d of error.details) {
      if (known(d.field)) next[d.field] = next[d.field] ? `${next[d.field]}；${d.message}` : d.message;
      else unmatched.push(d.message);
    }
    errors.value = next;
    if (error.handled) return;
    ElMessage.error([error.message, ...unmatched].join('；'));
  }

  return { errors, apply, clear: () => (errors.value = {}) };
}
