/**
 * A year-data fact as text, for a reader who may not edit it: pale disabled inputs read as empty
 * placeholders (#11 item 6). Exhaustive over the spec kinds, so a new kind gets its text.
 */
import { LEADER_LEVEL_LABELS, SAFETY_LABELS, VALUE_ORIENTATION_LABELS } from '../../../../constants/labels';
import type { YearDataDraft } from './draft';
import type { FactSpec } from './specs';

export const NOT_FILLED = '未填报';

const numberText = (v: number | undefined, unit: string): string => (v === undefined ? NOT_FILLED : `${v.toLocaleString('zh-CN')} ${unit}`);

export function factText(spec: FactSpec, draft: YearDataDraft): string {
  switch (spec.kind) {
    case 'count': return numberText(draft.numbers[spec.key], spec.unit);
    case 'yuan': return numberText(draft.numbers[spec.key], '元');
    case 'categories': {
      const counts = draft.categories[spec.key] ?? {};
      const parts = spec.categories.filter((c) => counts[c.key] !== undefined).map((c) => `${c.label} ${numberText(counts[c.key], spec.unit)}`);
      return parts.length === 0 ? NOT_FILLED : parts.join('，');
    }
    case 'attendanceEvents':
    case 'leaderEvents':
      return draft.events.length === 0 ? NOT_FILLED : draft.events.map((e) => [
        e.name || '（未命名活动）',
        e.attendance === undefined ? '' : `${e.attendance} 人`,
        spec.kind === 'leaderEvents' && e.leaderLevel && e.leaderLevel !== 'none' ? LEADER_LEVEL_LABELS[e.leaderLevel] : '',
      ].filter(Boolean).join(' ')).join('；');
    case 'safety': return draft.safety ? SAFETY_LABELS[draft.safety] : NOT_FILLED;
    case 'valueOrientation': return draft.valueOrientation ? VALUE_ORIENTATION_LABELS[draft.valueOrientation] : NOT_FILLED;
    case 'functions': return draft.serviceFunctions.length === 0 ? NOT_FILLED : draft.serviceFunctions.join('、');
  }
}
