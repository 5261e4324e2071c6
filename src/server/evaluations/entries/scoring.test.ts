import { describe, expect, it } from 'vitest';
import { cq2025, scoreSheet } from '../../../domain/index.js';
import { schemeWithCutoffs } from './scoring.js';

const facts = { residentEnterprises: { aboveScale: 6, other: 38 }, residentRevenueYuan: 1_250_000_000, taxYuan: 3_000_000, safety: 'full', valueOrientation: 'sound', violations: 1 } as const;

describe('the campaign’s cut-offs in the sheet', () => {
  it('measures the gap to 优秀 and 合格 against the year’s own cut-offs', () => {
    const year = schemeWithCutoffs(cq2025, '40.00', '20.00');
    const sheet = scoreSheet(year, 'comprehensive_park', '1', facts);
    if (!sheet.ok) throw new Error(JSON.stringify(sheet.errors));
    expect(sheet.value.gaps.grades.map((g) => [g.grade, g.cutoff])).toEqual([['excellent', '40.00'], ['pass', '20.00']]);
    const plain = scoreSheet(cq2025, 'comprehensive_park', '1', facts);
    if (!plain.ok) throw new Error('plain');
    expect(plain.value.gaps.grades.map((g) => g.cutoff)).toEqual(['85.00', '60.00']);
    // Scores do not depend on the cut-offs.
    expect(sheet.value.total).toBe(plain.value.total);
  });

  it('keeps the scheme itself for its own cut-offs and one variant per pair', () => {
    expect(schemeWithCutoffs(cq2025, '85.00', '60.00')).toBe(cq2025);
    expect(schemeWithCutoffs(cq2025, '70.50', '50')).toBe(schemeWithCutoffs(cq2025, '70.5', '50.00'));
    expect(cq2025.grading.excellentMin).toBe('85');
  });
});
