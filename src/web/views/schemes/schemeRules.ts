/** Reading a scheme document in the UI: a one-line summary per rule and the editable point fields. */
import type { LeafRule, Rule, ScoreScheme } from '../../../domain/rules/scheme-types';

const QUANTITY: Record<string, string> = { count: '', money: '元', area: 'm²' };
const grouped = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 6 });
/** 10000000 → 10,000,000 (decimals as they are). */
const n = (d: string): string => (Number.isFinite(Number(d)) ? grouped.format(Number(d)) : d);

function leafSummary(rule: LeafRule): string {
  switch (rule.kind) {
    case 'per_unit':
      return `每 ${n(rule.unit)} ${rule.unitLabel || QUANTITY[rule.quantity] || ''} 得 ${rule.points} 分${rule.scales ? '（随系数）' : ''}`;
    case 'above_base':
      return `${n(rule.base)} ${rule.unitLabel} 以上，每增加 ${n(rule.step)} 得 ${rule.points} 分${rule.scales ? '（随系数）' : ''}`;
    case 'categories':
      return rule.categories.map((c) => `${c.label} 每 ${n(c.unit)} ${rule.unitLabel} ${c.points} 分`).join('；');
  }
}

export function ruleSummary(rule: Rule): string {
  switch (rule.kind) {
    case 'per_unit':
    case 'above_base':
    case 'categories':
      return leafSummary(rule);
    case 'events_attendance':
      return `每场活动按人数：${rule.tiers.map((t) => `超过 ${t.over} 人 ${t.points} 分`).join('，')}`;
    case 'events_leader':
      return `${rule.minAttendance} 人及以上活动：${rule.tiers.map((t) => `${t.label} ${t.points} 分`).join('，')}，其他 ${rule.basePoints} 分`;
    case 'judged':
      return `专家评分（步长 ${rule.step}）`;
    case 'tier':
      return rule.tiers.map((t) => `${t.label.slice(0, 12)}… ${t.points} 分`).join('；');
    case 'deduction':
      return `每 ${rule.unitLabel} 扣 ${rule.points.replace(/^-/, '')} 分，不设上限`;
    case 'sum':
      return rule.parts.map((p) => `${p.label}：${leafSummary(p.rule)}`).join('；');
  }
}

/** The fact keys a rule reads (sum rules read several). */
export function ruleFacts(rule: Rule): string[] {
  return rule.kind === 'sum' ? rule.parts.map((p) => p.rule.fact) : [rule.fact];
}

export interface PointField {
  label: string;
  /** Path inside the row, e.g. `rule.tiers.1.points`. */
  path: string;
}

function leafFields(rule: LeafRule, prefix: string, label: string): PointField[] {
  if (rule.kind === 'categories') return rule.categories.map((c, i) => ({ label: `${label}${c.label}`, path: `${prefix}.categories.${i}.points` }));
  const unit = rule.kind === 'per_unit' ? `（每 ${rule.unit}）` : `（每增 ${rule.step}）`;
  return [{ label: `${label}分值${unit}`, path: `${prefix}.points` }];
}

/** The point values of a rule that the editor shows as inputs. */
export function pointFields(rule: Rule): PointField[] {
  switch (rule.kind) {
    case 'per_unit':
    case 'above_base':
    case 'categories':
      return leafFields(rule, 'rule', '');
    case 'events_attendance':
      return rule.tiers.map((t, i) => ({ label: `超过 ${t.over} 人`, path: `rule.tiers.${i}.points` }));
    case 'events_leader':
      return [...rule.tiers.map((t, i) => ({ label: t.label, path: `rule.tiers.${i}.points` })), { label: '其他', path: 'rule.basePoints' }];
    case 'judged':
      return [{ label: '评分步长', path: 'rule.step' }];
    case 'tier':
      return rule.tiers.map((t, i) => ({ label: t.label.slice(0, 10), path: `rule.tiers.${i}.points` }));
    case 'deduction':
      return [{ label: '每次扣分', path: 'rule.points' }];
    case 'sum':
      return rule.parts.flatMap((p, j) => leafFields(p.rule, `rule.parts.${j}.rule`, `${p.label}·`));
  }
}

type Json = Record<string, unknown> | unknown[];
const isContainer = (v: unknown): v is Json => typeof v === 'object' && v !== null;

export function getPath(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const key of path.split('.')) {
    if (!isContainer(node)) return undefined;
    node = Array.isArray(node) ? node[Number(key)] : node[key];
  }
  return node;
}

export function setPath(root: unknown, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop();
  const parent = keys.length === 0 ? root : getPath(root, keys.join('.'));
  if (last === undefined || !isContainer(parent)) return;
  if (Array.isArray(parent)) parent[Number(last)] = value;
  else parent[last] = value;
}

/** A deep, mutable copy of a scheme document (the editor's draft). */
export function cloneDocument(document: ScoreScheme): ScoreScheme {
  // JSON round trip: the document is JSON by contract, and a reactive proxy cannot be structured-cloned.
  return JSON.parse(JSON.stringify(document)) as ScoreScheme;
}
