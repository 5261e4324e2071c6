import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testFieldKeys } from '../../../../test/keys.js';
import { seedDemo } from '../../bootstrap/demo.js';
import { installFieldKeys, parseFieldKeys } from '../../crypto/field-keys.js';
import { signPublishedResults, verifyPublishedResults, verifyResultsFile } from './service.js';

const ctx = useTestApp();
const run = promisify(execFile);
const v1 = '11'.repeat(32);

/** The code as anyone holding the key file computes it, without HRSP's code: HMAC-SM3(HMAC-SM3(key, 'results-v1'), file). */
function independentCode(masterHex: string, bytes: Buffer): string {
  const resultsKey = crypto.createHmac('sm3', Buffer.from(masterHex, 'hex')).update('results-v1').digest();
  return crypto.createHmac('sm3', resultsKey).update(bytes).digest('hex');
}

const publicResults = async () => (await ctx.app.inject({ method: 'GET', url: '/api/v1/public/evaluations/2024/results' }))
  .json<{ resultsCode: string | null; resultsKeyVersion: number | null; items: { platformName: string; grade: string }[] }>();
const download = async () => (await ctx.app.inject({ method: 'GET', url: '/api/v1/public/evaluations/2024/results.json' })).rawPayload;

/** `npm run hrsp -- verify-results …` against this test's database with the test key. */
async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  const env = { ...process.env, DATABASE_URL: ctx.database.url, HRSP_SECRET_KEY: `v1:${v1}`, HRSP_SECRET_KEY_FILE: '' };
  try {
    const r = await run(path.resolve('node_modules/.bin/tsx'), ['src/cli/hrsp.ts', 'verify-results', ...args], { env });
    return { code: 0, out: r.stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: `${err.stdout}${err.stderr}` };
  }
}

beforeAll(async () => {
  // The demo publishes 2024 through the publish use case.
  expect(await seedDemo(ctx.database.db)).toBe(true);
});

afterEach(() => installFieldKeys(testFieldKeys));

describe('the published results code', () => {
  it('is shown publicly for the demo 2024 results and matches an independent recomputation over the downloadable file', async () => {
    const shown = await publicResults();
    expect(shown.resultsKeyVersion).toBe(1);
    expect(shown.resultsCode).toMatch(/^[0-9a-f]{64}$/);
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/evaluations/2024/results.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(independentCode(v1, res.rawPayload)).toBe(shown.resultsCode);
    const doc = JSON.parse(res.body) as { year: number; keyVersion: number; items: { platformName: string; grade: string; score?: unknown }[] };
    expect(doc).toMatchObject({ year: 2024, keyVersion: 1 });
    expect(doc.items.map((x) => `${x.platformName}:${x.grade}`).sort()).toEqual(shown.items.map((x) => `${x.platformName}:${x.grade}`).sort());
    expect(doc.items.every((x) => x.score === undefined)).toBe(true);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/public/evaluations/2023/results.json' })).statusCode).toBe(404);
  });

  it('verifies by year and by file (with the shown code or the stored one); an altered file does not verify', async () => {
    expect(await verifyPublishedResults(ctx.database.db, 2024)).toMatchObject({ ok: true, keyVersion: 1 });
    const bytes = await download();
    const code = (await publicResults()).resultsCode;
    expect((await verifyResultsFile(null, bytes.toString('utf8'), code)).ok).toBe(true);
    expect((await verifyResultsFile(ctx.database.db, bytes.toString('utf8'), null)).ok).toBe(true);
    const altered = bytes.toString('utf8').replace('"grade":"pass"', '"grade":"excellent"');
    expect(altered).not.toBe(bytes.toString('utf8'));
    expect(await verifyResultsFile(null, altered, code)).toMatchObject({ ok: false, reason: expect.stringContaining('不符') });
  });

  it('is re-signed with the new key version on rotation, and verifies with the new key alone', async () => {
    const before = (await publicResults()).resultsCode;
    installFieldKeys(parseFieldKeys(`v1:${v1}\nv2:${'22'.repeat(32)}`));
    expect(await signPublishedResults(ctx.database.db, true)).toEqual({ signed: [2024], refused: [] });
    expect(await signPublishedResults(ctx.database.db, true)).toEqual({ signed: [], refused: [] });
    installFieldKeys(parseFieldKeys(`v2:${'22'.repeat(32)}`));
    const after = await publicResults();
    expect(after.resultsKeyVersion).toBe(2);
    expect(after.resultsCode).not.toBe(before);
    expect(independentCode('22'.repeat(32), await download())).toBe(after.resultsCode);
    expect((await verifyPublishedResults(ctx.database.db, 2024)).ok).toBe(true);
    // Back to v1 for the command-line test, which reads the key from the environment.
    installFieldKeys(parseFieldKeys(`v1:${v1}\nv2:${'22'.repeat(32)}`));
    await ctx.database.pool.query(`update evaluations set results_code = null, results_key_version = null where year = 2024`);
    installFieldKeys(testFieldKeys);
    expect(await signPublishedResults(ctx.database.db, false)).toEqual({ signed: [2024], refused: [] });
    expect((await publicResults()).resultsKeyVersion).toBe(1);
  });

  it('hrsp verify-results reports 一致, then 不一致 with a non-zero exit once one grade is changed in the database', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-results-')), 'results.json');
    fs.writeFileSync(file, await download());
    const ok = await cli('2024');
    expect(ok.out).toContain('一致');
    expect(ok.out).not.toContain('不一致');
    expect(ok.code).toBe(0);
    await ctx.database.pool.query(`update evaluations set results = jsonb_set(results, '{items,0,grade}',
      case when results #>> '{items,0,grade}' = 'fail' then '"pass"'::jsonb else '"fail"'::jsonb end) where year = 2024`);
    const bad = await cli('2024');
    expect(bad.out).toContain('不一致');
    expect(bad.code).toBe(1);
    // The file downloaded before the change still matches the code published with it.
    expect((await cli(file)).code).toBe(0);
    expect(await verifyPublishedResults(ctx.database.db, 2024)).toMatchObject({ ok: false });
    // A rotation refuses to re-sign results that no longer match their code.
    installFieldKeys(parseFieldKeys(`v1:${v1}\nv2:${'22'.repeat(32)}`));
    expect(await signPublishedResults(ctx.database.db, true)).toEqual({ signed: [], refused: [2024] });
  }, 60_000);
});
