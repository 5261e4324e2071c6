/**
 * Validates the bureau's recorded decisions on one application (Art 16 district thresholds,
 * Art 17 lowered thresholds and deadlines, accepted soft shortfalls) and answers, per
 * condition, which threshold applies and what was decided.
 */
import { toScaled } from '../shared/decimal.js';
import type { DomainError } from '../shared/result.js';
import { err } from '../shared/result.js';
import { parseIsoDate } from '../dates/iso-date.js';
import type { District } from '../reference/districts.js';
import type { PlatformLevel, PlatformType } from '../rules/scheme-types.js';
import type { Comparison, ConditionDef } from './policy-types.js';
import { COMPARE_SCALE, lowerThreshold, OP_SYMBOL, RATIO_SCALE, showPercent, showScaled, type AppliedThreshold } from './thresholds.js';
import type { AcceptedShortfall, ConditionAdjustments, ConditionDeadline, ConditionPolicy } from './types.js';

interface KeyInfo { readonly conditionId: string; readonly op: Comparison; readonly scale: number; readonly unit: string; readonly label: string; readonly base: number }

function keyInfos(conditions: readonly ConditionDef[]): Map<string, KeyInfo> {
  const out = new Map<string, KeyInfo>();
  for (const c of conditions) {
    const t = c.test;
    if (t.kind === 'compare') out.set(c.id, { conditionId: c.id, op: t.op, scale: COMPARE_SCALE, unit: t.unitLabel, label: c.label, base: toScaled(t.threshold, COMPARE_SCALE) ?? 0 });
    else if (t.kind === 'ratio') out.set(c.id, { conditionId: c.id, op: t.op, scale: RATIO_SCALE, unit: '%', label: c.label, base: toScaled(t.threshold, RATIO_SCALE) ?? 0 });
    else for (const o of t.options) out.set(`${c.id}.${o.key}`, { conditionId: c.id, op: o.op, scale: COMPARE_SCALE, unit: o.unitLabel, label: `${c.label}（${o.label}）`, base: toScaled(o.threshold, COMPARE_SCALE) ?? 0 });
  }
  return out;
}

const show = (k: KeyInfo, scaled: number): string =>
  `${OP_SYMBOL[k.op]} ${k.scale === RATIO_SCALE ? showPercent(scaled) : showScaled(scaled, k.scale, k.unit)}`;

const nonEmpty = (s: string | undefined): boolean => s !== undefined && s.trim() !== '';

