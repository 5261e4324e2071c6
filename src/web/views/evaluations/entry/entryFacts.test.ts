import { describe, expect, it } from 'vitest';
import { cq2025 } from '../../../../domain/rules/schemes/cq-2025';
import { pointFields, ruleSummary, setPath, getPath, cloneDocument } from '../../schemes/schemeRules';
import { cleanFacts, eventsData, eventsOf, factFields } from './entryFacts';

const row = (type: keyof typeof cq2025.tables, code: string) => {
  const found = cq2025.tables[type].rows.find((r) => r.code === code);
  if (!found) throw new Error(`no row ${code}`);
  return found;
};

describe('score-row inputs from the scheme', () => {
  it('gives every fact of every row of the three tables an input', () => {
    for (const table of Object.values(cq2025.tables)) {
      for (const r of table.rows) expect(factFields(r).length).toBeGreaterThan(0);
    }
  });

  it('reads the shapes of docs/rules.md', () => {
    expect(factFields(row('comprehensive_park', '1.1'))[0]).toMatchObject({ key: 'residentEnterprises', kind: 'categories' });
    expect(factFields(row('comprehensive_park', '1.2'))[0]).toMatchObject({ key: 'residentRevenueYuan', kind: 'money' });
    expect(factFields(row('comprehensive_park', '4.1')).map((f) => [f.key, f.kind])).toEqual([['areaM2', 'area'], ['operatingStaff', 'categories']]);
    expect(factFields(row('comprehensive_park', '4.3'))[0]).toMatchObject({ key: 'satisfaction', kind: 'judged', cap: 5, step: 0.5 });
    expect(factFields(row('specialized_park', '3.2'))[0]).toMatchObject({ key: 'events', kind: 'leaderEvents' });
    expect(factFields(row('specialized_market', '1.1'))[0]).toMatchObject({ key: 'serviceFunctions', kind: 'functions' });
    expect(factFields(row('comprehensive_park', '4.4'))[0]?.tiers.map((t) => t.key)).toEqual(['full', 'basic', 'weak', 'none']);
  });

  it('drops unset values so the engine sees missing facts', () => {
    expect(cleanFacts({ a: undefined, b: null, c: '', d: 0, e: { x: undefined, y: 2 }, f: { z: undefined } })).toEqual({ d: 0, e: { y: 2 } });
    expect(eventsData(eventsOf([{ name: ' 沙龙 ', attendance: 151 }, { leaderLevel: 'bureau' }]), true)).toEqual([{ name: '沙龙', attendance: 151 }, { leaderLevel: 'bureau' }]);
  });
});

describe('scheme editor helpers', () => {
  it('summarises rules and edits point values by path', () => {
    const r = row('comprehensive_park', '1.2');
    expect(ruleSummary(r.rule)).toContain('10,000,000');
    const doc = cloneDocument(cq2025);
    const field = pointFields(r.rule)[0];
    expect(field?.path).toBe('rule.points');
    setPath(doc, 'tables.comprehensive_park.rows.1.rule.points', '0.2');
    expect(getPath(doc, 'tables.comprehensive_park.rows.1.rule.points')).toBe('0.2');
    expect(getPath(cq2025, 'tables.comprehensive_park.rows.1.rule.points')).toBe('0.1');
  });
});
