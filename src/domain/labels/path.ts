import { factLabelOrUndefined, factPartLabel } from './facts.js';
import { FIELD_LABELS } from './fields.js';

/** Fields whose keys are fact ids (a sheet's facts, an expert's or the panel's scores per judged fact). */
const FACT_MAPS = new Set(['facts', 'judgedScores', 'panelScores']);

/** A field's Chinese name: the request field's, else the fact's; undefined when neither has one. */
export function fieldLabelOrUndefined(name: string): string | undefined {
  return Object.hasOwn(FIELD_LABELS, name) ? FIELD_LABELS[name] : factLabelOrUndefined(name);
}

/**
 * The field's name as the user sees it. Nested fields name their parents too, so that
 * `data.events.2.attendance` reads 举办活动（第 3 项）·参加人数 and `corrections.0.value` reads
 * 事实更正（第 1 项）·更正值; keys under `facts` name the fact, and a fact's parts their category
 * (`facts.residentEnterprises.aboveScale` → 事实数据·线下入驻企业数量·规模以上企业). The `data`
 * wrapper is left out. A name without a label keeps its code, so that the gap is seen.
 */
export function labelFor(path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  const trimmed = parts.length > 1 && parts[0] === 'data' ? parts.slice(1) : parts;
  const names = nameParts(trimmed, undefined);
  return names.length === 0 ? parts.join('.') : names.join('·');
}

/** A path inside a sheet's facts (`events.0.attendance`), named from the fact on: 组织的行业活动（第 1 项）·参加人数. */
export function factPathLabel(path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  const names = nameParts(parts, 'facts');
  return names.length === 0 ? parts.join('.') : names.join('·');
}

function nameParts(parts: readonly string[], parent: string | undefined): string[] {
  const names: string[] = [];
  let previous = parent;
  let fact: string | undefined;
  for (const p of parts) {
    if (/^\d+$/.test(p)) {
      const last = names.pop();
      if (last !== undefined) names.push(`${last}（第 ${Number(p) + 1} 项）`);
      continue;
    }
    const asFact = previous !== undefined && FACT_MAPS.has(previous) ? factLabelOrUndefined(p) : undefined;
    const asPart = fact === undefined ? undefined : factPartLabel(fact, p);
    names.push(asFact ?? asPart ?? fieldLabelOrUndefined(p) ?? p);
    fact = asFact !== undefined || (fact === undefined && factLabelOrUndefined(p) !== undefined) ? p : fact;
    previous = p;
  }
  return names;
}
