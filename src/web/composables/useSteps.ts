import { ElMessage } from 'element-plus';
import { ref } from 'vue';
import { ApiError } from '../api/request';
import { showError } from '../utils/notify';

/** The server's refusal of a step (400 or 409) as the lines to list, in its words; null for any other failure. */
export function refusalLines(error: unknown): string[] | null {
  if (!(error instanceof ApiError) || (error.status !== 400 && error.status !== 409)) return null;
  return error.details.length > 0 ? error.details.map((d) => d.message) : [error.message];
}

/**
 * The actions of a card: which one runs (`busy`, for its button's spinner) and the server's refusals
 * of the last one (`problems`, listed above the forms); anything else is shown as a message.
 */
export function useSteps() {
  const busy = ref<string | null>(null);
  const problems = ref<string[]>([]);

  /** Runs a step; on success says `done` and returns the answer, else null. */
  async function step<T>(name: string, call: () => Promise<T>, done: string): Promise<T | null> {
    busy.value = name;
    problems.value = [];
    try {
      const result = await call();
      ElMessage.success(done);
      return result;
    } catch (error) {
      const lines = refusalLines(error);
      if (lines) problems.value = lines;
      else showError(error, '操作失败');
      return null;
    } finally {
      busy.value = null;
    }
  }

  return { busy, problems, step };
}
