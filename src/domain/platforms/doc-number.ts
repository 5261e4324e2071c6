/**
 * Recognition document numbers (发文字号) as GB/T 9704 writes them: issuer code, year in 〔〕,
 * serial number, 号 — e.g. 渝人社〔2022〕215号. A municipal platform's recognition is the
 * bureau's (渝人社…); a national one's is the ministry's, so any issuer code is accepted there.
 */
import type { PlatformLevel } from './lifecycle.js';

const SHAPE = /^([\u4e00-\u9fa5]{2,12})〔((?:19|20)\d{2})〕([1-9]\d{0,3})号$/u;

/** Brackets people type instead of 〔〕 (half- and full-width [], (), 【】), read as 〔〕. */
export function normalizeDocNo(raw: string): string {
  return raw.trim().replace(/\s+/gu, '').replace(/^(\D+?)[[［(（【]((?:19|20)\d{2})[\]］)）】]/u, '$1〔$2〕');
}

/** The refusal (Chinese, naming the field), or null when the number is well-formed for the level. */
export function docNoRefusal(docNo: string, level: PlatformLevel, todayYear: number): string | null {
  const m = SHAPE.exec(normalizeDocNo(docNo));
  if (!m) return '认定文号：格式应为「渝人社〔2022〕215号」';
  const [, issuer = '', year = ''] = m;
  if (level === 'municipal' && !issuer.startsWith('渝人社')) return '认定文号：市级平台的文号应以「渝人社」开头';
  if (Number(year) > todayYear) return `认定文号：年份 ${year} 晚于今年`;
  return null;
}
