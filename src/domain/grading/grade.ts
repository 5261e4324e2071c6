/**
 * grade(): cut-offs, the 30 % cap by rank with ties at the boundary held for the bureau,
 * lost conditions, overrides with reasons, and what the grades lead to (Art 31–33).
 */
import { formatHundredths, parseRatio, toHundredths } from '../shared/decimal.js';
import type { DomainError, Result } from '../shared/result.js';
import { err, fail, ok } from '../shared/result.js';
import { PLATFORM_TYPE_LABELS } from '../rules/scheme-types.js';
import { consequences } from './consequences.js';
import type { GradeOrHeld, GradeOverride, GradedParticipant, GradingResult, GradingSettings, Participant, PoolSummary } from './types.js';
import { GRADE_LABELS } from './types.js';

export const DEFAULT_GRADING: GradingSettings = { excellentMin: '85', passMin: '60', excellentShare: '0.3', pool: 'all' };

interface Work { p: Participant; scoreH: number; computed: GradeOrHeld; reasons: string[]; rank: number; pool: string }

export function grade(participants: readonly Participant[], settings: GradingSettings = DEFAULT_GRADING, overrides: readonly GradeOverride[] = []): Result<GradingResult> {
  const errors: DomainError[] = [];
  const exH = toHundredths(settings.excellentMin);
  const passH = toHundredths(settings.passMin);
  const share = parseRatio(settings.excellentShare);
  if (exH === null || passH === null || exH <= passH || exH > 10000) errors.push(err('SETTINGS_INVALID', '优秀分数线须高于合格分数线，且均在 0 至 100 之间', 'settings'));
  if (share === null || share.num > share.den) errors.push(err('SETTINGS_INVALID', '优秀比例须大于 0 且不超过 1', 'settings.excellentShare'));
  const ids = new Set<string>();
  const work: Work[] = [];
  participants.forEach((p, i) => {
    if (p.id.trim() === '' || ids.has(p.id)) errors.push(err('PARTICIPANT_INVALID', `participants[${i}].id 须唯一且非空`, `participants[${i}].id`));
    ids.add(p.id);
    const s = toHundredths(p.score);
    if (s === null || s > 10000) errors.push(err('PARTICIPANT_INVALID', `participants[${i}].score（${p.id}）须为 0 至 100 之间的数，最多两位小数`, `participants[${i}].score`));
    work.push({ p, scoreH: s ?? 0, computed: 'fail', reasons: [], rank: 0, pool: settings.pool === 'all' ? '全部参评平台' : PLATFORM_TYPE_LABELS[p.type] });
  });
  const byId = new Map(work.map((w) => [w.p.id, w]));
  overrides.forEach((o, i) => {
    if (!byId.has(o.id)) errors.push(err('OVERRIDE_UNKNOWN', `overrides[${i}]：没有编号为“${o.id}”的参评平台`, `overrides[${i}].id`));
    if (o.reason.trim() === '') errors.push(err('OVERRIDE_REASON_REQUIRED', `overrides[${i}]：调整“${o.id}”的等次须记录理由`, `overrides[${i}].reason`));
  });
  if (errors.length > 0 || exH === null || passH === null || share === null) return fail(errors);

  const pools = new Map<string, Work[]>();
  for (const w of work) pools.set(w.pool, [...(pools.get(w.pool) ?? []), w]);
  const summaries: PoolSummary[] = [];
  const held: { id: string; reason: string }[] = [];
  for (const [pool, members] of pools) {
    const cap = Math.floor((members.length * share.num) / share.den);
    const sorted = [...members].sort((a, b) => b.scoreH - a.scoreH);
    sorted.forEach((w, i) => { w.rank = i > 0 && sorted[i - 1]?.scoreH === w.scoreH ? (sorted[i - 1]?.rank ?? i + 1) : i + 1; });
    for (const w of sorted) {
      if (w.p.lostConditions === true) {
        w.computed = 'fail';
        w.reasons.push('已丧失认定条件，认定为不合格（第三十一条）');
      } else if (w.scoreH >= exH) w.computed = 'excellent';
      else if (w.scoreH >= passH) {
        w.computed = 'pass';
        w.reasons.push(`得分 ${formatHundredths(w.scoreH)} 达到合格分数线 ${formatHundredths(passH)}`);
      } else {
        w.computed = 'fail';
        w.reasons.push(`得分 ${formatHundredths(w.scoreH)} 低于合格分数线 ${formatHundredths(passH)}`);
      }
    }
    const eligible = sorted.filter((w) => w.computed === 'excellent');
    let granted = 0;
    const heldHere: string[] = [];
    let slotsForHeld = 0;
    for (let i = 0; i < eligible.length;) {
      const s = eligible[i]?.scoreH;
      const group = eligible.filter((w) => w.scoreH === s);
      i += group.length;
      if (granted + group.length <= cap) {
        granted += group.length;
        for (const w of group) w.reasons.push(`得分 ${formatHundredths(w.scoreH)} 达到优秀分数线，排名第 ${w.rank}，在优秀名额 ${cap} 个以内（第三十一条）`);
      } else if (granted < cap) {
        slotsForHeld = cap - granted;
        for (const w of group) {
          w.computed = 'held';
          const reason = `与其他 ${group.length - 1} 个平台同分 ${formatHundredths(w.scoreH)}，剩余优秀名额 ${slotsForHeld} 个，全部评为优秀将超过 ${cap} 个的上限，待市人力社保局决定`;
          w.reasons.push(reason);
          held.push({ id: w.p.id, reason });
          heldHere.push(w.p.id);
        }
        granted = cap;
      } else {
        for (const w of group) {
          w.computed = 'pass';
          w.reasons.push(`得分 ${formatHundredths(w.scoreH)} 达到优秀分数线，但排名第 ${w.rank}，超出优秀名额 ${cap} 个（参评 ${members.length} 个的 30%，向下取整），评为合格`);
        }
      }
    }
    summaries.push({ pool, participants: members.length, cap, excellent: eligible.filter((w) => w.computed === 'excellent').length, held: heldHere, slotsForHeld });
  }

  const warnings: string[] = [];
  const overrideBy = new Map(overrides.map((o) => [o.id, o]));
  const graded: GradedParticipant[] = work.map((w) => {
    const o = overrideBy.get(w.p.id);
    const final: GradeOrHeld = o?.grade ?? w.computed;
    const reasons = [...w.reasons];
    if (o !== undefined) {
      reasons.push(`市人力社保局调整为${GRADE_LABELS[o.grade]}：${o.reason}`);
      if (w.p.lostConditions === true && o.grade !== 'fail') warnings.push(`${w.p.id} 已丧失认定条件，却被调整为${GRADE_LABELS[o.grade]}`);
    }
    const c = consequences(w.p, final);
    const base = {
      id: w.p.id, type: w.p.type, level: w.p.level, score: formatHundredths(w.scoreH), rank: w.rank, pool: w.pool,
      computed: w.computed, grade: final, gradeLabel: GRADE_LABELS[final], reasons, ...c,
    };
    const withName = w.p.name === undefined ? base : { ...base, name: w.p.name };
    return o === undefined ? withName : { ...withName, override: o };
  });
  for (const s of summaries) {
    const n = graded.filter((g) => g.pool === s.pool && g.grade === 'excellent').length;
    if (n > s.cap) warnings.push(`${s.pool}：调整后优秀 ${n} 个，超过 30% 上限 ${s.cap} 个，须由市人力社保局确认`);
  }
  return ok({
    participants: graded, pools: summaries, held, warnings,
    settings: { excellentMin: formatHundredths(exH), passMin: formatHundredths(passH), excellentShare: share.text, pool: settings.pool },
  });
}
