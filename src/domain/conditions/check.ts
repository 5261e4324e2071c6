/**
 * checkConditions: every recognition condition of Art 10–13 with the value found, the
 * threshold, pass/fail, hard or soft, and its article; Art 16 district thresholds and
 * Art 17 lowered thresholds or deadlines applied and shown.
 */
import { compareProducts, mulDivRound, pow10, toScaled } from '../shared/decimal.js';
import type { DomainError, Result } from '../shared/result.js';
import { err, fail, ok } from '../shared/result.js';
import { deadlineStatus } from '../dates/periods.js';
import { findDistrict, isArt17District } from '../reference/districts.js';
import { FactReader, QUANTITY_SCALE } from '../rules/read-facts.js';
import type { PlatformLevel, PlatformType } from '../rules/scheme-types.js';
import { conditionResidentsText } from '../rules/settings-shown.js';
import { checkAdjustments } from './adjustments.js';
import type { Comparison, ConditionDef, Measure } from './policy-types.js';
import { COMPARE_SCALE, OP_SYMBOL, RATIO_SCALE, showPercent, showScaled, type AppliedThreshold } from './thresholds.js';
import type {
  CheckOutcome, CheckResult, ChecklistResult, ConditionAdjustments, ConditionFacts, ConditionPolicy, ConditionResult, ConditionStatus,
} from './types.js';

const holds = (cmp: number, op: Comparison): boolean => (op === '>=' ? cmp >= 0 : op === '<=' ? cmp <= 0 : cmp > 0);

interface Measured { readonly passed: boolean | null; readonly value: string | null; readonly threshold: string; readonly policyThreshold: string; readonly source: AppliedThreshold['source'] }

/** The figures the setting names: every resident (default), or offline residents when so set and known. */
function countedFacts(facts: ConditionFacts, policy: ConditionPolicy): ConditionFacts {
  const { offlineResidents, ...all } = facts;
  return policy.settings.conditionResidents === 'offline' && offlineResidents !== undefined ? { ...all, ...offlineResidents } : all;
}

