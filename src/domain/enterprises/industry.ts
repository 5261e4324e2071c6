/**
 * 所属行业 as a section (门类) of GB/T 4754-2017. The sections decide who is a service-industry
 * enterprise (服务业企业), the population 附表3 1.1/1.2 and Art 12 count: 第三产业 is sections
 * F–T (国家统计局《三次产业划分规定》). Holding the section rather than free text keeps that
 * decision a lookup instead of a guess.
 */
export interface IndustrySection {
  readonly code: string;
  readonly name: string;
  readonly service: boolean;
}

export const INDUSTRY_SECTIONS: readonly IndustrySection[] = [
  { code: 'A', name: '农、林、牧、渔业', service: false },
  { code: 'B', name: '采矿业', service: false },
  { code: 'C', name: '制造业', service: false },
  { code: 'D', name: '电力、热力、燃气及水生产和供应业', service: false },
  { code: 'E', name: '建筑业', service: false },
  { code: 'F', name: '批发和零售业', service: true },
  { code: 'G', name: '交通运输、仓储和邮政业', service: true },
  { code: 'H', name: '住宿和餐饮业', service: true },
  { code: 'I', name: '信息传输、软件和信息技术服务业', service: true },
  { code: 'J', name: '金融业', service: true },
  { code: 'K', name: '房地产业', service: true },
  { code: 'L', name: '租赁和商务服务业', service: true },
  { code: 'M', name: '科学研究和技术服务业', service: true },
  { code: 'N', name: '水利、环境和公共设施管理业', service: true },
  { code: 'O', name: '居民服务、修理和其他服务业', service: true },
  { code: 'P', name: '教育', service: true },
  { code: 'Q', name: '卫生和社会工作', service: true },
  { code: 'R', name: '文化、体育和娱乐业', service: true },
  { code: 'S', name: '公共管理、社会保障和社会组织', service: true },
  { code: 'T', name: '国际组织', service: true },
];

export const SERVICE_SECTION_CODES: readonly string[] = INDUSTRY_SECTIONS.filter((s) => s.service).map((s) => s.code);

/** How a section is written in the template's drop-down: "L 租赁和商务服务业". */
export const industryOption = (s: IndustrySection): string => `${s.code} ${s.name}`;

export function findIndustry(code: string | null): IndustrySection | undefined {
  return code === null ? undefined : INDUSTRY_SECTIONS.find((s) => s.code === code);
}

/** Reads "L", "L 租赁和商务服务业" or "租赁和商务服务业"; undefined when none matches. */
export function parseIndustry(text: string): IndustrySection | undefined {
  const t = text.trim().replace(/\s+/g, ' ');
  const letter = /^([A-Ta-t])(?:$|[\s.、:：-])/.exec(t)?.[1]?.toUpperCase();
  if (letter !== undefined) return INDUSTRY_SECTIONS.find((s) => s.code === letter);
  return INDUSTRY_SECTIONS.find((s) => s.name === t);
}

/** An HR service enterprise is service industry (L 7260) whatever section was written. */
export function isServiceIndustry(industry: string | null, isHrService: boolean): boolean {
  return isHrService || findIndustry(industry)?.service === true;
}
