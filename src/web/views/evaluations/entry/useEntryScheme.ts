import { shallowRef } from 'vue';
import { cq2025 } from '../../../../domain/rules/schemes/cq-2025';
import type { ScoreScheme } from '../../../api/evaluation-types';
import { getCampaignScheme } from '../../../api/evaluations';

/**
 * The scheme document an entry is scored with, for its row fields: the campaign's adopted scheme, which
 * every role may read (it may be an edited copy of the measures' tables). Until it arrives, cq-2025.
 */
export function useEntryScheme() {
  const scheme = shallowRef<ScoreScheme>(cq2025);

  async function load(evaluationId: string): Promise<void> {
    scheme.value = (await getCampaignScheme(evaluationId)).document;
  }

  return { scheme, load };
}
