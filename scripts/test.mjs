// `npm test`: the unit, database and browser suites, each through Vitest, then one closing line.
// Usage: node scripts/test.mjs [unit] [db] [e2e] [--label NAME]   (default: all three)
// Where Chromium is missing the browser suite is skipped loudly, except in CI, where it fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

let label = 'local';
const suites = [];
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--label') label = process.argv[++i] ?? label;
  else suites.push(process.argv[i]);
}
const wanted = suites.length > 0 ? suites : ['unit', 'db', 'e2e'];
const chromium = process.env.HRSP_CHROMIUM ?? '/usr/bin/chromium';
const inCi = process.env.CI === 'true';
const outDir = path.resolve('test-results');
fs.mkdirSync(outDir, { recursive: true });

let failedRuns = 0;
for (const suite of wanted) {
  if (suite === 'e2e' && !fs.existsSync(chromium)) {
    const msg = `浏览器测试需要 Chromium（${chromium}），但未找到。请安装：sudo apt-get install chromium fonts-noto-cjk`;
    if (inCi) {
      console.error(`\n✖ ${msg}\n`);
      failedRuns++;
      continue;
    }
    console.warn(`\n${'!'.repeat(78)}\n! 已跳过浏览器测试：${msg}\n${'!'.repeat(78)}\n`);
    continue;
  }
  const report = path.join(outDir, `${label}-${suite}.json`);
  fs.rmSync(report, { force: true });
  console.log(`\n=== ${suite} tests (${label}) ===`);
  const r = spawnSync('npx', ['vitest', 'run', '--project', suite, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { stdio: 'inherit' });
  if (r.status !== 0) failedRuns++;
  if (!fs.existsSync(report)) failedRuns++;
}

let passed = 0;
let failed = 0;
// The suites of this run only: CI runs two of these side by side, each with its own reports.
for (const suite of wanted) {
  const file = path.join(outDir, `${label}-${suite}.json`);
  if (!fs.existsSync(file)) continue;
  const j = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += j.numPassedTests;
  failed += j.numFailedTests;
}
if (failedRuns > 0 && failed === 0) failed = failedRuns;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failedRuns > 0 ? 1 : 0);
