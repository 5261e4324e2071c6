/**
 * What each demo platform looks like in 2025: sites, staff, the mix of resident enterprises and
 * the year's operating data. Figures are invented but of a realistic size, so that the condition
 * check and the score sheets show meaningful results: 九龙坡 meets the Art 11 thresholds, 万州 falls
 * short on revenue (an Art 17 district), the markets pass Art 13 by person-times.
 */
import type { YearData } from '../../domain/platforms/year-data.js';

export interface ResidentMix {
  /** Offline HR service enterprises: above scale, others. */
  hrAbove: number;
  hrOther: number;
  /** Offline non-HR service-industry enterprises (section I, M …). */
  serviceOther: number;
  /** Offline enterprises outside the service industry (section C). */
  nonService: number;
  /** Online or agreement residents (service industry). */
  remote: number;
  /** Offline residents that left during 2025 (not at year end). */
  exited: number;
}

export interface DemoProfile {
  address: string;
  servedField: string | null;
  orientation: 'industry' | 'service_line' | null;
  managementOrgName: string;
  operationMode: 'self' | 'entrusted';
  contactName: string;
  contactPhone: string;
  services: ('policy' | 'information' | 'registration' | 'licensing' | 'opening' | 'fitout' | 'property' | 'platform' | 'financing' | 'other')[];
  recognitionDocNo: string | null;
  /** Art 17 terms the platform was recognized under (渝东北 / 渝东南 only). */
  recognitionTerms?: { deadlines: { condition: string; dueDate: string; decidedBy: string; decidedOn: string; reason: string }[] };
  sites: { name: string; address: string; area: number }[];
  staff: { management: number; operating: number; titled: number };
  residents: ResidentMix;
  /** Revenue bands in 万元: above-scale, other. */
  revenueWan: { above: [number, number]; other: [number, number] };
  yearData: YearData;
}

const allServices: DemoProfile['services'] = ['policy', 'information', 'registration', 'licensing', 'opening', 'fitout', 'property', 'platform', 'financing', 'other'];
const parkYear = (scale: number): YearData => ({
  platformTaxYuan: Math.round(380_000 * scale), researchResults: Math.max(1, Math.round(3 * scale)), bureauEventsAttended: 4,
  safety: 'full', valueOrientation: 'sound', honours: { local: 2, municipal: Math.round(2 * scale), ministerial: scale > 1.5 ? 1 : 0 }, violations: 0,
});

