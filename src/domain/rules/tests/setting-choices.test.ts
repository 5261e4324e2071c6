import { describe, expect, it } from 'vitest';
import { cq2025 } from '../schemes/cq-2025.js';
import { SETTING_LABELS, settingChoices, settingsShown } from '../settings-shown.js';
import { validateScheme } from '../validate-scheme.js';

describe('settingChoices', () => {
  const choices = settingChoices(cq2025.settings);

  it('offers every reading kept as a setting, trimFrom (a number) aside', () => {
    const keys = Object.keys(cq2025.settings).filter((k) => k !== 'trimFrom').sort();
    expect(choices.map((c) => c.key).sort()).toEqual(keys);
    expect(Object.keys(SETTING_LABELS).sort()).toEqual(Object.keys(cq2025.settings).sort());
  });

  it('words each value as the results show it, and includes the value in force', () => {
    for (const c of choices) {
      const texts = c.options.map((o) => o.text);
      expect(new Set(texts).size, c.key).toBe(texts.length);
      const current = cq2025.settings[c.key];
      const shown = settingsShown(cq2025.settings, [c.key])[0]!;
      expect(c.options.find((o) => o.value === current)?.text).toBe(shown.text);
    }
    const judged = choices.find((c) => c.key === 'judged')!;
    expect(judged.options.map((o) => o.value)).toEqual(['trimmed_mean', 'mean', 'panel']);
    expect(judged.options[2]!.text).toBe('综合评定项取评审组统一评分');
  });
});

describe('which residents the recognition conditions count (RULES.md §3, §8)', () => {
  it('is offered in the scheme editor with its Chinese wording, default every resident', () => {
    const c = settingChoices(cq2025.settings).find((x) => x.key === 'conditionResidents')!;
    expect(c.label).toBe('认定条件入驻企业口径');
    expect(c.current).toBe('all');
    expect(c.options.map((o) => o.value)).toEqual(['all', 'offline']);
    expect(c.options[1]!.text).toBe('认定条件中的入驻企业数和营业收入仅按线下入驻企业计');
  });

  it('reads a scheme stored before the setting existed as the default', () => {
    const { conditionResidents: _gone, ...older } = cq2025.settings;
    expect(settingChoices(older).find((x) => x.key === 'conditionResidents')?.current).toBe('all');
    expect(settingsShown(older, ['conditionResidents'])[0]).toMatchObject({ value: 'all' });
  });

  it('is refused with a Chinese message when the value is unknown', () => {
    const bad = { ...cq2025, settings: { ...cq2025.settings, conditionResidents: 'nearby' as 'all' } };
    expect(validateScheme(bad).map((e) => e.message)).toContain('设置“认定条件入驻企业口径”的取值“nearby”无效，须为以下之一：all（全部入驻企业）、offline（仅线下入驻企业）');
  });
});
