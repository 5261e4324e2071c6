import type { CheckOutcome, ConditionStatus } from '../../../../domain/conditions/types';
import type { Strength } from '../../../../domain/conditions/policy-types';
import { CONDITION_OUTCOME_LABELS, CONDITION_STATUS_LABELS as STATUS_TEXT, STRENGTH_LABELS as STRENGTH_TEXT } from '../../../../domain/labels';

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

// Wording from the one label table (src/domain/labels); the tag colours are this screen's.
const OUTCOME_TAGS: Record<CheckOutcome, TagType> = { met: 'success', met_with_deadlines: 'warning', needs_confirmation: 'primary', not_met: 'danger' };
const STATUS_TAGS: Record<ConditionStatus, TagType> = { pass: 'success', fail: 'danger', missing: 'info', accepted: 'warning', deferred: 'warning', overdue: 'danger' };

interface Shown { text: string; tag: TagType }

export const OUTCOME_LABELS: Record<CheckOutcome, Shown> = {
  met: { text: CONDITION_OUTCOME_LABELS.met, tag: OUTCOME_TAGS.met },
  met_with_deadlines: { text: CONDITION_OUTCOME_LABELS.met_with_deadlines, tag: OUTCOME_TAGS.met_with_deadlines },
  needs_confirmation: { text: CONDITION_OUTCOME_LABELS.needs_confirmation, tag: OUTCOME_TAGS.needs_confirmation },
  not_met: { text: CONDITION_OUTCOME_LABELS.not_met, tag: OUTCOME_TAGS.not_met },
};
export const CONDITION_STATUS_LABELS: Record<ConditionStatus, Shown> = {
  pass: { text: STATUS_TEXT.pass, tag: STATUS_TAGS.pass },
  fail: { text: STATUS_TEXT.fail, tag: STATUS_TAGS.fail },
  missing: { text: STATUS_TEXT.missing, tag: STATUS_TAGS.missing },
  accepted: { text: STATUS_TEXT.accepted, tag: STATUS_TAGS.accepted },
  deferred: { text: STATUS_TEXT.deferred, tag: STATUS_TAGS.deferred },
  overdue: { text: STATUS_TEXT.overdue, tag: STATUS_TAGS.overdue },
};
export const STRENGTH_LABELS: Record<Strength, string> = STRENGTH_TEXT;