export function checkAdjustments(
  type: PlatformType, level: PlatformLevel, conditions: readonly ConditionDef[], policy: ConditionPolicy,
  adjustments: ConditionAdjustments, district: District | undefined, art17: boolean, errors: DomainError[],
) {
  const keys = keyInfos(conditions);
  const ids = new Set(conditions.map((c) => c.id));
  const soft = new Set(conditions.filter((c) => c.strength === 'soft').map((c) => c.id));
  if (level === 'district') {
    ids.add('districtQuota');
    soft.add('districtQuota');
  }
  const overrides = new Map<string, AppliedThreshold>();
  const notes = new Map<string, string[]>();
  const note = (id: string, text: string): void => { notes.set(id, [...(notes.get(id) ?? []), text]); };

  if (adjustments.asOf !== undefined && parseIsoDate(adjustments.asOf) === null) {
    errors.push(err('DATE_INVALID', 'adjustments.asOf（核查日期）须为有效日期（YYYY-MM-DD）', 'adjustments.asOf'));
  }

  if (level === 'district') {
    const dp = policy.district;
    if (dp === undefined) {
      errors.push(err('DISTRICT_POLICY_REQUIRED', '区县级平台须按所在区县自定的认定标准核验（第十六条），请提供 districtPolicy', 'districtPolicy'));
    } else {
      if (district !== undefined && dp.district !== district.code) {
        errors.push(err('DISTRICT_POLICY_MISMATCH', `districtPolicy.district（${dp.district}）与平台所在区县（${district.code}）不一致`, 'districtPolicy.district'));
      }
      for (const [key, value] of Object.entries(dp.thresholds?.[type] ?? {})) {
        const k = keys.get(key);
        const path = `districtPolicy.thresholds.${type}.${key}`;
        if (k === undefined) {
          errors.push(err('CONDITION_UNKNOWN', `${path}：没有名为“${key}”的认定条件`, path));
          continue;
        }
        const v = lowerThreshold(value, k.base, k.op, k.scale, path, k.label, errors);
        if (v === null) continue;
        overrides.set(key, { scaled: v, source: 'district' });
        note(k.conditionId, `区县认定标准（第十六条）：${show(k, v)}，市级标准 ${show(k, k.base)}`);
      }
    }
  }

  const lowered = adjustments.lowered ?? [];
  const deadlines = adjustments.deadlines ?? [];
  if (lowered.length + deadlines.length > 0) {
    if (level !== 'municipal') errors.push(err('ART17_MUNICIPAL_ONLY', '第十七条降低标准或设置达成时限只适用于申报市级平台', 'adjustments'));
    else if (district === undefined) errors.push(err('DISTRICT_REQUIRED', '适用第十七条须填写平台所在区县 facts.district', 'facts.district'));
    else if (!art17) errors.push(err('ART17_NOT_ALLOWED', `${district.name}属于${district.region}，第十七条只适用于渝东北、渝东南地区`, 'adjustments'));
  }
  lowered.forEach((l, i) => {
    const path = `adjustments.lowered[${i}]`;
    const k = keys.get(l.condition);
    if (k === undefined) {
      errors.push(err('CONDITION_UNKNOWN', `${path}.condition：没有名为“${l.condition}”的量化认定条件`, `${path}.condition`));
      return;
    }
    if (!nonEmpty(l.decidedBy) || parseIsoDate(l.decidedOn) === null) {
      errors.push(err('DECISION_INCOMPLETE', `${path}：降低标准须记录决定人（decidedBy）和决定日期（decidedOn）`, path));
    }
    const v = lowerThreshold(l.threshold, overrides.get(l.condition)?.scaled ?? k.base, k.op, k.scale, `${path}.threshold`, k.label, errors);
    if (v === null) return;
    overrides.set(l.condition, { scaled: v, source: 'art17' });
    note(k.conditionId, `第十七条降低标准：${show(k, v)}（原 ${show(k, k.base)}），${l.decidedBy} ${l.decidedOn} 决定${nonEmpty(l.reason) ? `，理由：${l.reason ?? ''}` : ''}`);
  });

  const deadlineBy = new Map<string, ConditionDeadline>();
  deadlines.forEach((d, i) => {
    const path = `adjustments.deadlines[${i}]`;
    if (!ids.has(d.condition) || d.condition === 'districtQuota') errors.push(err('CONDITION_UNKNOWN', `${path}.condition：没有名为“${d.condition}”的量化认定条件`, `${path}.condition`));
    if (parseIsoDate(d.dueDate) === null) errors.push(err('DATE_INVALID', `${path}.dueDate（达成时限）须为有效日期`, `${path}.dueDate`));
    if (!nonEmpty(d.decidedBy) || parseIsoDate(d.decidedOn) === null) errors.push(err('DECISION_INCOMPLETE', `${path}：设置达成时限须记录决定人和决定日期`, path));
    deadlineBy.set(d.condition, d);
  });

  const acceptedBy = new Map<string, AcceptedShortfall>();
  (adjustments.acceptedShortfalls ?? []).forEach((a, i) => {
    const path = `adjustments.acceptedShortfalls[${i}]`;
    if (!ids.has(a.condition)) errors.push(err('CONDITION_UNKNOWN', `${path}.condition：没有名为“${a.condition}”的认定条件`, `${path}.condition`));
    else if (!soft.has(a.condition)) errors.push(err('HARD_CONDITION_NOT_ACCEPTABLE', `${path}：“${a.condition}”是硬性条件，未满足时不能接受`, `${path}.condition`));
    if (!nonEmpty(a.reason)) errors.push(err('REASON_REQUIRED', `${path}.reason：接受未满足的原则性条件须记录理由`, `${path}.reason`));
    acceptedBy.set(a.condition, a);
  });

  const allChecklist = new Set([...policy.recognition.common, ...policy.recognition.types[type].checklist].map((c) => c.id));
  (adjustments.confirmed ?? []).forEach((id, i) => {
    if (!allChecklist.has(id)) errors.push(err('CHECKLIST_UNKNOWN', `adjustments.confirmed[${i}]：没有名为“${id}”的核验事项`, `adjustments.confirmed[${i}]`));
  });

  return {
    threshold: (key: string, base: number): AppliedThreshold => overrides.get(key) ?? { scaled: base, source: 'policy' },
    deadline: (id: string): ConditionDeadline | undefined => deadlineBy.get(id),
    accepted: (id: string): AcceptedShortfall | undefined => acceptedBy.get(id),
    notesFor: (id: string): readonly string[] => notes.get(id) ?? [],
  };
}