/** By demo platform name (src/server/bootstrap/demo.ts). */
export const demoProfiles: Readonly<Record<string, DemoProfile>> = {
  中国重庆人力资源服务产业园: {
    address: '重庆市渝北区金开大道 1108 号', servedField: null, orientation: null, managementOrgName: '中国重庆人力资源服务产业园管理委员会',
    operationMode: 'entrusted', contactName: '陈晓东', contactPhone: '13983001108', services: allServices, recognitionDocNo: '人社部函〔2019〕88号',
    sites: [{ name: '核心区', address: '渝北区金开大道 1108 号', area: 42_000 }, { name: '拓展区', address: '渝北区财富大道 9 号', area: 18_500 }],
    staff: { management: 4, operating: 12, titled: 5 },
    residents: { hrAbove: 15, hrOther: 45, serviceOther: 10, nonService: 0, remote: 8, exited: 2 },
    revenueWan: { above: [15_000, 60_000], other: [600, 5_000] },
    yearData: { ...parkYear(2.5), employersServed: 6_800, jobsPromoted: 42_000, events: [{ name: '西部人力资源服务博览会', attendance: 1_200 }, { name: '春风行动专场', attendance: 420 }, { name: '高校毕业生专场', attendance: 260 }, { name: '行业沙龙', attendance: 90 }], mediaReports: { county: 6, municipal: 8, central: 3 } },
  },
  九龙坡区人力资源服务产业园: {
    address: '重庆市九龙坡区科城路 71 号', servedField: null, orientation: null, managementOrgName: '九龙坡区人力资源和社会保障局',
    operationMode: 'entrusted', contactName: '王丽', contactPhone: '13908316271', services: ['policy', 'information', 'registration', 'licensing', 'opening', 'property', 'platform', 'financing'],
    recognitionDocNo: '渝人社〔2022〕215号',
    sites: [{ name: '主楼', address: '九龙坡区科城路 71 号', area: 9_800 }, { name: '二期', address: '九龙坡区科城路 75 号', area: 4_200.5 }],
    staff: { management: 3, operating: 6, titled: 2 },
    residents: { hrAbove: 7, hrOther: 29, serviceOther: 4, nonService: 0, remote: 5, exited: 2 },
    revenueWan: { above: [9_000, 26_000], other: [350, 2_400] },
    yearData: { ...parkYear(1), employersServed: 1_260, jobsPromoted: 8_600, events: [{ name: '九龙坡春季招聘会', attendance: 180 }, { name: '人力资源服务进园区', attendance: 120 }, { name: '政策宣讲会', attendance: 65 }], mediaReports: { county: 4, municipal: 2, central: 0 } },
  },
  万州区人力资源服务产业园: {
    address: '重庆市万州区北山大道 1666 号', servedField: null, orientation: null, managementOrgName: '万州区人力资源和社会保障局',
    operationMode: 'self', contactName: '刘强', contactPhone: '13896201666', services: ['policy', 'information', 'registration', 'opening', 'property'], recognitionDocNo: '渝人社〔2023〕64号',
    // Recognized in 渝东北 with a deadline for the revenue it still falls short of: the daily check raises it to the bureau.
    recognitionTerms: { deadlines: [{ condition: 'revenue', dueDate: '2025-12-31', decidedBy: '市人力社保局', decidedOn: '2023-04-20', reason: '渝东北地区：入驻企业营业收入规模设置达成时限' }] },
    sites: [{ name: '产业园大楼', address: '万州区北山大道 1666 号', area: 10_600 }],
    staff: { management: 2, operating: 4, titled: 1 },
    residents: { hrAbove: 5, hrOther: 19, serviceOther: 2, nonService: 0, remote: 3, exited: 1 },
    revenueWan: { above: [5_000, 9_000], other: [200, 1_200] },
    yearData: { ...parkYear(0.7), employersServed: 640, jobsPromoted: 3_900, events: [{ name: '三峡库区人才招聘周', attendance: 155 }, { name: '返乡创业服务日', attendance: 70 }], mediaReports: { county: 5, municipal: 1, central: 0 } },
  },
  两江新区数字经济人力资源服务产业园: {
    address: '重庆市两江新区互联网产业园 12 栋', servedField: '数字经济', orientation: 'industry', managementOrgName: '两江新区社会保障局',
    operationMode: 'entrusted', contactName: '赵敏', contactPhone: '13618302012', services: ['policy', 'information', 'registration', 'licensing', 'platform', 'financing', 'other'], recognitionDocNo: '渝人社〔2024〕37号',
    sites: [{ name: '数字大厦', address: '两江新区互联网产业园 12 栋', area: 12_800 }],
    staff: { management: 2, operating: 5, titled: 3 },
    residents: { hrAbove: 6, hrOther: 16, serviceOther: 12, nonService: 3, remote: 4, exited: 1 },
    revenueWan: { above: [12_000, 30_000], other: [400, 3_000] },
    yearData: { ...parkYear(1.2), industryEnterprisesServed: 18, serviceLineEnterprisesServed: 140, industryTalentSupplied: { bachelorOrBelow: 2_600, postgraduate: 420, talentCard: 9, academician: 0 }, events: [{ name: '数字经济人才峰会', attendance: 300, leaderLevel: 'ministerial' }, { name: '软件人才对接会', attendance: 120, leaderLevel: 'bureau' }, { name: '技术沙龙', attendance: 60 }], informationAdopted: { municipal: 3, ministerial: 1 } },
  },
  九龙坡区智能制造人力资源服务产业园: {
    address: '重庆市九龙坡区西彭镇智造大道 8 号', servedField: '智能制造', orientation: 'industry', managementOrgName: '九龙坡区西彭工业园区管委会',
    operationMode: 'entrusted', contactName: '孙伟', contactPhone: '13752308808', services: ['policy', 'information', 'registration', 'property'], recognitionDocNo: '九龙坡人社〔2024〕11号',
    sites: [{ name: '服务中心', address: '九龙坡区西彭镇智造大道 8 号', area: 4_600 }],
    staff: { management: 2, operating: 3, titled: 1 },
    residents: { hrAbove: 2, hrOther: 10, serviceOther: 3, nonService: 4, remote: 1, exited: 0 },
    revenueWan: { above: [5_000, 8_000], other: [200, 900] },
    yearData: { ...parkYear(0.5), industryEnterprisesServed: 9, industryTalentSupplied: { bachelorOrBelow: 1_100, postgraduate: 60 }, events: [{ name: '智能制造技能人才招聘会', attendance: 140, leaderLevel: 'bureau' }] },
  },
  重庆市卫生健康人才市场: {
    address: '重庆市渝中区长江二路 174 号', servedField: '卫生健康人才', orientation: null, managementOrgName: '重庆市卫生健康委员会',
    operationMode: 'self', contactName: '周敏', contactPhone: '13883100174', services: ['policy', 'information', 'platform', 'other'], recognitionDocNo: '渝人社〔2023〕301号',
    sites: [{ name: '人才服务大厅', address: '渝中区长江二路 174 号', area: 3_200 }],
    staff: { management: 2, operating: 6, titled: 4 },
    residents: { hrAbove: 1, hrOther: 7, serviceOther: 0, nonService: 0, remote: 2, exited: 0 },
    revenueWan: { above: [6_000, 8_000], other: [150, 600] },
    yearData: {
      ownRevenueYuan: 18_600_000, humanCapitalYuan: 1_350_000_000, serviceFunctions: ['招聘', '培训', '档案', '测评', '咨询'], databaseRecords: 46_000,
      personTimesServed: { bachelorOrBelow: 9_800, postgraduate: 3_100, talentCard: 160, academician: 2 }, placedInChongqing: { bachelorOrBelow: 2_300, postgraduate: 640, talentCard: 21 },
      researchResults: 2, events: [{ name: '卫生健康人才双选会', attendance: 650, leaderLevel: 'bureau' }, { name: '医学博士对接会', attendance: 90 }], enterprisesIncubated: 1,
      safety: 'full', valueOrientation: 'sound', informationAdopted: { municipal: 2 }, honours: { municipal: 1 }, violations: 0,
    },
  },
  永川区职业技能人才市场: {
    address: '重庆市永川区红河大道 333 号', servedField: '职业技能人才', orientation: null, managementOrgName: '永川区人力资源和社会保障局',
    operationMode: 'entrusted', contactName: '黄静', contactPhone: '13594900333', services: ['policy', 'information', 'registration'], recognitionDocNo: '永人社〔2024〕21号',
    sites: [{ name: '技能人才市场', address: '永川区红河大道 333 号', area: 1_500 }],
    staff: { management: 1, operating: 3, titled: 1 },
    residents: { hrAbove: 0, hrOther: 5, serviceOther: 0, nonService: 0, remote: 1, exited: 0 },
    revenueWan: { above: [3_000, 5_000], other: [100, 500] },
    yearData: {
      ownRevenueYuan: 4_200_000, humanCapitalYuan: 380_000_000, serviceFunctions: ['招聘', '培训', '测评'], databaseRecords: 12_500,
      personTimesServed: { bachelorOrBelow: 6_400, postgraduate: 80 }, placedInChongqing: { bachelorOrBelow: 1_900, postgraduate: 12 },
      researchResults: 1, events: [{ name: '职教毕业生专场', attendance: 210 }], safety: 'basic', valueOrientation: 'sound', violations: 0,
    },
  },
  黔江区人力资源服务产业园: {
    address: '重庆市黔江区城东街道新华大道 66 号', servedField: null, orientation: null, managementOrgName: '黔江区人力资源和社会保障局',
    operationMode: 'self', contactName: '杨帆', contactPhone: '13709460066', services: ['policy', 'information', 'fitout'], recognitionDocNo: null,
    sites: [{ name: '筹建场地', address: '黔江区新华大道 66 号', area: 6_800 }],
    staff: { management: 2, operating: 2, titled: 0 },
    residents: { hrAbove: 0, hrOther: 6, serviceOther: 1, nonService: 0, remote: 0, exited: 0 },
    revenueWan: { above: [3_000, 5_000], other: [80, 400] },
    yearData: { ...parkYear(0.3), employersServed: 120, jobsPromoted: 800 },
  },
};
