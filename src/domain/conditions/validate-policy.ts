/** Checks the recognition part of a yearly policy document. */
import { parseRatio, toScaled } from '../shared/decimal.js';
import type { DomainError } from '../shared/result.js';
import { err } from '../shared/result.js';
import { PLATFORM_TYPES } from '../rules/scheme-types.js';
import type { ConditionDef, RecognitionPolicy } from './policy-types.js';

function checkCondition(c: ConditionDef, path: string, out: DomainError[]): void {
  const bad = (p: string, m: string): void => { out.push(err('SCHEME_INVALID', m, p)); };
  const t = c.test;
  switch (t.kind) {
    case 'compare':
      if (toScaled(t.threshold, 2) === null) bad(`${path}.test.threshold`, `条件“${c.label}”的门槛须为非负数`);
      return;
    case 'ratio': {
      const r = parseRatio(t.threshold);
      if (r === null || r.num > r.den) bad(`${path}.test.threshold`, `条件“${c.label}”的比例须大于 0 且不超过 1`);
      return;
    }
    case 'any':
      if (t.options.length === 0) bad(`${path}.test.options`, `条件“${c.label}”至少需要一个选项`);
      t.options.forEach((o, i) => {
        if (toScaled(o.threshold, 2) === null) bad(`${path}.test.options[${i}].threshold`, `条件“${c.label}”的门槛须为非负数`);
      });
      return;
  }
}

export function validateRecognition(policy: RecognitionPolicy): DomainError[] {
  const out: DomainError[] = [];
  const ids = new Set<string>();
  policy.common.forEach((item, i) => {
    if (ids.has(item.id)) out.push(err('SCHEME_INVALID', `核验事项“${item.id}”重复`, `recognition.common[${i}].id`));
    ids.add(item.id);
  });
  for (const type of PLATFORM_TYPES) {
    const def = policy.types[type];
    const seen = new Set<string>();
    def.conditions.forEach((c, i) => {
      const path = `recognition.types.${type}.conditions[${i}]`;
      if (seen.has(c.id)) out.push(err('SCHEME_INVALID', `认定条件“${c.id}”重复`, `${path}.id`));
      seen.add(c.id);
      checkCondition(c, path, out);
    });
    const items = new Set(ids);
    def.checklist.forEach((item, i) => {
      if (items.has(item.id)) out.push(err('SCHEME_INVALID', `核验事项“${item.id}”重复`, `recognition.types.${type}.checklist[${i}].id`));
      items.add(item.id);
    });
  }
  if (!Number.isInteger(policy.publicityDays) || policy.publicityDays < 1) {
    out.push(err('SCHEME_INVALID', '公示天数须为正整数', 'recognition.publicityDays'));
  }
  if (!Number.isInteger(policy.preparationYears) || policy.preparationYears < 1) {
    out.push(err('SCHEME_INVALID', '筹建期年数须为正整数', 'recognition.preparationYears'));
  }
  return out;
}
