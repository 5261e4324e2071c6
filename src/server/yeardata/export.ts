/** A platform's yearly data as .xlsx: one row per year, the derived facts first, then the year's data flattened. */
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../context.js';
import { labelFor } from '../../domain/labels/index.js';
import { visiblePlatform } from '../platforms/access.js';
import { sheetBuffer, type XlsxColumn } from '../xlsx.js';
import { derivedFacts, loadPlatformYear } from './facts.js';
import * as repo from './repository.js';

type Cell = string | number;
type Flat = Map<string, Cell>;

const derivedLabels: Readonly<Record<string, string>> = {
  'residentEnterprises.aboveScale': '线下入驻企业·规模以上（家）',
  'residentEnterprises.other': '线下入驻企业·其他（家）',
  residentRevenueYuan: '线下入驻企业营业收入（元）',
  taxYuan: '产业园及入驻企业纳税（元）',
  onlineRevenueYuan: '线上或协议入驻服务业企业营收（元）',
  revenueYuan: '市场及入驻人力资源服务企业营收（元，不含代收代付）',
  hrEnterprises: '入驻人力资源服务企业（家）',
  areaM2: '建筑面积（平方米）',
  'operatingStaff.titled': '专职运营人员·有职称（人）',
  'operatingStaff.other': '专职运营人员·其他（人）',
};

/** Nested counts become one column each; a list of names is joined, a list of events counted. */
function flatten(value: object, prefix: string, into: Flat): Flat {
  for (const [key, v] of new Map<string, unknown>(Object.entries(value))) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (Array.isArray(v)) into.set(path, v.every((x) => typeof x === 'string') ? v.join('、') : v.length);
    else if (typeof v === 'object' && v !== null) flatten(v, path, into);
    // Derived money and area arrive as exact decimal strings; Excel users want numbers to sum.
    else if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)) into.set(path, Number(v));
    else if (typeof v === 'number' || typeof v === 'string') into.set(path, v);
  }
  return into;
}

const dataHeader = (path: string): string => {
  const label = labelFor(path.split('.'));
  return path === 'events' ? `${label}（场数）` : label;
};

export async function exportYearData(db: Db, ctx: RequestContext, platformId: string) {
  const p = await visiblePlatform(db, ctx, platformId);
  const years = await repo.yearSummaries(db, platformId);
  const rows: { year: number; derived: Flat; data: Flat }[] = [];
  for (const { year } of years) {
    const y = await loadPlatformYear(db, platformId, year);
    rows.push({ year, derived: flatten(derivedFacts(y), '', new Map()), data: flatten(y.yearData.data, '', new Map()) });
  }
  const derivedKeys = [...new Set(rows.flatMap((r) => [...r.derived.keys()]))];
  const dataKeys = [...new Set(rows.flatMap((r) => [...r.data.keys()]))];
  const columns: XlsxColumn<(typeof rows)[number]>[] = [
    { header: '年度', value: (r) => r.year },
    ...derivedKeys.map((k) => ({ header: derivedLabels[k] ?? labelFor(k.split('.')), width: 22, value: (r: (typeof rows)[number]) => r.derived.get(k) ?? null })),
    ...dataKeys.map((k) => ({ header: dataHeader(k), width: 20, value: (r: (typeof rows)[number]) => r.data.get(k) ?? null })),
  ];
  return { filename: `${p.name}-年度数据.xlsx`, body: await sheetBuffer({ name: '年度数据', columns, rows }) };
}
