/** Issue #18 items 2, 3 and 5: setting values validated, texts follow the scheme's numbers, sheets show every setting that shaped them. */
import { describe, expect, it } from 'vitest';
import { cq2025 } from '../schemes/cq-2025.js';
import type { ScoreScheme } from '../scheme-types.js';
import { scoreSheet } from '../score-sheet.js';
import { validateScheme } from '../validate-scheme.js';
import { sheet, withSettings } from './helpers.js';

/** A document as an import or a direct caller may hand it over: settings are not yet known to be valid. */
function withRawSetting(key: string, value: unknown): ScoreScheme {
  const settings: ScoreScheme['settings'] = JSON.parse(JSON.stringify({ ...cq2025.settings, [key]: value })) as ScoreScheme['settings'];
  return { ...cq2025, id: 'cq-2025-raw', settings };
}

describe('validateScheme refuses setting values outside the lists (RULES.md §8)', () => {
  it('aboveScale "both" is refused with a Chinese message naming the setting', () => {
    const problems = validateScheme(withRawSetting('aboveScale', 'both'));
    expect(problems).toEqual([expect.objectContaining({ code: 'SCHEME_INVALID', path: 'settings.aboveScale' })]);
    expect(problems[0]?.message).toBe('设置“规模以上企业计分”的取值“both”无效，须为以下之一：instead（替代计分）、additional（另行加计）');
  });

  it('so scoring with it is refused too, rather than read as "instead"', () => {
    const r = scoreSheet(withRawSetting('aboveScale', 'both'), 'comprehensive_park', 1, { residentEnterprises: { aboveScale: 1 } });
    expect(r.ok).toBe(false);
  });

  it.each([
    ['titledStaff', 'sometimes'], ['residents', 'monthly'], ['educationCategories', 'all'], ['pairChoice', 'random'], ['scaling', 'round'],
    ['judged', 'median'], ['publicity', 'weeks'], ['passThroughInParkRevenue', 'yes'], ['branchUsesDistrictQuota', 1], ['conditionResidents', 'online'],
  ])('%s = %j is refused', (key, value) => {
    const problems = validateScheme(withRawSetting(key, value));
    expect(problems.map((p) => p.path)).toEqual([`settings.${key}`]);
    expect(problems[0]?.message).toMatch(/^设置“.+”的取值“.+”无效，须为以下之一：/);
  });

  it('a missing setting is refused, except conditionResidents (older schemes read it as the default)', () => {
    const { residents: _r, ...noResidents } = cq2025.settings;
    expect(validateScheme(withRawSetting('residents', undefined)).length).toBe(1);
    expect(noResidents).not.toHaveProperty('residents');
    expect(validateScheme(withRawSetting('residents', undefined)).map((p) => p.message)).toEqual([expect.stringContaining('设置“入驻企业口径”的取值缺失')]);
    const { conditionResidents: _c, ...older } = cq2025.settings;
    expect(validateScheme({ ...cq2025, settings: older })).toEqual([]);
  });

  it('every listed value passes', () => {
    expect(validateScheme(withSettings({ aboveScale: 'additional', titledStaff: 'additional', residents: 'arrivals', scaling: 'proportional', judged: 'panel', conditionResidents: 'offline' }))).toEqual([]);
  });
});

describe('texts take the trimming threshold from the scheme', () => {
  it('with trimFrom 3 the judged rows\' setting text says 3 人', () => {
    const s = sheet('comprehensive_park', { satisfaction: { experts: [3, 4, 5] } }, 1, withSettings({ trimFrom: 3 }));
    const judged = s.settings.find((x) => x.key === 'judged');
    expect(judged?.text).toBe('综合评定项取专家评分平均值，3 人及以上时去掉一个最高分和一个最低分');
    expect(s.settings.map((x) => x.text).join('；')).not.toContain('5 人');
    expect(s.rows.find((r) => r.code === '4.3')?.explanation).toContain('去掉最高 5、最低 3');
  });

  it('the default still says 5 人', () => {
    expect(sheet('comprehensive_park', {}).settings.find((x) => x.key === 'judged')?.text).toContain('5 人及以上');
  });
});

describe('附表4 sheets show the residents setting (row 1.3 counts resident enterprises)', () => {
  it('shows it under both readings', () => {
    expect(sheet('specialized_market', {}).settings).toContainEqual({ key: 'residents', value: 'year_end', text: '入驻企业按年末在驻数计' });
    expect(sheet('specialized_market', {}, 1, withSettings({ residents: 'arrivals' })).settings).toContainEqual({ key: 'residents', value: 'arrivals', text: '入驻企业按年内新入驻数计' });
  });
});
