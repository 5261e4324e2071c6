/** A scheme checks itself before use: a later year's document is data, so it can be wrong. */
import { compareProducts, parseRatio, toHundredths } from '../shared/decimal.js';
import type { DomainError } from '../shared/result.js';
import { err } from '../shared/result.js';
import type { LeafRule, Rule, SchemeSettings, ScoreScheme, ScoreTable } from './scheme-types.js';
import { SETTING_LABELS, SETTING_VALUES } from './settings-shown.js';
import { SETTING_VALUE_LABELS } from '../labels/enums.js';
import { PLATFORM_TYPES } from './scheme-types.js';
import { validateRecognition } from '../conditions/validate-policy.js';

type Report = (path: string, message: string) => void;

const positive = (d: string): boolean => {
  const v = toHundredths(d);
  return v !== null && v > 0;
};

function checkLeaf(rule: LeafRule, path: string, report: Report): void {
  switch (rule.kind) {
    case 'per_unit':
      if (parseRatio(rule.unit) === null) report(`${path}.unit`, `计分单位“${rule.unit}”须为正数`);
      if (!positive(rule.points)) report(`${path}.points`, `每单位得分“${rule.points}”须为正数且最多两位小数`);
      return;
    case 'categories': {
      const keys = new Set<string>();
      rule.categories.forEach((c, i) => {
        if (keys.has(c.key)) report(`${path}.categories[${i}].key`, `类别“${c.key}”重复`);
        keys.add(c.key);
        if (parseRatio(c.unit) === null) report(`${path}.categories[${i}].unit`, `类别“${c.label}”的计分单位须为正数`);
        if (!positive(c.points)) report(`${path}.categories[${i}].points`, `类别“${c.label}”的得分须为正数且最多两位小数`);
      });
      if (rule.categories.length === 0) report(`${path}.categories`, '至少需要一个类别');
      const p = rule.premium;
      if (p !== undefined && (!keys.has(p.premium) || !keys.has(p.base) || p.premium === p.base)) {
        report(`${path}.premium`, '替代计分的类别须是本行两个不同的已有类别');
      }
      return;
    }
    case 'above_base':
      if (toHundredths(rule.base) === null) report(`${path}.base`, `起算基数“${rule.base}”须为非负数`);
      if (parseRatio(rule.step) === null) report(`${path}.step`, `递增单位“${rule.step}”须为正数`);
      if (!positive(rule.points)) report(`${path}.points`, `每级得分“${rule.points}”须为正数`);
      return;
  }
}

function checkRule(rule: Rule, cap: string | null, path: string, report: Report): void {
  switch (rule.kind) {
    case 'per_unit':
    case 'categories':
    case 'above_base':
      checkLeaf(rule, path, report);
      return;
    case 'sum':
      if (rule.parts.length === 0) report(`${path}.parts`, '合计规则至少需要一个组成部分');
      rule.parts.forEach((p, i) => { checkLeaf(p.rule, `${path}.parts[${i}].rule`, report); });
      return;
    case 'events_attendance': {
      let prev = Number.POSITIVE_INFINITY;
      rule.tiers.forEach((t, i) => {
        if (!Number.isSafeInteger(t.over) || t.over < 0 || t.over >= prev) report(`${path}.tiers[${i}].over`, '参会人数档次须为非负整数且从高到低排列');
        if (!positive(t.points)) report(`${path}.tiers[${i}].points`, '每档得分须为正数');
        prev = t.over;
      });
      return;
    }
    case 'events_leader': {
      if (!Number.isSafeInteger(rule.minAttendance) || rule.minAttendance < 0) report(`${path}.minAttendance`, '最低参会人数须为非负整数');
      if (!positive(rule.basePoints)) report(`${path}.basePoints`, '基础得分须为正数');
      const levels = new Set<string>();
      rule.tiers.forEach((t, i) => {
        if (levels.has(t.level)) report(`${path}.tiers[${i}].level`, `领导级别“${t.level}”重复`);
        levels.add(t.level);
        if (!positive(t.points)) report(`${path}.tiers[${i}].points`, '每档得分须为正数');
      });
      return;
    }
    case 'judged': {
      const step = toHundredths(rule.step);
      const c = cap === null ? null : toHundredths(cap);
      if (step === null || step <= 0 || c === null || c % step !== 0) report(`${path}.step`, '评分步长须为正数且能整除分值上限');
      return;
    }
    case 'tier': {
      const keys = new Set<string>();
      const c = cap === null ? null : toHundredths(cap);
      rule.tiers.forEach((t, i) => {
        if (keys.has(t.key)) report(`${path}.tiers[${i}].key`, `档次“${t.key}”重复`);
        keys.add(t.key);
        const v = toHundredths(t.points);
        if (v === null || c === null || v > c) report(`${path}.tiers[${i}].points`, '档次得分须在 0 与分值上限之间');
      });
      if (rule.tiers.length === 0) report(`${path}.tiers`, '至少需要一个档次');
      return;
    }
    case 'deduction':
      if (!positive(rule.points)) report(`${path}.points`, '每次扣分须为正数');
      if (cap !== null) report(path, '扣分项不设分值上限');
      return;
  }
}

