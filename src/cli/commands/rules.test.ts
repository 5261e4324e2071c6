/** The rules CLI commands, called through run(). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rulesCommands } from './rules.js';

const dir = mkdtempSync(join(tmpdir(), 'hrsp-rules-'));
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

let stdout = '';
let stderr = '';
beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { stdout += String(chunk); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { stderr += String(chunk); return true; });
});
afterEach(() => { vi.restoreAllMocks(); });

let n = 0;
function file(content: unknown): string {
  n += 1;
  const path = join(dir, `doc-${n}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}
async function run(name: string, ...argv: string[]): Promise<number> {
  const command = rulesCommands.find((c) => c.name === name);
  if (command === undefined) throw new Error(name);
  return command.run(argv);
}

describe('score', () => {
  it('prints the scored sheet as JSON', async () => {
    const code = await run('score', file({ type: 'comprehensive_park', facts: { residentEnterprises: { other: 38, aboveScale: 6 }, violations: 1 } }));
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.total).toBe('9.00');
    expect(out.level).toBeNull();
    expect(out.rows[0].explanation).toContain('上限 10 → 10.00');
    expect(stderr).toBe('');
  });

  it('applies the level factor and --scheme', async () => {
    expect(await run('score', file({ type: 'specialized_market', level: 'national', facts: { hrEnterprises: 3 } }), '--scheme', 'cq-2025')).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.factor).toBe('3');
    expect(out.rows[2].score).toBe('0.30');
  });

  it('exits 2 with Chinese errors naming the field', async () => {
    expect(await run('score', file({ type: 'comprehensive_park', facts: { taxYuan: -5, extra: 1 } }))).toBe(2);
    expect(stderr).toContain('facts.taxYuan');
    expect(stderr).toContain('须为非负整数元');
    expect(stderr).toContain('不认识的字段：extra');
    expect(stdout).toBe('');
  });

  it('exits 2 on domain errors the schema cannot see', async () => {
    expect(await run('score', file({ type: 'comprehensive_park', level: 'national', factor: 2, facts: {} }))).toBe(2);
    expect(stderr).toContain('FACTOR_OUT_OF_RANGE');
    expect(await run('score', file({ type: 'comprehensive_park', facts: { policyImplementation: { experts: [4.3] } } }))).toBe(2);
    expect(stderr).toContain('0.5 的整数倍');
  });

  it.each([
    [['/nonexistent/x.json'], '找不到文件'], [[], '缺少输入文件'], [['a.json', 'b.json'], '多余的参数'], [['--bogus'], '不认识的选项'],
  ])('argv %o → exit 2 (%s)', async (argv, message) => {
    expect(await run('score', ...argv)).toBe(2);
    expect(stderr).toContain(message);
  });

  it('refuses bad JSON, an unknown scheme, or a scheme that contradicts --scheme', async () => {
    expect(await run('score', file('{ not json'))).toBe(2);
    expect(stderr).toContain('不是有效的 JSON');
    expect(await run('score', file({ type: 'comprehensive_park', facts: {} }), '--scheme', 'cq-1999')).toBe(2);
    expect(stderr).toContain('未知的评分方案');
    expect(await run('score', file({ type: 'comprehensive_park', scheme: 'cq-2025', facts: {} }), '--scheme=cq-2024')).toBe(2);
    expect(stderr).toContain('不一致');
  });
});

describe('check', () => {
  it('prints the conditions with their status', async () => {
    const doc = {
      type: 'specialized_market', level: 'municipal', facts: { areaM2: 1_000, personTimesServed: 5_000, humanCapitalYuan: '1000000001' },
      adjustments: { confirmed: ['art10.preamble', 'art10.1', 'art10.2', 'art10.3', 'art10.4', 'art13.2'] },
    };
    expect(await run('check', file(doc))).toBe(0);
    const out = JSON.parse(stdout) as { outcome: string; conditions: { status: string }[] };
    expect(out.outcome).toBe('met');
    expect(out.conditions.map((c) => c.status)).toEqual(['pass', 'pass']);
  });

  it('exits 2 for Art 17 outside 渝东北/渝东南', async () => {
    const doc = {
      type: 'comprehensive_park', level: 'municipal', facts: { district: '500103', areaM2: 8_000 },
      adjustments: { lowered: [{ condition: 'area', threshold: 8_000, decidedBy: '市人力社保局', decidedOn: '2025-05-01' }] },
    };
    expect(await run('check', file(doc))).toBe(2);
    expect(stderr).toContain('ART17_NOT_ALLOWED');
  });

  it('exits 2 on a bad level', async () => {
    expect(await run('check', file({ type: 'comprehensive_park', level: 'provincial', facts: {} }))).toBe(2);
    expect(stderr).toContain('字段 level');
  });
});

describe('schema', () => {
  it.each(['score', 'check'])('prints the JSON Schema of %s input', async (which) => {
    expect(await run('schema', which)).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.$schema).toContain('json-schema.org');
    expect(JSON.stringify(out)).toContain(which === 'score' ? 'residentEnterprises' : 'acceptedShortfalls');
  });

  it('exits 2 without a valid target', async () => {
    expect(await run('schema', 'grades')).toBe(2);
    expect(await run('schema')).toBe(2);
  });
});
