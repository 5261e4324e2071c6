/**
 * The measures the system applies, as quoted to users: their title, document number and
 * article numbers. Every quotation in the web app and the server comes from here, so that a
 * wrong title (once 《…认定管理办法》) cannot reappear in one screen only; src/web/measures-quotes.test.ts
 * fails when another file writes the title or the document number itself.
 */

/** 《重庆市人力资源服务发展平台管理办法》, without the book-title marks. */
export const MEASURES_TITLE = '重庆市人力资源服务发展平台管理办法';
export const MEASURES_DOC_NO = '渝人社规〔2025〕4号';
/** As cited in running text: 《title》（doc no）. */
export const MEASURES_CITATION = `《${MEASURES_TITLE}》（${MEASURES_DOC_NO}）`;

const DIGITS = '零一二三四五六七八九';

/** 1–99 in Chinese numerals as articles are numbered: 十, 十七, 二十, 三十三. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`article number out of range: ${n}`);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const t = tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS.charAt(tens)}十`;
  return `${t}${ones === 0 ? '' : DIGITS.charAt(ones)}`;
}

/** 第N条, or 第N条（item） with an item such as 三: art(13, '三') = 第十三条（三）. */
export function art(n: number, item?: string): string {
  return `第${chineseNumber(n)}条${item === undefined ? '' : `（${item}）`}`;
}

/** Several articles joined with 、: arts(17, 31) = 第十七条、第三十一条. */
export function arts(...ns: number[]): string {
  return ns.map((n) => art(n)).join('、');
}

/** 第A条至第B条. */
export function artRange(from: number, to: number): string {
  return `${art(from)}至${art(to)}`;
}