function leafFacts(rule: Rule): string[] {
  return rule.kind === 'sum' ? rule.parts.map((p) => p.rule.fact) : [rule.fact];
}

function checkTable(table: ScoreTable, base: string, report: Report): void {
  const codes = new Map<string, number>();
  const facts = new Set<string>();
  table.rows.forEach((row, i) => {
    const path = `${base}.rows[${i}]`;
    if (codes.has(row.code)) report(`${path}.code`, `${table.annex} 指标编号“${row.code}”重复`);
    codes.set(row.code, i);
    if (row.name.trim() === '') report(`${path}.name`, `${table.annex} ${row.code} 缺少指标名称`);
    if (row.rule.kind !== 'deduction' && (row.cap === null || !positive(row.cap))) {
      report(`${path}.cap`, `${table.annex} ${row.code} 的分值上限须为正数`);
    }
    for (const f of leafFacts(row.rule)) {
      if (f.trim() === '') report(`${path}.rule`, `${table.annex} ${row.code} 缺少数据项名称`);
      if (facts.has(f)) report(`${path}.rule`, `${table.annex} ${row.code} 的数据项“${f}”与其他指标重复`);
      facts.add(f);
    }
    checkRule(row.rule, row.cap, `${path}.rule`, report);
  });
  const paired = new Set<string>();
  table.pairs.forEach((pair, i) => {
    const path = `${base}.pairs[${i}]`;
    const [a, b] = pair.rows;
    const ra = table.rows[codes.get(a) ?? -1];
    const rb = table.rows[codes.get(b) ?? -1];
    if (ra === undefined || rb === undefined || a === b) {
      report(path, `${table.annex} 选其一“${pair.id}”须指向两个不同的已有指标`);
      return;
    }
    for (const c of pair.rows) {
      if (paired.has(c)) report(path, `${table.annex} ${c} 属于多个选其一组合`);
      paired.add(c);
    }
    if (ra.cap !== rb.cap || ra.cap === null) report(path, `${table.annex} 选其一 ${a}、${b} 的分值上限须相同`);
    const { industry, service_line } = pair.byOrientation;
    if (industry === service_line || !pair.rows.includes(industry) || !pair.rows.includes(service_line)) {
      report(`${path}.byOrientation`, `${table.annex} 选其一 ${pair.id} 须为特定行业和特定业态各指定其中一项`);
    }
  });
  let sum = 0;
  const counted = new Set<string>();
  for (const row of table.rows) {
    if (row.cap === null) continue;
    const pair = table.pairs.find((p) => p.rows.includes(row.code));
    if (pair !== undefined) {
      if (counted.has(pair.id)) continue;
      counted.add(pair.id);
    }
    sum += toHundredths(row.cap) ?? 0;
  }
  const total = toHundredths(table.total);
  if (total === null || sum !== total) {
    report(`${base}.total`, `${table.annex} 各项分值上限合计为 ${sum / 100}，与总分 ${table.total} 不符（选其一只计一次）`);
  }
}