export function checkConditions(
  type: PlatformType, level: PlatformLevel, input: ConditionFacts, policy: ConditionPolicy, adjustments: ConditionAdjustments = {},
): Result<CheckResult> {
  const facts = countedFacts(input, policy);
  if (level === 'national') {
    return fail([err('LEVEL_NOT_SUPPORTED', '国家级平台的申报设立按人力资源社会保障部有关规定执行（第六条），本系统不核验其认定条件', 'level')]);
  }
  const errors: DomainError[] = [];
  const districtCode = facts.district;
  const district = districtCode === undefined ? undefined : findDistrict(districtCode);
  if (districtCode !== undefined && district === undefined) errors.push(err('DISTRICT_UNKNOWN', `facts.district（所在区县）“${districtCode}”不是重庆市区县代码`, 'facts.district'));
  const art17 = district !== undefined && isArt17District(district, policy.recognition.art17Regions);
  const def = policy.recognition.types[type];
  const adj = checkAdjustments(type, level, def.conditions, policy, adjustments, district, art17, errors);

  const reader = new FactReader();
  const num = (fact: string, kind: Measure['quantity']): number | undefined => {
    const v = reader.quantity(Reflect.get(facts, fact), kind, fact);
    return v === null ? undefined : v;
  };
  const passThroughOff = !policy.settings.passThroughInParkRevenue && type !== 'specialized_market';
  const results: ConditionResult[] = [];

  const measure = (key: string, m: Measure, label: string): Measured => {
    const base = toScaled(m.threshold, COMPARE_SCALE) ?? 0;
    const applied = adj.threshold(key, base);
    let value = num(m.fact, m.quantity);
    if (value !== undefined && m.fact === 'revenueYuan' && passThroughOff) {
      const pt = num('passThroughYuan', 'money') ?? 0;
      value = Math.max(0, value - pt);
    }
    const show = (s: number): string => `${OP_SYMBOL[m.op]} ${showScaled(s, COMPARE_SCALE, m.unitLabel)}`;
    const scale = QUANTITY_SCALE[m.quantity];
    return {
      passed: value === undefined ? null : holds(compareProducts(value, pow10(COMPARE_SCALE - scale), applied.scaled, 1), m.op),
      value: value === undefined ? null : `${label}${showScaled(value, scale, m.unitLabel)}`,
      threshold: show(applied.scaled), policyThreshold: show(base), source: applied.source,
    };
  };

  for (const c of def.conditions) {
    reader.context = c.label;
    const t = c.test;
    let m: Measured;
    switch (t.kind) {
      case 'compare':
        m = measure(c.id, t, '');
        break;
      case 'ratio': {
        const base = toScaled(t.threshold, RATIO_SCALE) ?? 0;
        const applied = adj.threshold(c.id, base);
        const n = num(t.numerator, 'money');
        const d = num(t.denominator, 'money');
        const ok2 = n !== undefined && d !== undefined && d > 0;
        m = {
          // n ÷ d op t ⇔ n·10^4 op t·d
          passed: ok2 ? holds(compareProducts(n, pow10(RATIO_SCALE), applied.scaled, d), t.op) : null,
          value: ok2 ? showPercent(mulDivRound(n, pow10(RATIO_SCALE), d)) : null,
          threshold: `${OP_SYMBOL[t.op]} ${showPercent(applied.scaled)}`, policyThreshold: `${OP_SYMBOL[t.op]} ${showPercent(base)}`, source: applied.source,
        };
        break;
      }
      case 'any': {
        const parts = t.options.map((o) => measure(`${c.id}.${o.key}`, o, `${o.label} `));
        const known = parts.filter((p) => p.passed !== null);
        m = {
          passed: known.length === 0 ? null : known.some((p) => p.passed === true),
          value: known.length === 0 ? null : known.map((p) => p.value).join('；'),
          threshold: parts.map((p) => p.threshold).join(' 或 '),
          policyThreshold: parts.map((p) => p.policyThreshold).join(' 或 '),
          source: parts.find((p) => p.source !== 'policy')?.source ?? 'policy',
        };
        break;
      }
    }
    results.push(judge(c, m, adj, adjustments.asOf));
  }
  if (level === 'district') results.push(quotaCondition(facts, policy, adj, reader));
  errors.push(...reader.errors);
  if (errors.length > 0) return fail(errors);

  const confirmed = new Set(adjustments.confirmed ?? []);
  const checklist: ChecklistResult[] = [...policy.recognition.common, ...def.checklist].map((i) => ({ id: i.id, article: i.article, text: i.text, confirmed: confirmed.has(i.id) }));
  const blocking = results.filter((r) => r.blocking);
  const deferred = results.filter((r) => r.status === 'deferred');
  const pendingChecks = checklist.filter((i) => !i.confirmed);
  const acceptedCount = results.filter((r) => r.status === 'accepted').length;
  const extra = [
    ...(acceptedCount > 0 ? [`${acceptedCount} 项原则性条件未满足但已接受`] : []),
    ...(deferred.length > 0 ? [`${deferred.length} 项设有达成时限`] : []),
  ].map((t) => `（其中 ${t}）`).join('');
  const outcome: CheckOutcome = blocking.length > 0 ? 'not_met' : pendingChecks.length > 0 ? 'needs_confirmation' : deferred.length > 0 ? 'met_with_deadlines' : 'met';
  const summary = outcome === 'not_met'
    ? `不符合认定条件：${blocking.map((r) => `${r.label}（${r.article}，${STATUS_TEXT[r.status]}）`).join('；')}`
    : outcome === 'needs_confirmation'
      ? `量化条件均已满足${extra}，尚有 ${pendingChecks.length} 项定性条件待评审核验确认`
      : outcome === 'met_with_deadlines' ? `符合认定条件${extra}，设有时限的须在规定时限内达到（第十七条）` : `符合认定条件${extra}`;
  return ok({
    type, level,
    district: district === undefined ? null : { code: district.code, name: district.name, region: district.region, art17 },
    outcome, summary, conditions: results, checklist,
    overdue: results.filter((r) => r.status === 'overdue').map((r) => r.id),
    settings: [
      ...(type === 'specialized_market' ? [] : [{ key: 'conditionResidents', value: policy.settings.conditionResidents ?? 'all', text: conditionResidentsText(policy.settings) }]),
      { key: 'passThroughInParkRevenue', value: String(policy.settings.passThroughInParkRevenue), text: policy.settings.passThroughInParkRevenue ? '产业园营业收入含代收代付' : '产业园营业收入不含代收代付' },
      ...(level === 'district' ? [{ key: 'branchUsesDistrictQuota', value: String(policy.settings.branchUsesDistrictQuota), text: policy.settings.branchUsesDistrictQuota ? '分平台占用区县每类型 1 个名额' : '分平台不占用区县名额' }] : []),
    ],
  });
}

