import { onBeforeUnmount, ref, shallowRef } from 'vue';
import { previewEntry } from '../../../api/evaluations';
import type { EntryDetail, ScoreSheet } from '../../../api/evaluation-types';
import { ApiError } from '../../../api/request';
import { cleanFacts } from './entryFacts';

const DEBOUNCE_MS = 600;

/**
 * Live score while typing: the unsaved facts go to POST …/entries/:entryId/preview (debounced), which scores
 * them with the campaign's own scheme and the entry's factor and saves nothing; the saved sheet stays the entry's.
 */
export function useLivePreview() {
  const sheet = shallowRef<ScoreSheet | null>(null);
  const problems = ref<string[]>([]);
  const pending = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ticket = 0;

  function reset(): void {
    clearTimeout(timer);
    ticket++;
    sheet.value = null;
    problems.value = [];
    pending.value = false;
  }

  function schedule(evaluationId: string, entry: EntryDetail, facts: Record<string, unknown>): void {
    clearTimeout(timer);
    pending.value = true;
    timer = setTimeout(() => void run(evaluationId, entry, facts), DEBOUNCE_MS);
  }

  async function run(evaluationId: string, entry: EntryDetail, facts: Record<string, unknown>): Promise<void> {
    const mine = ++ticket;
    try {
      const result = await previewEntry(evaluationId, entry.id, cleanFacts(facts));
      if (mine !== ticket) return;
      sheet.value = result.sheet;
      problems.value = result.problems;
    } catch (error) {
      if (mine !== ticket) return;
      sheet.value = null;
      problems.value = error instanceof ApiError ? (error.details.length > 0 ? error.details.map((d) => d.message) : [error.message]) : ['实时计分失败'];
    } finally {
      if (mine === ticket) pending.value = false;
    }
  }

  onBeforeUnmount(() => clearTimeout(timer));
  return { sheet, problems, pending, schedule, reset };
}
