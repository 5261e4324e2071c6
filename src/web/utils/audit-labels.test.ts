import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionLabels, auditEntityLabels, fieldLabel, summaryLines, summaryText } from '../../domain/audit/labels';
import { entryActions } from '../../domain/evaluation/workflow';

/** Every non-test .ts file under src/server. */
function serverSources(dir = 'src/server'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return serverSources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

const sources = serverSources();
const literals = (re: RegExp) => [...new Set(sources.flatMap((s) => [...s.matchAll(re)].map((m) => m[1]!)))].sort();

describe('audit labels', () => {
  it('name every action the server audits in Chinese', () => {
    // Literal actions, the two-way ones (`cond ? 'a' : 'b'` after `action:`) and the crypto jobs.
    const actions = literals(/action: [^,}]*?'([a-z_]+\.[a-z_.]+)'/g)
      .concat(literals(/\? '([a-z_]+\.[a-z_.]+)' : '[a-z_.]+'/g), literals(/: '([a-z_]+\.[a-z_.]+)', entityType/g))
      .concat(literals(/reseal\(db, \w+, '([a-z_.]+)'/g));
    // Workflow transitions are audited as `evaluation.entry.${action}`.
    expect(sources.some((s) => s.includes('action: `evaluation.entry.${action}`'))).toBe(true);
    const all = [...new Set([...actions, ...entryActions.map((a) => `evaluation.entry.${a}`)])];
    expect(all.length).toBeGreaterThan(60);
    expect(all.filter((a) => !(a in auditActionLabels))).toEqual([]);
  });

  it('name every entity type the server audits in Chinese', () => {
    const types = literals(/entityType: '([a-z_]+)'/g);
    expect(types.length).toBeGreaterThan(15);
    expect(types.filter((t) => !(t in auditEntityLabels))).toEqual([]);
  });

  it('show a change as field: before → after, an unknown field visibly', () => {
    expect(summaryText({ displayName: ['张三', '李四'], disabled: [false, true] })).toBe('姓名：张三 → 李四；停用：否 → 是');
    expect(summaryLines({ before: 'active', after: 'suspended', reason: '整改' })).toEqual([
      { field: 'change', label: '变更', text: 'active → suspended' },
      { field: 'reason', label: '原因', text: '整改' },
    ]);
    expect(fieldLabel('mysteryField')).toBe('〔mysteryField〕');
    expect(summaryText({ experts: ['甲', '乙'] })).toBe('评审专家：甲、乙');
    // Coded values and other records' ids read in Chinese.
    expect(summaryText({ status: ['draft', 'submitted'], platformId: 'p-1' }, (field, id) => (field === 'platformId' && id === 'p-1' ? '某产业园' : undefined)))
      .toBe('状态：自评中 → 待区县初审；平台：某产业园');
  });

  it('name every field of an uploaded file\'s audit summary, and its owner type', () => {
    // file.upload audits the file row (less storedName and uploadedBy) with its SM3.
    const summary = {
      id: 'f-1', platformId: 'p-1', ownerType: 'evaluation_entry', ownerId: 'e-1', purpose: '1.4', year: 2025, originalName: '协议.png',
      mimeType: 'image/png', sizeBytes: 70, sha256: 'ab', sm3: 'cd', uploadedAt: '2025-01-01T00:00:00Z',
    };
    const text = summaryText(summary);
    expect(text).not.toMatch(/〔|evaluation_entry/);
    expect(text).toContain('所属对象：参评记录');
  });
});
