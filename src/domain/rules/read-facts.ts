/**
 * Reads untyped fact values defensively: facts arrive from forms, files and HTTP, and a bad
 * value is an expected error with a path and a Chinese message, not an exception.
 */
import { factPathLabel } from '../labels/path.js';
import { toScaled } from '../shared/decimal.js';
import type { DomainError } from '../shared/result.js';
import { err } from '../shared/result.js';
import type { QuantityKind } from './scheme-types.js';

export const QUANTITY_SCALE: Readonly<Record<QuantityKind, number>> = { count: 0, money: 0, area: 2 };

const QUANTITY_HINT: Readonly<Record<QuantityKind, string>> = {
  count: '须为非负整数（数字或数字字符串）',
  money: '须为非负整数元（数字或数字字符串）',
  area: '须为非负数，最多两位小数',
};

/** Upper bounds keep every intermediate product of scoring within exact integer range. */
const QUANTITY_MAX: Readonly<Record<QuantityKind, number>> = { count: 1e12, money: 1e15, area: 1e12 };

// Named loads rather than QUANTITY_SCALE[kind]: a keyed load whose key changes from call to
// call is megamorphic, and quantity() reads every textual fact of every sheet.
const scaleOf = (kind: QuantityKind): number => (kind === 'area' ? QUANTITY_SCALE.area : kind === 'money' ? QUANTITY_SCALE.money : QUANTITY_SCALE.count);
const maxOf = (kind: QuantityKind): number => (kind === 'area' ? QUANTITY_MAX.area : kind === 'money' ? QUANTITY_MAX.money : QUANTITY_MAX.count);

/** A count that quantity() would return as it is: lets list readers skip composing paths. */
export const isPlainCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= QUANTITY_MAX.count;

export class FactReader {
  readonly errors: DomainError[] = [];
  /** The row being read, named in messages; set by the evaluator per row. */
  context = '';

  /** The message names the fact in Chinese (the label table); the code path stays on the error for programs. */
  invalid(path: string, message: string): void {
    this.errors.push(err('FACT_INVALID', `${factPathLabel(path.split(/[.[\]]+/).filter((p) => p !== '').slice(1))}（${this.context}）${message}`, path));
  }

  /**
   * A quantity scaled by its kind's scale; undefined when absent, null when invalid. The
   * path is `facts.<at>[.<key>]`, composed only when there is an error to report.
   */
  quantity(value: unknown, kind: QuantityKind, at: string, key?: string): number | undefined | null {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && kind !== 'area' && Number.isSafeInteger(value) && value >= 0 && value <= (kind === 'money' ? QUANTITY_MAX.money : QUANTITY_MAX.count)) return value;
    const path = key === undefined ? `facts.${at}` : `facts.${at}.${key}`;
    if (typeof value !== 'number' && typeof value !== 'string') {
      this.invalid(path, QUANTITY_HINT[kind]);
      return null;
    }
    const v = toScaled(value, scaleOf(kind));
    if (v === null) {
      this.invalid(path, QUANTITY_HINT[kind]);
      return null;
    }
    if (v > maxOf(kind)) {
      this.invalid(path, '数值超出可计算范围');
      return null;
    }
    return v;
  }

  /** A decimal scaled to hundredths (expert scores). */
  hundredths(value: unknown, path: string, hint: string): number | null {
    if (typeof value !== 'number' && typeof value !== 'string') {
      this.invalid(path, hint);
      return null;
    }
    const v = toScaled(value, 2);
    if (v === null) this.invalid(path, hint);
    return v;
  }

  record(value: unknown, at: string): FactRecord | undefined | null {
    if (value === undefined || value === null) return undefined;
    if (!isRecord(value)) {
      this.invalid(`facts.${at}`, '须为对象');
      return null;
    }
    return value;
  }

  list(value: unknown, at: string): readonly unknown[] | undefined | null {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      this.invalid(`facts.${at}`, '须为数组');
      return null;
    }
    const items: readonly unknown[] = value;
    return items;
  }
}

/** Facts as the engine reads them; keys come from the scheme, never from the input. */
export type FactRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is FactRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
