import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * `npm start` runs the server built to plain JavaScript (scripts/ensure-server.mjs → dist/server/hrsp.js).
 * These check the built file the way npm start uses it: it runs, the files it finds next to its
 * sources are found, and the libraries used only by rare requests are not loaded at start (they
 * would stay in the server's memory for its whole life).
 */
const root = path.resolve(import.meta.dirname, '../..');
const bundle = path.join(root, 'dist/server/hrsp.js');

describe('the server built for npm start', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/ensure-server.mjs'], { cwd: root, stdio: 'ignore' });
  }, 120_000);

  it('runs under plain node and finds the files next to its sources (migrations, district table, package.json)', () => {
    const help = spawnSync(process.execPath, [bundle, 'help'], { cwd: root, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stderr).toContain('serve — 启动服务');
    // Modules imported on first use are chunks next to the entry, so every file's relative URLs count.
    const outDir = path.dirname(bundle);
    const text = fs.readdirSync(outDir).filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(outDir, f), 'utf8')).join('\n');
    const sources = [...text.matchAll(/new URL\("(\.\.\/[^"]+\.ts)", import\.meta\.url\)/g)].map((m) => m[1] ?? '');
    expect(sources.length).toBeGreaterThanOrEqual(3);
    for (const s of sources) expect(fs.existsSync(path.resolve(outDir, s)), s).toBe(true);
  }, 60_000);

  it('does not load exceljs or the common-password lists at start', () => {
    // The CommonJS modules in memory once the built CLI has loaded and run `help` (ESM imports of CommonJS packages land there too).
    const script = [
      "import { createRequire } from 'node:module';",
      'const cache = createRequire(import.meta.url).cache;',
      'process.on("exit", () => process.stdout.write("LOADED " + JSON.stringify(Object.keys(cache)) + "\\n"));',
      "process.argv.splice(2, process.argv.length, 'help');",
      `await import(${JSON.stringify(bundle)});`,
    ].join('\n');
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    const loaded = JSON.parse(/LOADED (.*)/.exec(out)?.[1] ?? '[]') as string[];
    // Sanity: CommonJS packages the server does load at start are seen (pg is one).
    expect(loaded.some((p) => p.includes('/node_modules/pg/'))).toBe(true);
    expect(loaded.filter((p) => p.includes('/node_modules/exceljs/'))).toEqual([]);
    expect(loaded.filter((p) => p.includes('/node_modules/@zxcvbn-ts/'))).toEqual([]);
  }, 60_000);
});
