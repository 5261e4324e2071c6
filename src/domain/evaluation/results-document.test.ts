import { describe, expect, it } from 'vitest';
import { canonicalJson, readResultsDocument, resultsDocument } from './results-document.js';

const item = (platformName: string, districtName: string, grade = 'pass') => ({ platformName, districtName, type: 'comprehensive_park', level: 'municipal', grade, gradeLabel: '合格' });

describe('the results document', () => {
  it('is canonical: sorted keys, no whitespace, items in a fixed order whatever the input order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: '中' }] })).toBe('{"a":[{"c":"中","d":null}],"b":1}');
    const input = { year: 2024, schemeId: 'cq-2024', publishedOn: '2024-12-20', keyVersion: 1 };
    const a = resultsDocument({ ...input, items: [item('乙园', '万州区'), item('甲园', '九龙坡区')] });
    const b = resultsDocument({ ...input, items: [item('甲园', '九龙坡区'), item('乙园', '万州区')] });
    expect(a).toBe(b);
    expect(a.startsWith('{"algorithm":"HMAC-SM3","document":"hrsp-evaluation-results","format":1,"items":[{"districtName":"万州区"')).toBe(true);
    expect(a).not.toContain(' ');
    expect(readResultsDocument(a)).toEqual({ year: 2024, keyVersion: 1 });
    expect(readResultsDocument('{"year":2024}')).toBeNull();
    expect(readResultsDocument('not json')).toBeNull();
  });
});
