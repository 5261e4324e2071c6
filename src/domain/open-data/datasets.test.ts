import { describe, expect, it } from 'vitest';
import { csvOf, dictionaryOf, directoryColumns, resultColumns, type DirectoryRecord } from './datasets.js';

const park: DirectoryRecord = {
  id: '6f1c0a52-0000-4000-8000-000000000001', name: '测试产业园', type: 'comprehensive_park', level: 'municipal',
  districtCode: '500107', districtName: '九龙坡区', status: 'recognized', operatorName: '测试运营公司',
  address: '科城路 71 号，A 座 "东"门', recognizedAt: '2022-11-08', recognitionDocNo: '渝人社〔2022〕215号',
  services: ['policy', 'financing'], parentPlatformName: null,
};

describe('open data files', () => {
  it('CSV starts with a UTF-8 BOM, ends lines with CRLF and quotes commas and quotes (RFC 4180)', () => {
    const csv = csvOf(directoryColumns, [park]);
    expect(csv.startsWith('\uFEFF平台编号,平台名称,平台类型,')).toBe(true);
    const [header, row, end] = csv.slice(1).split('\r\n');
    expect(header?.split(',')).toEqual(directoryColumns.map((c) => c.header));
    expect(row).toBe('6f1c0a52-0000-4000-8000-000000000001,测试产业园,综合性人力资源服务产业园,市级,500107,九龙坡区,已认定,测试运营公司,"科城路 71 号，A 座 ""东""门",2022-11-08,渝人社〔2022〕215号,政策咨询；融资服务,');
    expect(end).toBe('');
  });

  it('a cell a spreadsheet would run as a formula is made inert', () => {
    const csv = csvOf(directoryColumns, [{ ...park, name: '=HYPERLINK("http://x")', operatorName: '@SUM(1)' }]);
    expect(csv).toContain(`,"'=HYPERLINK(""http://x"")",`);
    expect(csv).toContain(",'@SUM(1),");
  });

  it('every column has a meaning and a format in the dictionary', () => {
    for (const d of [...dictionaryOf(directoryColumns), ...dictionaryOf(resultColumns)]) {
      expect(d.meaning.length).toBeGreaterThan(1);
      expect(d.format.length).toBeGreaterThan(1);
    }
    expect(dictionaryOf(resultColumns).find((d) => d.column === '评估等次')?.format).toBe('优秀、合格、不合格');
  });
});
