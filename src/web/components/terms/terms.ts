import type { RecognitionTerms } from '../../api/types';
import { todayIso } from '../../utils/format';

/**
 * Art 17 terms as both the platform's recognition terms and an application's terms carry them
 * (one zod schema on the server): lowered thresholds, deadlines, soft shortfalls accepted.
 */
export type Terms = RecognitionTerms;
export type TermsDraft = Required<Terms>;
/** A condition of the platform type's recognition policy, named with its article. */
export interface ConditionOption { id: string; label: string }

/** An editable copy (a plain one: structuredClone refuses reactive proxies). */
export function draftOf(terms: Terms): TermsDraft {
  const t = JSON.parse(JSON.stringify(terms)) as Terms;
  return { lowered: t.lowered ?? [], deadlines: t.deadlines ?? [], acceptedShortfalls: t.acceptedShortfalls ?? [] };
}

/** The body to save: empty lists left out. */
export function bodyOf(draft: TermsDraft): Terms {
  const body: Terms = {};
  if (draft.lowered.length > 0) body.lowered = draft.lowered;
  if (draft.deadlines.length > 0) body.deadlines = draft.deadlines;
  if (draft.acceptedShortfalls.length > 0) body.acceptedShortfalls = draft.acceptedShortfalls;
  return body;
}

export const isEmpty = (t: Terms): boolean => (t.lowered?.length ?? 0) + (t.deadlines?.length ?? 0) + (t.acceptedShortfalls?.length ?? 0) === 0;

/** Who decides a new term by default: the bureau, today. */
export const decidedNow = () => ({ decidedBy: '市人力社保局', decidedOn: todayIso() });
