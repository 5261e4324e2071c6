import { describe, expect, it } from 'vitest';
import { summaryText } from './labels.js';

describe('audit summaries', () => {
  it('name every coded value of the label table in Chinese (the walk found specialized_park and online_offline in the log)', () => {
    const text = summaryText({ type: 'specialized_park', carrier: 'online_offline', state: 'hrss_review', kind: 'land_and_operation', construction: 'renovated' });
    expect(text).not.toMatch(/[a-z]_[a-z]/);
    expect(text).toContain('专业性行业性人力资源服务产业园');
    expect(text).toContain('线上+线下');
  });

  it('keeps the registry wording where two enumerations share a code: a level is 市级, not an honour’s 市级部门', () => {
    expect(summaryText({ level: 'municipal' })).toContain('市级');
    expect(summaryText({ level: 'municipal' })).not.toContain('市级部门');
  });
});
