import { describe, expect, it } from 'vitest';
import { cq2025 } from '../schemes/cq-2025.js';
import { SETTING_LABELS, settingChoices, settingsShown } from '../settings-shown.js';

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
