import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Executor } from '../../db/client.js';
import { cq2025 } from '../../domain/index.js';
import { ensureOrganization, ensureScheme, upsertDistricts, type DistrictRow } from './repository.js';

const csvPath = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../db/reference/chongqing-districts.csv');
const kinds = ['district', 'county', 'autonomous-county', 'functional-zone'] as const;

/** The district units, from the project's own copy of chongqing-districts.csv. */
export function loadDistricts(): DistrictRow[] {
  const lines = fs.readFileSync(csvPath, 'utf8').trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const [code, name, kind, region] = line.split(',').map((c) => c.trim());
    const k = kinds.find((x) => x === kind);
    if (!code || !name || !k || !region) throw new Error(`bad district line: ${line}`);
    return { code, name, kind: k, region };
  });
}

export const bureauOrgCode = 'CQHRSS';

export function districtUnitName(d: DistrictRow): string {
  return d.kind === 'functional-zone' ? `${d.name}人力社保部门` : `${d.name}人力社保局`;
}

/** Reference data every database has: the 41 district units, the bureau, the built-in score scheme. Safe to run at every start. */
export async function seedReference(db: Executor): Promise<void> {
  const rows = loadDistricts();
  await upsertDistricts(db, rows);
  await ensureOrganization(db, { kind: 'bureau', name: '重庆市人力资源和社会保障局', code: bureauOrgCode, districtCode: null });
  for (const d of rows) {
    await ensureOrganization(db, { kind: 'district', name: districtUnitName(d), code: `HRSS-${d.code}`, districtCode: d.code });
  }
  await ensureOrganization(db, { kind: 'expert_pool', name: '重庆市人力资源服务发展平台评审专家库', code: 'EXPERTS', districtCode: null });
  // The measures' own tables (附表2–4) are the first adopted scheme; later years are cloned from it.
  await ensureScheme(db, { id: cq2025.id, year: cq2025.year, title: cq2025.title, document: cq2025, status: 'adopted', adoptedAt: new Date() });
}
