/**
 * What refusing an oversized or crafted .xlsx costs: for each file, the upload check (checkXlsx)
 * and the import's whole read (readDirectory: the check, then exceljs on what passed), each
 * timed and with the process's peak RSS growth sampled every 5 ms, and where the check stopped
 * (bytes inflated, rows counted). The tests assert where the check stops; this prints the time
 * and memory, which depend on the machine. Run: npm run bench:xlsx-bomb
 */
import { enterpriseDirectory as directory, withDeclaredSize, xlsxBomb } from '../test/xlsx-bomb.js';
import { MAX_IMPORT_ROWS } from '../src/server/imports/columns.js';
import { readDirectory } from '../src/server/imports/parse.js';
import { checkXlsx, emptyProbe, XLSX_LIMITS } from '../src/server/xlsx-upload.js';

const MB = 1024 * 1024;
const mb = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;
const kb = (bytes: number): string => `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;

/** Runs `work` once, after a collection where the process allows it, and returns its time and peak RSS growth. */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; grewBytes: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { value, ms, grewBytes: peak - before };
}

const outcome = (r: { ok: boolean; code?: string }): string => (r.ok ? 'read' : (r.code ?? 'refused'));

async function main(): Promise<void> {
  if ((globalThis as { gc?: () => void }).gc === undefined) console.log('(no --expose-gc: RSS growth includes garbage of earlier cases)');
  const files: [string, () => Promise<Buffer>][] = [
    ['1,000,000 identical rows (ratio)', () => xlsxBomb(1_000_000)],
    ['10,000,000 identical rows (ratio)', () => xlsxBomb(10_000_000)],
    ['1,000,000 rows, header says 4,000 bytes', async () => withDeclaredSize(await xlsxBomb(1_000_000), 'xl/worksheets/sheet1.xml', 4000)],
    ['100,000 numbered rows (row limit)', () => xlsxBomb(100_000, { numbered: true })],
    [`${MAX_IMPORT_ROWS.toLocaleString('en-US')}-row directory (passes)`, () => directory(MAX_IMPORT_ROWS)],
  ];
  console.log(`limits: ${JSON.stringify(XLSX_LIMITS)}`);
  console.log('file | size | check: outcome, ms, RSS growth, inflated, rows counted | import read: outcome, ms, RSS growth');
  for (const [name, make] of files) {
    const file = await make();
    const probe = emptyProbe();
    const check = await measured(() => checkXlsx(file, XLSX_LIMITS, probe));
    const read = await measured(() => readDirectory(file));
    console.log([
      name, mb(file.length),
      `${outcome(check.value)}, ${Math.round(check.ms)} ms, +${mb(check.grewBytes)}, ${kb(probe.inflatedBytes)}, ${probe.rows.toLocaleString('en-US')}`,
      `${outcome(read.value)}, ${Math.round(read.ms)} ms, +${mb(read.grewBytes)}`,
    ].join(' | '));
  }
}

await main();