const STATUS_TEXT: Readonly<Record<ConditionStatus, string>> = {
  pass: '满足', fail: '未满足', missing: '未填报', accepted: '未满足，已接受', deferred: '设有达成时限', overdue: '逾期未达到',
};

type Adj = ReturnType<typeof checkAdjustments>;

function judge(c: ConditionDef, m: Measured, adj: Adj, asOf: string | undefined): ConditionResult {
  const notes: string[] = [...adj.notesFor(c.id)];
  let status: ConditionStatus;
  if (m.passed === true) status = 'pass';
  else {
    const deadline = adj.deadline(c.id);
    const accepted = adj.accepted(c.id);
    if (deadline !== undefined) {
      const s = asOf === undefined ? 'pending' : deadlineStatus(deadline.dueDate, asOf, false);
      status = s === 'overdue' ? 'overdue' : 'deferred';
      notes.push(s === 'overdue' ? `已过达成时限 ${deadline.dueDate} 仍未达到，须报市人力社保局` : `须于 ${deadline.dueDate} 前达到（${deadline.decidedBy} ${deadline.decidedOn} 决定）`);
    } else if (accepted !== undefined && c.strength === 'soft') {
      status = 'accepted';
      notes.push(`原则上条件未满足，已接受：${accepted.reason}`);
    } else status = m.passed === null ? 'missing' : 'fail';
  }
  return {
    id: c.id, article: c.article, label: c.label, strength: c.strength, value: m.value, threshold: m.threshold,
    policyThreshold: m.policyThreshold, thresholdSource: m.source, passed: m.passed === true, status,
    blocking: status === 'fail' || status === 'missing' || status === 'overdue', notes,
  };
}

function quotaCondition(facts: ConditionFacts, policy: ConditionPolicy, adj: Adj, reader: FactReader): ConditionResult {
  reader.context = '区县同类型平台数';
  const existing = reader.quantity(facts.existingDistrictPlatforms, 'count', 'existingDistrictPlatforms');
  const branches = reader.quantity(facts.existingBranches, 'count', 'existingBranches') ?? 0;
  const counted = existing === undefined || existing === null ? null : existing + (policy.settings.branchUsesDistrictQuota ? (branches ?? 0) : 0);
  const limit = policy.recognition.districtQuotaPerType - 1;
  const def: ConditionDef = {
    id: 'districtQuota', article: '第十六条', label: '本区县已有同类型区县级平台（含分平台）', strength: 'soft',
    test: { kind: 'compare', fact: 'existingDistrictPlatforms', op: '<=', threshold: String(limit), unitLabel: '个', quantity: 'count' },
  };
  const threshold = `≤ ${limit} 个`;
  return judge(def, { passed: counted === null ? null : counted <= limit, value: counted === null ? null : `${counted} 个`, threshold, policyThreshold: threshold, source: 'policy' }, adj, undefined);
}
