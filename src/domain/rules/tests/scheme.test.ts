/** Schemes are data: they validate themselves and two versions can be compared. */
import { describe, expect, it } from 'vitest';
import { compareSchemes } from '../compare-schemes.js';
import { cq2025 } from '../schemes/cq-2025.js';
import { findScheme } from '../schemes/index.js';
import type { ScoreRow, ScoreScheme, ScoreTable } from '../scheme-types.js';
import { scoreSheet } from '../score-sheet.js';
import { validateScheme } from '../validate-scheme.js';

function withTable(type: 'comprehensive_park' | 'specialized_park' | 'specialized_market', patch: (t: ScoreTable) => ScoreTable): ScoreScheme {
  return { ...cq2025, id: 'cq-test', tables: { ...cq2025.tables, [type]: patch(cq2025.tables[type]) } };
}
const mapRow = (code: string, f: (r: ScoreRow) => ScoreRow) => (t: ScoreTable): ScoreTable => ({ ...t, rows: t.rows.map((r) => (r.code === code ? f(r) : r)) });
const messages = (s: ScoreScheme): string[] => validateScheme(s).map((e) => e.message);

describe('cq-2025', () => {
  it('is valid and registered', () => {
    expect(validateScheme(cq2025)).toEqual([]);
    expect(findScheme('cq-2025')).toBe(cq2025);
    expect(findScheme('cq-2024')).toBeUndefined();
  });

  it('holds the tables verbatim: names, caps, pairs', () => {
    const a2 = cq2025.tables.comprehensive_park;
    expect(a2.rows.map((r) => `${r.code} ${r.name} ${r.cap ?? '—'}`)).toContain('1.2 线下入驻人力资源服务企业营收情况 12');
    expect(cq2025.tables.specialized_park.pairs.map((p) => p.id)).toEqual(['2.1/2.2', '2.3/2.4']);
    expect(cq2025.tables.specialized_market.rows.find((r) => r.code === '1.2')?.criteria).toContain('不含代收代付');
    expect(JSON.parse(JSON.stringify(cq2025))).toEqual(cq2025);
  });
});

describe('validation (Chinese messages)', () => {
  it('finds duplicate codes', () => {
    const s = withTable('comprehensive_park', (t) => ({ ...t, rows: [...t.rows, { ...t.rows[0]!, rule: { kind: 'per_unit', fact: 'x', quantity: 'count', unit: '1', unitLabel: '家', points: '0.1', scales: false, verb: '入驻' } }] }));
    expect(messages(s).join()).toContain('指标编号“1.1”重复');
  });

  it('finds caps that do not add up to the total', () => {
    const s = withTable('specialized_market', mapRow('1.1', (r) => ({ ...r, cap: '5' })));
    expect(messages(s).join()).toContain('合计为 101');
  });

  it('finds inconsistent pairs', () => {
    const unequal = withTable('specialized_park', mapRow('2.2', (r) => ({ ...r, cap: '12' })));
    expect(messages(unequal).join()).toContain('分值上限须相同');
    const bad = withTable('specialized_park', (t) => ({ ...t, pairs: [{ id: 'x', rows: ['2.1', '9.9'], byOrientation: { industry: '2.1', service_line: '9.9' } }] }));
    expect(messages(bad).join()).toContain('已有指标');
    const same = withTable('specialized_park', (t) => ({ ...t, pairs: [{ ...t.pairs[0]!, byOrientation: { industry: '2.1', service_line: '2.1' } }, t.pairs[1]!] }));
    expect(messages(same).join()).toContain('各指定其中一项');
  });

  it('finds non-positive units and points, bad judged steps and factors', () => {
    const unit = withTable('comprehensive_park', mapRow('1.2', (r) => (r.rule.kind === 'per_unit' ? { ...r, rule: { ...r.rule, unit: '0' } } : r)));
    expect(messages(unit).join()).toContain('计分单位');
    const step = withTable('comprehensive_park', mapRow('4.2', (r) => ({ ...r, rule: { kind: 'judged', fact: 'policyImplementation', step: '2' } })));
    expect(messages(step).join()).toContain('整除');
    expect(messages({ ...cq2025, factors: { ...cq2025.factors, national: '2' } }).join()).toContain('不得低于 3');
    expect(messages({ ...cq2025, factors: { ...cq2025.factors, district: '0.4' } }).join()).toContain('0.5 与 1');
    expect(messages({ ...cq2025, grading: { ...cq2025.grading, excellentMin: '50' } }).join()).toContain('高于合格');
  });

  it('an invalid scheme refuses to score', () => {
    const s = withTable('specialized_market', mapRow('1.1', (r) => ({ ...r, cap: '5' })));
    const r = scoreSheet(s, 'specialized_market', 1, {});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]?.code).toBe('SCHEME_INVALID');
  });
});

describe('a later year without code', () => {
  const y2026: ScoreScheme = {
    ...withTable('comprehensive_park', mapRow('1.2', (r) => (r.rule.kind === 'per_unit' ? { ...r, criteria: '线下入驻企业营收每达到 2000 万元得 0.1 分。', rule: { ...r.rule, unit: '20000000' } } : r))),
    id: 'cq-2026', year: 2026, grading: { ...cq2025.grading, excellentMin: '90' },
    recognition: { ...cq2025.recognition, publicityDays: 7 },
  };

  it('scores by the new units', () => {
    const r = scoreSheet(y2026, 'comprehensive_park', 1, { residentRevenueYuan: 30_000_000 });
    expect(r.ok && r.value.rows[1]?.score).toBe('0.10');
    expect(r.ok && r.value.gaps.grades[0]?.cutoff).toBe('90.00');
  });

  it('compares versions row by row', () => {
    const c = compareSchemes(cq2025, y2026);
    expect(c.identical).toBe(false);
    expect(c.rows).toHaveLength(1);
    expect(c.rows[0]?.code).toBe('1.2');
    expect(c.rows[0]?.fields.map((f) => f.path)).toEqual(['criteria', 'rule.unit']);
    expect(c.rows[0]?.text).toContain('由 "10000000" 改为 "20000000"');
    expect(c.other.map((f) => f.path)).toEqual(expect.arrayContaining(['year', 'grading.excellentMin', 'recognition.publicityDays']));
    expect(compareSchemes(cq2025, cq2025).identical).toBe(true);
  });
});
