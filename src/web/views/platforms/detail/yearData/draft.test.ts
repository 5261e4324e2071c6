import { describe, expect, it } from 'vitest';
import { dataOf, draftOf, factOfErrorField } from './draft';
import { YEAR_DATA_GROUPS } from './specs';

describe('year-data draft', () => {
  const park = YEAR_DATA_GROUPS.comprehensive_park;

  it('round-trips the filled facts and leaves empty ones out', () => {
    const data = {
      platformTaxYuan: 120_000, employersServed: 35, events: [{ name: '沙龙', attendance: 80 }],
      mediaReports: { municipal: 2 }, safety: 'full' as const, violations: 0,
    };
    expect(dataOf(draftOf(data, park), park)).toEqual(data);
  });

  it('ignores fields of other types and keeps the leader level only where the sheet has it', () => {
    const draft = draftOf({ events: [{ attendance: 60 }] }, park);
    draft.events = [{ name: ' 论坛 ', attendance: 120, leaderLevel: 'bureau' }];
    expect(dataOf(draft, park)).toEqual({ events: [{ name: '论坛', attendance: 120 }] });
    const market = YEAR_DATA_GROUPS.specialized_market;
    expect(dataOf(draft, market)).toEqual({ events: [{ name: '论坛', attendance: 120, leaderLevel: 'bureau' }] });
  });

  it('sends an event without attendance as such, so the server can name the row', () => {
    const draft = draftOf({}, park);
    draft.events = [{ name: '', attendance: undefined, leaderLevel: undefined }];
    expect(dataOf(draft, park)).toEqual({ events: [{}] });
  });

  it('de-duplicates and trims service functions', () => {
    const market = YEAR_DATA_GROUPS.specialized_market;
    const draft = draftOf({}, market);
    draft.serviceFunctions = ['招聘', ' 招聘', '培训', ''];
    expect(dataOf(draft, market)).toEqual({ serviceFunctions: ['招聘', '培训'] });
  });

  it('maps nested error paths onto the fact they belong to', () => {
    expect(factOfErrorField('data.events.2.attendance')).toBe('events');
    expect(factOfErrorField('data.events[2].attendance')).toBe('events');
    expect(factOfErrorField('data.honours.local')).toBe('honours');
    expect(factOfErrorField('violations')).toBe('violations');
  });
});
