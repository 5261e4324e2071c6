import { describe, expect, it } from 'vitest';
import { chineseDate, formSheetOf } from './form-sheet.js';

const source = {
  form: { name: '测试园', type: 'specialized_park' as const, carrier: 'offline' as const, construction: 'new' as const, operationMode: 'entrusted' as const, investmentYuan: '1234567', siteAreaM2: '980.5', teamSize: 7, services: ['policy' as const, 'other' as const] },
  contactName: '张三', contactPhone: '023-1', districtName: '黔江区',
  history: [{ action: 'create', at: '2026-01-02T01:00:00Z' }, { action: 'send_to_hrss', at: '2026-02-01T02:00:00Z' }, { action: 'send_to_hrss', at: '2026-03-04T02:00:00Z' }],
  opinions: { district_hrss: { opinion: '同意', signer: '李四', opinionDate: '2026-03-10' }, district_gov: null },
};

describe('附表1 as a sheet', () => {
  it('ticks the chosen boxes in the form\'s order and leaves the others empty', () => {
    const s = formSheetOf(source);
    expect(s.type).toBe('☐ 综合性产业园  ☑ 专业性行业性产业园  ☐ 专业性行业性市场');
    expect(s.carrier).toBe('☑ 线下  ☐ 线上+线下');
    expect(s.construction).toBe('☑ 新建  ☐ 改建');
    expect(s.operationMode).toBe('☐ 自运营  ☑ 委托');
    expect(s.services.split('  ').filter((b) => b.startsWith('☑'))).toEqual(['☑ 政策咨询', '☑ 其他服务']);
    expect(s.services.split('  ')).toHaveLength(10);
    expect([s.investment, s.siteArea, s.teamSize]).toEqual(['1,234,567 元', '980.5 m²', '7 人']);
  });

  it('dates the form on the last sending to the district HRSS bureau and prints each opinion or an empty date line', () => {
    const s = formSheetOf(source);
    expect(s.applicant).toBe('黔江区人民政府');
    expect(s.filledOn).toBe('2026 年 3 月 4 日');
    expect(s.hrssOpinion).toEqual({ title: '区县（自治县）人力社保部门意见', text: '同意', signer: '李四', date: '2026 年 3 月 10 日' });
    expect(s.govOpinion).toEqual({ title: '区县（自治县）人民政府意见', text: '', signer: '', date: '    年    月    日' });
    expect(formSheetOf({ ...source, history: [] }).filledOn).toBe(chineseDate(null));
  });
});
