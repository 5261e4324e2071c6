import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { enterpriseDirectory as directory, withDeclaredSize, xlsxBomb } from '../../test/xlsx-bomb.js';
import { MAX_IMPORT_ROWS } from './imports/columns.js';
import { checkXlsx, emptyProbe, XLSX_LIMITS } from './xlsx-upload.js';

const SHEET = 'xl/worksheets/sheet1.xml';

describe('checkXlsx: an uploaded .xlsx is bounded before exceljs reads it', () => {
  it('passes a full 20,000-row directory with room to spare, and counts what is in it', async () => {
    const file = await directory(MAX_IMPORT_ROWS);
    const checked = await checkXlsx(file);
    if (!checked.ok) throw new Error(checked.message);
    expect(checked.rows).toBe(MAX_IMPORT_ROWS + 2);
    // More than twice the room in every dimension.
    expect(checked.rows * 2).toBeLessThan(XLSX_LIMITS.rows);
    expect(checked.cells * 2).toBeLessThan(XLSX_LIMITS.cells);
    expect(checked.inflatedBytes * 2).toBeLessThan(XLSX_LIMITS.entryBytes);
  });

  it('refuses a million-row bomb of 80 KB by its compression ratio, before inflating it', async () => {
    const bomb = await xlsxBomb(1_000_000);
    expect(bomb.length).toBeLessThan(100 * 1024);
    const probe = emptyProbe();
    expect(await checkXlsx(bomb, XLSX_LIMITS, probe)).toEqual({ ok: false, code: 'XLSX_TOO_LARGE', message: '文件压缩比异常（超过 200 倍），不予读取' });
    // The small parts before the sheet were read; the sheet was refused by its header, never opened.
    expect([...probe.inflatedByEntry.keys()]).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels']);
    expect(probe.inflatedBytes).toBeLessThan(4 * 1024);
    expect(probe.rows).toBe(0);
  });

  it('stops inflating an entry at the size it declares, when the header lies', async () => {
    const liar = withDeclaredSize(await xlsxBomb(1_000_000), SHEET, 4000);
    const probe = emptyProbe();
    expect(await checkXlsx(liar, XLSX_LIMITS, probe)).toMatchObject({ ok: false, code: 'FILE_INVALID' });
    // The sheet really inflates to about 30 MB; no more than the 4,000 bytes it declares came out.
    expect(probe.inflatedByEntry.get(SHEET)).toBeLessThanOrEqual(4000);
    expect(probe.inflatedBytes).toBeLessThan(4000 + 4 * 1024);
  });

  it('counts rows while inflating, and stops at the first one past the limit', async () => {
    // Numbered rows deflate like a real sheet, so size and ratio let this one through.
    const bomb = await xlsxBomb(100_000, { numbered: true });
    const whole = emptyProbe();
    expect(await checkXlsx(bomb, { ...XLSX_LIMITS, rows: 1_000_000 }, whole)).toMatchObject({ ok: true, rows: 100_001 });
    expect(whole.inflatedByEntry.get(SHEET)).toBeGreaterThan(5 * 1024 * 1024);

    const atDefault = emptyProbe();
    expect(await checkXlsx(bomb, XLSX_LIMITS, atDefault)).toEqual({ ok: false, code: 'TOO_MANY_ROWS', message: '表格行数超过 50,000 行上限，请分批导入' });
    expect(atDefault.rows).toBeGreaterThan(50_000);
    expect(atDefault.rows).toBeLessThan(51_000);
    expect(atDefault.inflatedByEntry.has('xl/sharedStrings.xml')).toBe(false);

    // Counted a chunk of inflated XML at a time (zlib gives 16 KB): it stops within the chunk holding row 101.
    const at100 = emptyProbe();
    expect(await checkXlsx(bomb, { ...XLSX_LIMITS, rows: 100 }, at100)).toEqual({ ok: false, code: 'TOO_MANY_ROWS', message: '表格行数超过 100 行上限，请分批导入' });
    expect(at100.rows).toBeGreaterThan(100);
    expect(at100.rows).toBeLessThan(1000);
    expect(at100.inflatedByEntry.get(SHEET)).toBeLessThanOrEqual(64 * 1024);
    expect(at100.inflatedByEntry.has('xl/sharedStrings.xml')).toBe(false);
  });

  it('counts cells and shared strings, parts, and each part\'s inflated size', async () => {
    const file = await directory(100);
    expect(await checkXlsx(file, { ...XLSX_LIMITS, cells: 500 })).toEqual({ ok: false, code: 'TOO_MANY_ROWS', message: '表格单元格数超过 500 个上限，请分批导入' });
    expect(await checkXlsx(file, { ...XLSX_LIMITS, entries: 5 })).toEqual({ ok: false, code: 'XLSX_TOO_LARGE', message: '文件包含的部件超过 5 个上限' });
    expect(await checkXlsx(file, { ...XLSX_LIMITS, entryBytes: 2 * 1024 * 1024, ratio: 10_000 })).toMatchObject({ ok: true });
    const bomb = await xlsxBomb(100_000);
    expect(await checkXlsx(bomb, { ...XLSX_LIMITS, entryBytes: 2 * 1024 * 1024, ratio: 10_000 })).toEqual({ ok: false, code: 'XLSX_TOO_LARGE', message: '文件中的一个部件解压后超过 2 MB 上限' });
  });

  it('refuses what is not a zip, and a zip with two entries of one name', async () => {
    expect(await checkXlsx(Buffer.from('PK\x03\x04 not really'))).toMatchObject({ ok: false, code: 'FILE_INVALID' });
    const zip = new JSZip();
    zip.file('xl/one.xml', '<a/>');
    zip.file('xl/two.xml', '<b/>');
    const twice = Buffer.from((await zip.generateAsync({ type: 'nodebuffer' })).toString('latin1').replaceAll('xl/two.xml', 'xl/one.xml'), 'latin1');
    expect(await checkXlsx(twice)).toMatchObject({ ok: false, code: 'FILE_INVALID' });
  });

  it('gives exceljs the checked entries, workbook parts first, and nothing else', async () => {
    const original = await JSZip.loadAsync(await directory(3));
    const late = new JSZip();
    const names = Object.keys(original.files).filter((n) => !original.files[n]!.dir);
    // Sheets first, workbook last: the order exceljs's streaming reader trips over.
    for (const n of [...names].sort((a, b) => Number(b.includes('worksheets')) - Number(a.includes('worksheets')) || Number(a === 'xl/workbook.xml') - Number(b === 'xl/workbook.xml'))) {
      late.file(n, await original.files[n]!.async('nodebuffer'));
    }
    const checked = await checkXlsx(await late.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    if (!checked.ok) throw new Error(checked.message);
    const rebuilt = await JSZip.loadAsync(checked.zip);
    const order = Object.keys(rebuilt.files);
    expect(order.slice(0, 4)).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml']);
    expect(order.slice().sort()).toEqual(names.slice().sort());
    for (const n of names) expect(await rebuilt.files[n]!.async('string')).toBe(await original.files[n]!.async('string'));
  });
});
