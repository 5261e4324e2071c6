/**
 * The public results document that the results code (HMAC-SM3) signs: exactly what the public results
 * page shows (names, types, levels, districts, grades; no scores, no people), in a canonical byte form
 * so that anyone holding the key can recompute the code from the downloaded file.
 */
export interface ResultsDocumentInput {
  year: number;
  schemeId: string;
  /** The publication date, YYYY-MM-DD (Asia/Shanghai). */
  publishedOn: string;
  keyVersion: number;
  items: readonly { platformName: string; type: string; level: string; districtName: string; grade: string; gradeLabel: string }[];
}

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/** JSON with object keys sorted at every level and no whitespace: one byte form per value. */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v: Json) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The canonical document: items sorted by district, platform name, type (code-point order, not locale). */
export function resultsDocument(input: ResultsDocumentInput): string {
  const items = [...input.items]
    .map((x) => ({ districtName: x.districtName, platformName: x.platformName, type: x.type, level: x.level, grade: x.grade, gradeLabel: x.gradeLabel }))
    .sort((a, b) => byCodePoint(a.districtName, b.districtName) || byCodePoint(a.platformName, b.platformName) || byCodePoint(a.type, b.type));
  return canonicalJson({
    document: 'hrsp-evaluation-results', format: 1, algorithm: 'HMAC-SM3',
    year: input.year, schemeId: input.schemeId, publishedOn: input.publishedOn, keyVersion: input.keyVersion, items,
  });
}

/** What a downloaded document says about itself, to verify it; null when it is not such a document. */
export function readResultsDocument(text: string): { year: number; keyVersion: number } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const doc: Record<string, unknown> = { ...parsed };
  if (doc.document !== 'hrsp-evaluation-results' || typeof doc.year !== 'number' || typeof doc.keyVersion !== 'number') return null;
  return { year: doc.year, keyVersion: doc.keyVersion };
}
