/**
 * What user-entered text may hold. PostgreSQL refuses NUL in text (a 500 before this check),
 * other control characters are invisible and break exports, and direction overrides make a
 * name display differently from what is stored (a "Trojan Source" spoof in lists and logs).
 */

/** C0 controls except tab, line feed and carriage return; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
/** Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). */
const DIRECTION = /[\u202A-\u202E\u2066-\u2069]/u;
/** Line and paragraph breaks, including Unicode's own, which a one-line name must not hold. */
const LINE_BREAK = /[\t\n\r\u2028\u2029]/u;
/** Characters that show nothing: zero-width space/joiners, word joiner, BOM, soft hyphen, Mongolian vowel separator. */
const INVISIBLE = /[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u180E]/gu;

export const CONTROL_CHARACTER_MESSAGE = '不能包含控制字符（如 NUL）';

/** Why a text of any field is refused (null when fine): control characters. */
export function textProblem(s: string): string | null {
  return CONTROL.test(s) ? CONTROL_CHARACTER_MESSAGE : null;
}

/** Why a name (of a person, organization, platform, enterprise, site…) is refused, or null. */
export function nameProblem(s: string): string | null {
  const plain = textProblem(s);
  if (plain) return plain;
  if (LINE_BREAK.test(s)) return '不能包含换行或制表符';
  if (DIRECTION.test(s)) return '不能包含文字方向控制字符';
  if (s.length > 0 && s.replace(INVISIBLE, '').trim() === '') return '不能只包含空白或不可见字符';
  return null;
}

/**
 * The first string anywhere in a parsed JSON value that holds a control character: its path, or
 * null. Every request's parameters pass through here, so a clean value allocates nothing: the
 * path is built only on the way back from a find.
 */
export function findControlCharacter(value: unknown): (string | number)[] | null {
  if (typeof value === 'string') return CONTROL.test(value) ? [] : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findControlCharacter(value[i]);
      if (found) return [i, ...found];
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const k in value) {
      if (!Object.hasOwn(value, k)) continue;
      if (CONTROL.test(k)) return [k];
      const found = findControlCharacter((value as Record<string, unknown>)[k]);
      if (found) return [k, ...found];
    }
  }
  return null;
}
