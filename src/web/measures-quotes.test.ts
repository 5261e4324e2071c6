/**
 * Titles and article numbers shown to users come from src/domain/measures.ts only: another file
 * that writes the title, the document number or a 第…条 in code (not a comment) fails here.
 * Scheme data (src/domain/rules/schemes) keeps its articles as policy data, and is checked by
 * its own tests.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { art, artRange, arts, chineseNumber, MEASURES_CITATION, MEASURES_TITLE } from '../domain/measures';

const SRC = join(__dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|vue)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Code lines: comment lines and trailing // comments left out. */
function codeLines(text: string): { line: number; text: string }[] {
  return text.split('\n').map((t, i) => ({ line: i + 1, text: t.replace(/\s\/\/ .*$/, '') }))
    .filter((l) => !/^\s*(\/\/|\*|\/\*|<!--)/.test(l.text));
}

function offenders(pattern: RegExp, roots: string[], except: string[]): string[] {
  return roots.flatMap((r) => files(join(SRC, r)))
    .filter((f) => !except.includes(relative(SRC, f)))
    .flatMap((f) => codeLines(readFileSync(f, 'utf8')).filter((l) => pattern.test(l.text)).map((l) => `${relative(SRC, f)}:${l.line}`));
}

describe('the measures are quoted from one place', () => {
  it('names the measures by their title (not 《…认定管理办法》)', () => {
    expect(MEASURES_TITLE).toBe('重庆市人力资源服务发展平台管理办法');
    expect(MEASURES_CITATION).toBe('《重庆市人力资源服务发展平台管理办法》（渝人社规〔2025〕4号）');
  });

  it('numbers articles as the text does', () => {
    expect([1, 10, 13, 17, 20, 29, 30, 33].map(chineseNumber)).toEqual(['一', '十', '十三', '十七', '二十', '二十九', '三十', '三十三']);
    expect(art(13, '三')).toBe('第十三条（三）');
    expect(arts(17, 31)).toBe('第十七条、第三十一条');
    expect(artRange(30, 33)).toBe('第三十条至第三十三条');
  });

  it('no other file writes the title or the document number', () => {
    expect(offenders(/管理办法|渝人社规/, ['web', 'server', 'domain', 'cli'], ['domain/measures.ts'])).toEqual([]);
  });

  it('no screen or server message writes an article number itself', () => {
    expect(offenders(/第[一二三四五六七八九十]+条/, ['web', 'server'], [])).toEqual([]);
  });
});
