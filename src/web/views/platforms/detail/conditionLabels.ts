import type { CheckOutcome, ConditionStatus } from '../../../../domain/conditions/types';
import type { Strength } from '../../../../domain/conditions/policy-types';

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

export const OUTCOME_LABELS: Record<CheckOutcome, { text: string; tag: TagType }> = {
  met: { text: '符合认定条件', tag: 'success' },
  met_with_deadlines: { text: '符合（部分条件限期达到）', tag: 'warning' },
  needs_confirmation: { text: '数据达标，定性条件待核实', tag: 'primary' },
  not_met: { text: '不符合认定条件', tag: 'danger' },
};

export const CONDITION_STATUS_LABELS: Record<ConditionStatus, { text: string; tag: TagType }> = {
  pass: { text: '通过', tag: 'success' },
  fail: { text: '未通过', tag: 'danger' },
  missing: { text: '未填报', tag: 'info' },
  accepted: { text: '已认可', tag: 'warning' },
  deferred: { text: '限期达到', tag: 'warning' },
  overdue: { text: '逾期未达到', tag: 'danger' },
};

export const STRENGTH_LABELS: Record<Strength, string> = { hard: '硬性', soft: '原则上' };
