import { describe, expect, it } from 'vitest';
import { docNoRefusal, normalizeDocNo } from './doc-number.js';

describe('recognition document numbers', () => {
  it('accepts the bureau’s numbers for municipal platforms and any issuer for national ones', () => {
    expect(docNoRefusal('渝人社〔2022〕215号', 'municipal', 2026)).toBeNull();
    expect(docNoRefusal('渝人社发〔2019〕12号', 'municipal', 2026)).toBeNull();
    expect(docNoRefusal('人社部函〔2021〕109号', 'national', 2026)).toBeNull();
  });

  it('reads typed brackets as 〔〕', () => {
    expect(normalizeDocNo(' 渝人社[2022]215号 ')).toBe('渝人社〔2022〕215号');
    expect(normalizeDocNo('渝人社（2023）64号')).toBe('渝人社〔2023〕64号');
    expect(docNoRefusal('渝人社【2024】37号', 'municipal', 2026)).toBeNull();
  });

  it('refuses malformed numbers, another issuer for a municipal platform, and a future year', () => {
    expect(docNoRefusal('2022-215', 'municipal', 2026)).toContain('格式应为');
    expect(docNoRefusal('渝人社〔2022〕号', 'municipal', 2026)).toContain('格式应为');
    expect(docNoRefusal('渝人社〔2022〕0215号', 'municipal', 2026)).toContain('格式应为');
    expect(docNoRefusal('人社部函〔2021〕109号', 'municipal', 2026)).toContain('应以「渝人社」开头');
    expect(docNoRefusal('渝人社〔2027〕1号', 'municipal', 2026)).toBe('认定文号：年份 2027 晚于今年');
  });
});
