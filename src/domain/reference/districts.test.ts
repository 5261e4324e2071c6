/** The district list copied from chongqing-districts.csv, and the Art 17 regions. */
import { describe, expect, it } from 'vitest';
import { cq2025 } from '../rules/schemes/cq-2025.js';
import { DISTRICTS, findDistrict, isArt17District } from './districts.js';

describe('districts', () => {
  it('holds the 38 districts and counties and 3 functional zones', () => {
    expect(DISTRICTS).toHaveLength(41);
    expect(DISTRICTS.filter((d) => d.kind === 'functional-zone').map((d) => d.name)).toEqual(['两江新区', '西部科学城重庆高新区', '万盛经开区']);
    expect(new Set(DISTRICTS.map((d) => d.code)).size).toBe(41);
  });

  it('marks exactly the 渝东北 and 渝东南 districts for Art 17', () => {
    const art17 = DISTRICTS.filter((d) => isArt17District(d, cq2025.recognition.art17Regions)).map((d) => d.name);
    expect(art17).toHaveLength(17);
    expect(art17).toEqual(expect.arrayContaining(['万州区', '黔江区', '开州区', '梁平区', '武隆区', '城口县', '巫溪县', '彭水苗族土家族自治县']));
    expect(art17).not.toContain('涪陵区');
    expect(findDistrict('500240')?.region).toBe('渝东南武陵山区城镇群');
  });
});