/**
 * Every reading kept as a setting must hold one of its listed values: a document typed by hand
 * or imported could say `aboveScale: "both"`, which the engine would silently read as one of
 * the two. Only conditionResidents may be absent (schemes stored before it read as the default).
 */
function checkSettingValues(s: SchemeSettings, report: Report): void {
  const values: Readonly<Record<string, readonly unknown[]>> = SETTING_VALUES;
  const labels: Readonly<Record<string, string>> = SETTING_LABELS;
  const given: Readonly<Record<string, unknown>> = { ...s };
  for (const [key, allowed] of Object.entries(values)) {
    const v = given[key];
    if (v === undefined && key === 'conditionResidents') continue;
    if (allowed.includes(v)) continue;
    const label = labels[key] ?? key;
    report(`settings.${key}`, `设置“${label}”的取值${v === undefined ? '缺失' : `“${typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v)}”无效`}，须为以下之一：${allowed.map((x) => settingValueLabel(key, x)).join('、')}`);
  }
}

/** A value as the scheme editor names it, with the value itself for whoever wrote the document. */
function settingValueLabel(key: string, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'true（是）' : 'false（否）';
  const labels: Readonly<Record<string, Readonly<Record<string, string>> | undefined>> = SETTING_VALUE_LABELS;
  const label = labels[key]?.[String(value)];
  return label === undefined ? String(value) : `${String(value)}（${label}）`;
}

/** Returns every problem found, in Chinese; an empty list means the scheme can be used. */
export function validateScheme(scheme: ScoreScheme): DomainError[] {
  const errors: DomainError[] = [];
  const report: Report = (path, message) => { errors.push(err('SCHEME_INVALID', message, path)); };
  if (scheme.id.trim() === '') report('id', '评分方案缺少编号');
  if (!Number.isInteger(scheme.year)) report('year', '年度须为整数');
  const s = scheme.settings;
  if (!Number.isInteger(s.trimFrom) || s.trimFrom < 3) report('settings.trimFrom', '去掉最高最低分的最少专家人数须为不小于 3 的整数');
  checkSettingValues(s, report);
  const f = scheme.factors;
  const fm = parseRatio(f.municipal);
  const fn = parseRatio(f.national);
  const fd = parseRatio(f.district);
  if (fm === null || compareProducts(fm.num, 1, fm.den, 1) !== 0) report('factors.municipal', '市级平台的系数须为 1');
  if (fn === null || compareProducts(fn.num, 1, fn.den, 3) < 0) report('factors.national', '国家级平台的系数不得低于 3（第二十九条）');
  if (fd === null || compareProducts(fd.num, 2, fd.den, 1) < 0 || compareProducts(fd.num, 1, fd.den, 1) > 0) {
    report('factors.district', '区县级平台的系数须在 0.5 与 1 之间（第三十三条）');
  }
  const g = scheme.grading;
  const ex = toHundredths(g.excellentMin);
  const pass = toHundredths(g.passMin);
  if (ex === null || ex > 10000) report('grading.excellentMin', '优秀分数线须在 0 与 100 之间');
  if (pass === null || pass > 10000) report('grading.passMin', '合格分数线须在 0 与 100 之间');
  if (ex !== null && pass !== null && ex <= pass) report('grading.excellentMin', '优秀分数线须高于合格分数线');
  const share = parseRatio(g.excellentShare);
  if (share === null || share.num > share.den) report('grading.excellentShare', '优秀比例须大于 0 且不超过 1');
  for (const type of PLATFORM_TYPES) checkTable(scheme.tables[type], `tables.${type}`, report);
  errors.push(...validateRecognition(scheme.recognition));
  return errors;
}
