/**
 * Districts and counties of Chongqing (GB/T 2260) plus the three functional zones that the
 * bureau addresses as district units, copied from shared/spec/chongqing-districts.csv.
 * The region decides Art 17 (渝东北 / 渝东南).
 */
export type DistrictKind = 'district' | 'county' | 'autonomous-county' | 'functional-zone';

export interface District {
  readonly code: string;
  readonly name: string;
  readonly kind: DistrictKind;
  readonly region: string;
}

export const DISTRICTS: readonly District[] = [
  { code: '500101', name: '万州区', kind: 'district', region: '渝东北三峡库区城镇群' },
  { code: '500102', name: '涪陵区', kind: 'district', region: '主城都市区' },
  { code: '500103', name: '渝中区', kind: 'district', region: '主城都市区' },
  { code: '500104', name: '大渡口区', kind: 'district', region: '主城都市区' },
  { code: '500105', name: '江北区', kind: 'district', region: '主城都市区' },
  { code: '500106', name: '沙坪坝区', kind: 'district', region: '主城都市区' },
  { code: '500107', name: '九龙坡区', kind: 'district', region: '主城都市区' },
  { code: '500108', name: '南岸区', kind: 'district', region: '主城都市区' },
  { code: '500109', name: '北碚区', kind: 'district', region: '主城都市区' },
  { code: '500110', name: '綦江区', kind: 'district', region: '主城都市区' },
  { code: '500111', name: '大足区', kind: 'district', region: '主城都市区' },
  { code: '500112', name: '渝北区', kind: 'district', region: '主城都市区' },
  { code: '500113', name: '巴南区', kind: 'district', region: '主城都市区' },
  { code: '500114', name: '黔江区', kind: 'district', region: '渝东南武陵山区城镇群' },
  { code: '500115', name: '长寿区', kind: 'district', region: '主城都市区' },
  { code: '500116', name: '江津区', kind: 'district', region: '主城都市区' },
  { code: '500117', name: '合川区', kind: 'district', region: '主城都市区' },
  { code: '500118', name: '永川区', kind: 'district', region: '主城都市区' },
  { code: '500119', name: '南川区', kind: 'district', region: '主城都市区' },
  { code: '500120', name: '璧山区', kind: 'district', region: '主城都市区' },
  { code: '500151', name: '铜梁区', kind: 'district', region: '主城都市区' },
  { code: '500152', name: '潼南区', kind: 'district', region: '主城都市区' },
  { code: '500153', name: '荣昌区', kind: 'district', region: '主城都市区' },
  { code: '500154', name: '开州区', kind: 'district', region: '渝东北三峡库区城镇群' },
  { code: '500155', name: '梁平区', kind: 'district', region: '渝东北三峡库区城镇群' },
  { code: '500156', name: '武隆区', kind: 'district', region: '渝东南武陵山区城镇群' },
  { code: '500229', name: '城口县', kind: 'county', region: '渝东北三峡库区城镇群' },
  { code: '500230', name: '丰都县', kind: 'county', region: '渝东北三峡库区城镇群' },
  { code: '500231', name: '垫江县', kind: 'county', region: '渝东北三峡库区城镇群' },
  { code: '500233', name: '忠县', kind: 'county', region: '渝东北三峡库区城镇群' },
  { code: '500235', name: '云阳县', kind: 'county', region: '渝东北三峡库区城镇群' },
  { code: '500236', name: '奉节县', kind: 'county', region: '渝东北三峡库区城镇群' },
  { code: '500237', name: '巫山县', kind: 'county', region: '渝东北三峡库区城镇群' },
  { code: '500238', name: '巫溪县', kind: 'county', region: '渝东北三峡库区城镇群' },
  { code: '500240', name: '石柱土家族自治县', kind: 'autonomous-county', region: '渝东南武陵山区城镇群' },
  { code: '500241', name: '秀山土家族苗族自治县', kind: 'autonomous-county', region: '渝东南武陵山区城镇群' },
  { code: '500242', name: '酉阳土家族苗族自治县', kind: 'autonomous-county', region: '渝东南武陵山区城镇群' },
  { code: '500243', name: '彭水苗族土家族自治县', kind: 'autonomous-county', region: '渝东南武陵山区城镇群' },
  { code: 'LJXQ', name: '两江新区', kind: 'functional-zone', region: '主城都市区' },
  { code: 'GXQ', name: '西部科学城重庆高新区', kind: 'functional-zone', region: '主城都市区' },
  { code: 'WSJK', name: '万盛经开区', kind: 'functional-zone', region: '主城都市区' },
];

const BY_CODE: ReadonlyMap<string, District> = new Map(DISTRICTS.map((d) => [d.code, d]));

export function findDistrict(code: string): District | undefined {
  return BY_CODE.get(code);
}

/** Art 17 applies to districts of the regions the policy names (渝东北, 渝东南). */
export function isArt17District(district: District, art17Regions: readonly string[]): boolean {
  return art17Regions.includes(district.region);
}
