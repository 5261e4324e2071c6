import { describe, expect, it } from 'vitest';
import { figuresFromDirectory, type DirectoryEntry } from './directory.js';

const e = (over: Partial<DirectoryEntry>): DirectoryEntry => ({
  isHrService: true, industry: 'L', aboveScale: false, entryDate: null, exitDate: null, revenueYuan: 100n, passThroughYuan: 10n, ...over,
});
const rows: DirectoryEntry[] = [
  e({ aboveScale: true, revenueYuan: 1_000n }),
  e({}),
  e({ exitDate: '2025-06-30' }), // left during the year: not resident at its end
  e({ isHrService: false, industry: 'I', aboveScale: true, revenueYuan: 500n, passThroughYuan: 0n }), // service industry (信息传输…)
  e({ isHrService: false, industry: 'C', aboveScale: true, revenueYuan: 9_000n }), // manufacturing: neither population
];

describe('resident figures from the enterprise directory', () => {
  it('counts HR service residents at year end for a comprehensive park', () => {
    expect(figuresFromDirectory('comprehensive_park', 2025, rows)).toEqual({ hrEnterprises: 2, aboveScaleEnterprises: 1, revenueYuan: '1100', passThroughYuan: '20' });
  });

  it('counts service-industry residents for a specialized park, with the HR revenue for the share', () => {
    expect(figuresFromDirectory('specialized_park', 2025, rows)).toEqual({
      hrEnterprises: 2, aboveScaleEnterprises: 2, revenueYuan: '1600', passThroughYuan: '20', hrRevenueYuan: '1100',
    });
  });

  it('gives nothing for a market and counts an arrival after the year as not yet resident', () => {
    expect(figuresFromDirectory('specialized_market', 2025, rows)).toBeNull();
    expect(figuresFromDirectory('comprehensive_park', 2024, [e({ entryDate: '2025-01-02' })])?.hrEnterprises).toBe(0);
  });
});
