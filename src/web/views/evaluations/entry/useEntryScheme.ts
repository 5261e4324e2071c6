import { shallowRef } from 'vue';
import { findScheme } from '../../../../domain/rules/schemes/index';
import { cq2025 } from '../../../../domain/rules/schemes/cq-2025';
import type { ScoreScheme } from '../../../api/evaluation-types';
import type { Role } from '../../../api/types';
import { getScheme } from '../../../api/schemes';

/**
 * The scheme document an entry is scored with, for its row fields. The bureau reads it from the server
 * (it may be an edited copy); other roles may not, so they use the built-in version of the same id, else
 * cq-2025 (copies keep the rows and facts; only caps and points change, and those come from the sheet).
 */
export function useEntryScheme() {
  const scheme = shallowRef<ScoreScheme>(cq2025);

  async function load(schemeId: string, role: Role | null): Promise<void> {
    const builtIn = findScheme(schemeId);
    if (builtIn) {
      scheme.value = builtIn;
      return;
    }
    if (role === 'admin' || role === 'bureau') {
      try {
        scheme.value = (await getScheme(schemeId)).document;
        return;
      } catch {
        // fall back to the built-in rows below
      }
    }
    scheme.value = cq2025;
  }

  return { scheme, load };
}
