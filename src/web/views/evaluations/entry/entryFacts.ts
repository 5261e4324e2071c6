/**
 * Which inputs a score row needs: read from the scheme's rule for the row (docs/rules.md), so every
 * table and every edited scheme gets its own fields without code per row.
 */
import type { LeafRule, Rule, ScoreRow } from '../../../../domain/rules/scheme-types';

export type FactInputKind = 'count' | 'money' | 'area' | 'functions' | 'categories' | 'attendanceEvents' | 'leaderEvents' | 'judged' | 'tier';

export interface FactField {
  key: string;
  label: string;
  kind: FactInputKind;
  unit: string;
  categories: { key: string; label: string }[];
  tiers: { key: string; label: string; points: string }[];
  /** Judged rows: the proposed score runs from 0 to the cap in steps. */
  cap: number;
  step: number;
}

const base = (key: string, label: string, kind: FactInputKind): FactField => ({ key, label, kind, unit: '', categories: [], tiers: [], cap: 0, step: 1 });

function leafField(rule: LeafRule, label: string): FactField {
  if (rule.kind === 'categories') return { ...base(rule.fact, label, 'categories'), unit: rule.unitLabel, categories: rule.categories.map((c) => ({ key: c.key, label: c.label })) };
  if (rule.kind === 'per_unit' && rule.acceptsList) return { ...base(rule.fact, label, 'functions'), unit: rule.unitLabel };
  const kind: FactInputKind = rule.quantity === 'money' ? 'money' : rule.quantity === 'area' ? 'area' : 'count';
  return { ...base(rule.fact, label, kind), unit: rule.quantity === 'area' ? 'm²' : rule.quantity === 'money' ? '元' : rule.unitLabel };
}

/** A row with one fact: the row's name is already the card's title. */
const SHORT_LABELS = { count: '数量', money: '金额', area: '面积', categories: '分类填报' } as const;

export function factFields(row: ScoreRow): FactField[] {
  const rule: Rule = row.rule;
  switch (rule.kind) {
    case 'per_unit':
    case 'above_base':
    case 'categories':
      return [leafField(rule, rule.kind === 'per_unit' && rule.acceptsList ? '服务职能' : SHORT_LABELS[rule.kind === 'categories' ? 'categories' : rule.quantity])];
    case 'sum':
      return rule.parts.map((p) => leafField(p.rule, p.label));
    case 'events_attendance':
      return [base(rule.fact, '活动', 'attendanceEvents')];
    case 'events_leader':
      return [base(rule.fact, '活动', 'leaderEvents')];
    case 'judged':
      return [{ ...base(rule.fact, '自评建议分', 'judged'), cap: Number(row.cap ?? 0), step: Number(rule.step) }];
    case 'tier':
      return [{ ...base(rule.fact, '情况', 'tier'), tiers: rule.tiers.map((t) => ({ key: t.key, label: t.label, points: t.points })) }];
    case 'deduction':
      return [{ ...base(rule.fact, '次数', 'count'), unit: rule.unitLabel }];
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export interface EventValue {
  name: string;
  attendance: number | undefined;
  leaderLevel: 'ministerial' | 'bureau' | 'none' | undefined;
}

export function eventsOf(v: unknown): EventValue[] {
  if (!Array.isArray(v)) return [];
  return v.map((e: unknown) => {
    const r = isRecord(e) ? e : {};
    const level = r.leaderLevel === 'ministerial' || r.leaderLevel === 'bureau' || r.leaderLevel === 'none' ? r.leaderLevel : undefined;
    return { name: typeof r.name === 'string' ? r.name : '', attendance: numberOf(r.attendance), leaderLevel: level };
  });
}

/** Events as the rule engine reads them: empty names and unset fields left out. */
export function eventsData(list: EventValue[], withLeader: boolean): Record<string, unknown>[] {
  return list.map((e) => {
    const out: Record<string, unknown> = {};
    if (e.name.trim()) out.name = e.name.trim();
    if (e.attendance !== undefined) out.attendance = e.attendance;
    if (withLeader && e.leaderLevel) out.leaderLevel = e.leaderLevel;
    return out;
  });
}

/** Removes unset values so the engine sees a missing fact rather than null. */
export function cleanFacts(facts: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(facts)) {
    if (value === undefined || value === null || value === '') continue;
    if (isRecord(value)) {
      const inner = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== ''));
      if (Object.keys(inner).length > 0) out[key] = inner;
      continue;
    }
    out[key] = value;
  }
  return out;
}
