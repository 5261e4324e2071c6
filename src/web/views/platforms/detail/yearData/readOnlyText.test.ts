import { describe, expect, it } from 'vitest';
import { draftOf } from './draft';
import { factText, NOT_FILLED } from './readOnlyText';
import { YEAR_DATA_GROUPS } from './specs';

describe('year data as text for a reader who may not edit it', () => {
  const park = YEAR_DATA_GROUPS.comprehensive_park;
  const market = YEAR_DATA_GROUPS.specialized_market;
  const text = (groups: typeof park, data: Record<string, unknown>) =>
    Object.fromEntries(groups.flatMap((g) => g.facts).map((f) => [f.key, factText(f, draftOf(data, groups))]));

  it('gives every fact of every type a text, 未填报 when empty', () => {
    for (const groups of Object.values(YEAR_DATA_GROUPS)) {
      for (const t of Object.values(text(groups, {}))) expect(t).toBe(NOT_FILLED);
    }
  });

  it('writes numbers with units, categories by label, events with attendance and leaders, tiers by their Chinese label', () => {
    const park1 = text(park, {
      platformTaxYuan: 380_000, employersServed: 1260, mediaReports: { municipal: 2 }, safety: 'full', events: [{ name: '春季招聘会', attendance: 180 }],
    });
    expect(park1.platformTaxYuan).toBe('380,000 元');
    expect(park1.employersServed).toBe('1,260 家');
    expect(park1.mediaReports).toMatch(/^市级媒体 2 次$/);
    expect(park1.safety).not.toBe('full');
    expect(park1.safety).not.toBe(NOT_FILLED);
    expect(park1.events).toBe('春季招聘会 180 人');
    const m = text(market, { events: [{ name: '论坛', attendance: 90, leaderLevel: 'bureau' }] });
    expect(m.events).toMatch(/^论坛 90 人 .+/);
    expect(Object.values({ ...park1, ...m }).join(' ')).not.toMatch(/[a-z]+_[a-z]+|\b[a-z]+[A-Z]\w*\b/);
  });
});
