/** Compares two scheme versions: which rows, settings, factors and thresholds changed and how. */
import type { PlatformType, ScoreRow, ScoreScheme } from './scheme-types.js';
import { PLATFORM_TYPES } from './scheme-types.js';

export interface FieldChange {
  readonly path: string;
  readonly before: string;
  readonly after: string;
}

export interface RowChange {
  readonly type: PlatformType;
  readonly annex: string;
  readonly code: string;
  readonly name: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly fields: readonly FieldChange[];
  readonly text: string;
}

export interface SchemeComparison {
  readonly from: string;
  readonly to: string;
  readonly rows: readonly RowChange[];
  /** Changes outside the rows: settings, factors, grading, recognition, pairs, totals. */
  readonly other: readonly FieldChange[];
  readonly identical: boolean;
}

const show = (v: unknown): string => (v === undefined ? '（无）' : JSON.stringify(v));

function isRecord(v: unknown): v is object {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function diff(a: unknown, b: unknown, path: string, out: FieldChange[]): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) diff(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) diff(Reflect.get(a, k), Reflect.get(b, k), path === '' ? k : `${path}.${k}`, out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, before: show(a), after: show(b) });
}

export function compareSchemes(from: ScoreScheme, to: ScoreScheme): SchemeComparison {
  const rows: RowChange[] = [];
  const other: FieldChange[] = [];
  for (const type of PLATFORM_TYPES) {
    const ta = from.tables[type];
    const tb = to.tables[type];
    const byCode = (rs: readonly ScoreRow[]): Map<string, ScoreRow> => new Map(rs.map((r) => [r.code, r]));
    const ra = byCode(ta.rows);
    const rb = byCode(tb.rows);
    for (const code of new Set([...ra.keys(), ...rb.keys()])) {
      const a = ra.get(code);
      const b = rb.get(code);
      const name = b?.name ?? a?.name ?? '';
      if (a === undefined) rows.push({ type, annex: tb.annex, code, name, change: 'added', fields: [], text: `${tb.annex} 新增 ${code} ${name}` });
      else if (b === undefined) rows.push({ type, annex: ta.annex, code, name, change: 'removed', fields: [], text: `${ta.annex} 删除 ${code} ${name}` });
      else {
        const fields: FieldChange[] = [];
        diff(a, b, '', fields);
        if (fields.length > 0) {
          const text = `${tb.annex} ${code} ${name}：${fields.map((f) => `${f.path} 由 ${f.before} 改为 ${f.after}`).join('；')}`;
          rows.push({ type, annex: tb.annex, code, name, change: 'changed', fields, text });
        }
      }
    }
    const { rows: _ra, ...restA } = ta;
    const { rows: _rb, ...restB } = tb;
    diff(restA, restB, `tables.${type}`, other);
  }
  const { tables: _ta, id: _ia, ...a } = from;
  const { tables: _tb, id: _ib, ...b } = to;
  diff(a, b, '', other);
  return { from: from.id, to: to.id, rows, other, identical: rows.length === 0 && other.length === 0 };
}
