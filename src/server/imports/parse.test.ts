import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { xlsxBomb } from '../../../test/xlsx-bomb.js';
import { readDirectory } from './parse.js';

// The streaming reader fails on rows without references; the whole read is the fallback.
// exceljs reaches a whole read through Workbook#xlsx: counting those calls counts whole reads.
const wholeReads = () => vi.spyOn(ExcelJS.Workbook.prototype, 'xlsx', 'get');

describe('the whole-file fallback', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads whole a small file the streaming reader fails on, before calling it broken', async () => {
    const spy = wholeReads();
    expect(await readDirectory(await xlsxBomb(1000))).toMatchObject({ ok: false, code: 'FILE_INVALID' });
    expect(spy).toHaveBeenCalled();
  });

  it('does not read whole a file too large to hold whole (330,000 cells), though within the checked limits', async () => {
    const spy = wholeReads();
    const file = await xlsxBomb(30_000, { cells: 11 });
    expect(await readDirectory(file)).toEqual({ ok: false, code: 'FILE_INVALID', message: '无法读取该文件，文件可能已损坏；请使用下载的模板填写后上传' });
    expect(spy).not.toHaveBeenCalled();
  });

  it('does not read whole, nor stream, a file beyond the limits', async () => {
    const spy = wholeReads();
    const reader = vi.spyOn(ExcelJS.stream.xlsx.WorkbookReader.prototype, 'parse');
    expect(await readDirectory(await xlsxBomb(1_000_000))).toMatchObject({ ok: false, code: 'XLSX_TOO_LARGE' });
    expect(await readDirectory(await xlsxBomb(60_000, { numbered: true }))).toMatchObject({ ok: false, code: 'TOO_MANY_ROWS' });
    expect(spy).not.toHaveBeenCalled();
    expect(reader).not.toHaveBeenCalled();
  });
});
