import { onBeforeUnmount, ref, shallowRef } from 'vue';
import { scorePreview } from '../../../api/evaluations';
import type { EntryDetail, ScoreSheet } from '../../../api/evaluation-types';
import { ApiError } from '../../../api/request';
import { findScheme } from '../../../../domain/rules/schemes/index';
import { cleanFacts } from './entryFacts';

const DEBOUNCE_MS = 600;

/**
 * Live score while typing: the unsaved facts go to POST /rules/score (debounced); the saved sheet stays the
 * entry's. The endpoint knows the built-in schemes only; for an edited copy the score refreshes on save.
 */
export function useLivePreview() {
  const sheet = shallowRef<ScoreSheet | null>(null);
  const problems = ref<string[]>([]);
  const pending = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ticket = 0;

  function supported(schemeId: string): boolean {
    return findScheme(schemeId) !== undefined;
  }

  function reset(): void {
    clearTimeout(timer);
    ticket++;
    sheet.value = null;
    problems.value = [];
    pending.value = false;
  }

  function schedule(entry: EntryDetail, schemeId: string, facts: Record<string, unknown>): void {
    if (!supported(schemeId)) return;
    clearTimeout(timer);
    pending.value = true;
    timer = setTimeout(() => void run(entry, schemeId, facts), DEBOUNCE_MS);
  }

  async function run(entry: EntryDetail, schemeId: string, facts: Record<string, unknown>): Promise<void> {
    const mine = ++ticket;
    try {
      const result = await scorePreview({ type: entry.type, level: entry.level, factor: entry.factor, scheme: schemeId, facts: cleanFacts(facts) });
      if (mine !== ticket) return;
      sheet.value = result;
      problems.value = [];
    } catch (error) {
      if (mine !== ticket) return;
      sheet.value = null;
      problems.value = error instanceof ApiError ? (error.details.length > 0 ? error.details.map((d) => d.message) : [error.message]) : ['实时计分失败'];
    } finally {
      if (mine === ticket) pending.value = false;
    }
  }

  onBeforeUnmount(() => clearTimeout(timer));
  return { sheet, problems, pending, supported, schedule, reset };
}
