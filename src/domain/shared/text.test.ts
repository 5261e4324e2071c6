import { describe, expect, it } from 'vitest';
import { findControlCharacter, nameProblem, textProblem } from './text.js';

describe('text rules', () => {
  it('refuses control characters in any text, keeping tabs and line breaks', () => {
    for (const c of ['\u0000', '\u0001', '\u001B', '\u007F', '\u0085']) expect(textProblem(`a${c}b`), JSON.stringify(c)).toMatch(/控制字符/);
    expect(textProblem('第一行\n第二行\t\r')).toBeNull();
  });

  it('refuses in names line breaks, direction controls and invisible-only text, and keeps real names', () => {
    expect(nameProblem('张\n三')).toMatch(/换行/);
    for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']) expect(nameProblem(`a${c}b`)).toMatch(/方向/);
    expect(nameProblem('\u200B\u200D\uFEFF')).toMatch(/不可见/);
    expect(nameProblem('\u00AD')).toMatch(/不可见/);
    for (const ok of ['重庆九龙人力资源开发有限公司', 'O\u2019Brien', '欧阳·娜娜', '👩\u200D💻 团队', 'Zoë']) expect(nameProblem(ok), ok).toBeNull();
  });

  it('finds the path of the first control character in a parsed body, keys included', () => {
    expect(findControlCharacter({ a: [{ b: 'ok' }, { c: 'x\u0000' }] })).toEqual(['a', 1, 'c']);
    expect(findControlCharacter({ ['k\u0001']: 1 })).toEqual(['k\u0001']);
    expect(findControlCharacter({ a: 1, b: [true, null, 'fine\n'] })).toBeNull();
    expect(findControlCharacter('x\u0000')).toEqual([]);
    expect(findControlCharacter([['a', ['b', 'c\u001F']]])).toEqual([0, 1, 1]);
    expect(findControlCharacter({ a: { b: { ['c\u007F']: 'x' } } })).toEqual(['a', 'b', 'c\u007F']);
    // Query strings are parsed into objects without a prototype.
    expect(findControlCharacter(Object.assign(Object.create(null) as object, { q: 'ok', r: 'a\u0007' }))).toEqual(['r']);
    // Only own keys count.
    expect(findControlCharacter(Object.create({ inherited: 'x\u0000' }) as object)).toBeNull();
  });
});
