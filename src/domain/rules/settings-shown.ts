/** Every setting in force is shown beside the results it shaped (RULES.md §8). */
import type { PlatformType, SchemeSettings } from './scheme-types.js';

export interface SettingInForce {
  readonly key: keyof SchemeSettings;
  readonly value: string;
  readonly text: string;
}

type Texts = { readonly [K in keyof SchemeSettings]-?: (v: SchemeSettings) => string };

const TEXTS: Texts = {
  aboveScale: ({ aboveScale: v }) => (v === 'instead' ? '规模以上企业按 0.6 分计，不再另计 0.2 分' : '规模以上企业在 0.2 分之外另计 0.6 分'),
  titledStaff: ({ titledStaff: v }) => (v === 'instead' ? '具有专业技术职称人员按 1 分计，不再另计 0.5 分' : '具有专业技术职称人员在 0.5 分之外另计 1 分'),
  residents: ({ residents: v }) => (v === 'year_end' ? '入驻企业按年末在驻数计' : '入驻企业按年内新入驻数计'),
  educationCategories: ({ educationCategories: v }) => (v === 'highest_only' ? '每人只计入其最高学历类别' : '每人计入其符合的各个类别'),
  pairChoice: ({ pairChoice: v }) => (v === 'orientation' ? '选其一按平台认定时登记的定位（特定行业/特定业态）确定' : '选其一由平台申报时自行声明，未声明时建议得分较高者'),
  scaling: ({ scaling: v }) => (v === 'floor' ? '按系数放大计分单位后取整计分' : '按 1 计的指标按“数量 × 分值 ÷ 系数”折算'),
  // The threshold comes from the scheme (RULES.md §8: every text that names the number follows the setting).
  judged: ({ judged: v, trimFrom }) => (v === 'trimmed_mean' ? `综合评定项取专家评分平均值，${trimFrom} 人及以上时去掉一个最高分和一个最低分` : v === 'mean' ? '综合评定项取专家评分平均值' : '综合评定项取评审组统一评分'),
  trimFrom: ({ trimFrom: v }) => `去掉最高最低分的最少专家人数：${v}`,
  publicity: ({ publicity: v }) => (v === 'calendar_days' ? '公示期按自然日计算' : '公示期按工作日计算'),
  passThroughInParkRevenue: ({ passThroughInParkRevenue: v }) => (v ? '产业园营业收入含代收代付' : '产业园营业收入不含代收代付'),
  branchUsesDistrictQuota: ({ branchUsesDistrictQuota: v }) => (v ? '国家级、市级平台在区县设立的分平台占用该区县每类型 1 个名额' : '分平台不占用区县名额'),
  conditionResidents: (s) => conditionResidentsText(s),
};

/** RULES.md §3: the default counts every resident enterprise; a stored scheme without the key reads so. */
export function conditionResidentsText(s: Pick<SchemeSettings, 'conditionResidents'>): string {
  return (s.conditionResidents ?? 'all') === 'all'
    ? '认定条件中的入驻企业数和营业收入按全部入驻企业（线下、线上、协议入驻）计'
    : '认定条件中的入驻企业数和营业收入仅按线下入驻企业计';
}

const SHOWN_FOR_SHEET: Readonly<Record<PlatformType, readonly (keyof SchemeSettings)[]>> = {
  comprehensive_park: ['aboveScale', 'titledStaff', 'residents', 'scaling', 'judged', 'trimFrom'],
  specialized_park: ['aboveScale', 'titledStaff', 'residents', 'educationCategories', 'pairChoice', 'scaling', 'judged', 'trimFrom'],
  // 1.3 counts resident HR service enterprises, so the residents reading shapes a market's sheet too.
  specialized_market: ['titledStaff', 'residents', 'educationCategories', 'scaling', 'judged', 'trimFrom'],
};

function show(settings: SchemeSettings, key: keyof SchemeSettings): SettingInForce {
  const value = key === 'conditionResidents' ? (settings.conditionResidents ?? 'all') : settings[key];
  return { key, value: String(value), text: TEXTS[key](settings) };
}

const cache = new WeakMap<SchemeSettings, Partial<Record<PlatformType, readonly SettingInForce[]>>>();

/** The settings shown beside a sheet; computed once per scheme and type, copied per sheet. */
export function sheetSettings(settings: SchemeSettings, type: PlatformType): SettingInForce[] {
  let byType = cache.get(settings);
  if (byType === undefined) {
    byType = {};
    cache.set(settings, byType);
  }
  let shown = byType[type];
  if (shown === undefined) {
    shown = SHOWN_FOR_SHEET[type].map((k) => show(settings, k));
    byType[type] = shown;
  }
  // Fresh objects per sheet (callers may annotate them); literals, as a spread is slower,
  // in an exact-size array (push would reserve 16 slots).
  const out = new Array<SettingInForce>(shown.length);
  for (let i = 0; i < shown.length; i++) {
    const x = shown[i];
    if (x !== undefined) out[i] = { key: x.key, value: x.value, text: x.text };
  }
  return out;
}

export function settingsShown(settings: SchemeSettings, keys: readonly (keyof SchemeSettings)[]): SettingInForce[] {
  return keys.map((k) => show(settings, k));
}

/** A setting's short name, for the scheme editor. */
export const SETTING_LABELS: Readonly<Record<keyof SchemeSettings, string>> = {
  aboveScale: '规模以上企业计分', titledStaff: '职称人员计分', residents: '入驻企业口径', educationCategories: '学历类别计人',
  pairChoice: '选其一的确定', scaling: '系数折算方式', judged: '综合评定项取分', trimFrom: '去掉最高最低分的最少专家人数',
  publicity: '公示期计算', passThroughInParkRevenue: '代收代付', branchUsesDistrictQuota: '分平台名额',
  conditionResidents: '认定条件入驻企业口径',
};

type ChoiceKey = Exclude<keyof SchemeSettings, 'trimFrom'>;

/** The values each reading of RULES.md §8 may take (trimFrom is a number, not a choice); the server's scheme schema uses them. */
export const SETTING_VALUES: { readonly [K in ChoiceKey]-?: readonly NonNullable<SchemeSettings[K]>[] } = {
  aboveScale: ['instead', 'additional'], titledStaff: ['instead', 'additional'], residents: ['year_end', 'arrivals'],
  educationCategories: ['highest_only', 'each_applicable'], pairChoice: ['orientation', 'free_choice'], scaling: ['floor', 'proportional'],
  judged: ['trimmed_mean', 'mean', 'panel'], publicity: ['calendar_days', 'working_days'], passThroughInParkRevenue: [false, true],
  branchUsesDistrictQuota: [true, false], conditionResidents: ['all', 'offline'],
};

export interface SettingChoice {
  readonly key: ChoiceKey;
  readonly label: string;
  /** The value in force (a setting added later reads as its default in older schemes). */
  readonly current: string | boolean;
  /** Each value with the sentence shown beside results under it. */
  readonly options: readonly { readonly value: string | boolean; readonly text: string }[];
}

/** The choices of every reading kept as a setting, worded as results show them. */
export function settingChoices(settings: SchemeSettings): SettingChoice[] {
  const keys = Object.keys(SETTING_VALUES) as ChoiceKey[];
  return keys.map((key) => ({
    key, label: SETTING_LABELS[key],
    current: key === 'conditionResidents' ? (settings.conditionResidents ?? 'all') : settings[key],
    options: SETTING_VALUES[key].map((value) => ({ value, text: TEXTS[key]({ ...settings, [key]: value }) })),
  }));
}
