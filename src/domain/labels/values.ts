import { ENUM_LABELS, type EnumName } from './enums.js';
import { FACT_PART_LABELS, factLabelOrUndefined, factPartLabel, isFactId } from './facts.js';

const factCategoriesOrParts = (fact: string): Readonly<Record<string, string>> => (isFactId(fact) ? (FACT_PART_LABELS[fact] ?? {}) : {});

/** Facts whose value is a code of an enumeration. */
const CODED_FACTS: Readonly<Record<string, EnumName>> = { safety: 'safety', valueOrientation: 'valueOrientation', orientation: 'orientation', leaderLevel: 'leaderLevel' };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A fact's parts in the order the label table lists them (the order of the score sheets), others after. */
function inTableOrder(fact: string, value: Record<string, unknown>): [string, unknown][] {
  const order = Object.keys(factCategoriesOrParts(fact));
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return Object.entries(value).sort(([a], [b]) => rank(a) - rank(b));
}

function partsText(fact: string, value: Record<string, unknown>): string {
  return inTableOrder(fact, value).map(([k, v]) => `${factPartLabel(fact, k) ?? factLabelOrUndefined(k) ?? k} ${factValueText(k, v)}`).join('；');
}

/**
 * A fact's value in Chinese for reading (review comparison, corrections): coded tiers by their
 * name, a fact's parts by their category (规模以上企业 3；非规模以上企业 2), events counted with
 * their names, lists joined. Missing values read —.
 */
export function factValueText(fact: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') {
    const coded = CODED_FACTS[fact];
    const table: Readonly<Record<string, string>> | undefined = coded === undefined ? undefined : ENUM_LABELS[coded];
    return table !== undefined && Object.hasOwn(table, value) ? (table[value] ?? value) : value;
  }
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.length === 0 ? '（无）' : value.join('、');
    return `${value.length} 项：${value.map((v) => (isRecord(v) ? partsText(fact, v) : factValueText(fact, v))).join('／')}`;
  }
  return isRecord(value) ? partsText(fact, value) || '—' : '—';
}
