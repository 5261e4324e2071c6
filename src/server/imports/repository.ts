/** Bulk reads and writes of the enterprise import: a few statements per thousand rows, not one per row. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { enterprises, enterpriseYears, platforms, residences } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';
import type { PlatformScope } from '../../domain/auth/scope.js';
import { platformScopeCondition } from '../platforms/repository.js';

/** Rows per statement: few round trips, and no single statement build long enough to stall the event loop. */
const CHUNK = 500;
function chunks<T>(xs: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

export interface EnterpriseFields {
  name: string;
  industry: string | null;
  isHrService: boolean;
  usccOverrideReason: string | null;
}

export async function enterprisesByUscc(db: Executor, codes: readonly string[]) {
  const found = new Map<string, EnterpriseFields & { id: string }>();
  for (const part of chunks(codes, 5000)) {
    const rows = await db
      .select({ id: enterprises.id, uscc: enterprises.uscc, name: enterprises.name, industry: enterprises.industry, isHrService: enterprises.isHrService, usccOverrideReason: enterprises.usccOverrideReason })
      .from(enterprises)
      .where(inArray(enterprises.uscc, part));
    for (const { uscc, ...r } of rows) found.set(uscc, r);
  }
  return found;
}

/** Inserts enterprises; one created meanwhile by another import is taken as it is (no-op update returns its id). */
export async function insertEnterprises(db: Executor, rows: readonly (EnterpriseFields & { uscc: string })[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const part of chunks(rows)) {
    const created = await db
      .insert(enterprises)
      .values(part)
      .onConflictDoUpdate({ target: enterprises.uscc, set: { uscc: sql`excluded.uscc` } })
      .returning({ id: enterprises.id, uscc: enterprises.uscc });
    for (const c of created) ids.set(c.uscc, c.id);
  }
  return ids;
}

/**
 * Of the given enterprises, those resident only in platforms of the (edit) scope: the ones whose
 * shared record the importer may change (the same rule as a single residence, see mayWriteShared).
 */
export async function enterprisesOnlyInScope(db: Executor, scope: PlatformScope, ids: readonly string[]): Promise<Set<string>> {
  const inScope = platformScopeCondition(scope) ?? sql`true`;
  const found = new Set<string>();
  for (const part of chunks(ids, 5000)) {
    const rows = await db.select({ id: residences.enterpriseId }).from(residences).innerJoin(platforms, eq(residences.platformId, platforms.id))
      .where(inArray(residences.enterpriseId, part))
      .groupBy(residences.enterpriseId)
      .having(sql`bool_and(coalesce(${inScope}, false))`);
    for (const r of rows) found.add(r.id);
  }
  return found;
}

export async function updateEnterprises(db: Executor, rows: readonly (EnterpriseFields & { id: string })[]): Promise<void> {
  for (const part of chunks(rows)) {
    const values = sql.join(part.map((r) => sql`(${r.id}::uuid, ${r.name}, ${r.industry}, ${r.isHrService}::boolean, ${r.usccOverrideReason})`), sql`, `);
    await db.execute(sql`
      update ${enterprises} as e set name = v.name, industry = v.industry, is_hr_service = v.hr, uscc_override_reason = v.reason, updated_at = now()
      from (values ${values}) as v(id, name, industry, hr, reason) where e.id = v.id`);
  }
}

export async function aboveScaleByEnterprise(db: Executor, ids: readonly string[], year: number): Promise<Map<string, boolean>> {
  const found = new Map<string, boolean>();
  for (const part of chunks(ids, 5000)) {
    const rows = await db.select({ id: enterpriseYears.enterpriseId, v: enterpriseYears.aboveScale }).from(enterpriseYears)
      .where(and(eq(enterpriseYears.year, year), inArray(enterpriseYears.enterpriseId, part)));
    for (const r of rows) found.set(r.id, r.v);
  }
  return found;
}

export async function upsertAboveScale(db: Executor, rows: readonly { enterpriseId: string; year: number; aboveScale: boolean }[]): Promise<void> {
  for (const part of chunks(rows)) {
    await db.insert(enterpriseYears).values(part)
      .onConflictDoUpdate({ target: [enterpriseYears.enterpriseId, enterpriseYears.year], set: { aboveScale: sql`excluded.above_scale` } });
  }
}

export type ResidenceFields = Pick<typeof residences.$inferSelect, 'mode' | 'entryDate' | 'exitDate' | 'revenueYuan' | 'passThroughYuan' | 'taxYuan'>;

export async function residencesOfPlatformYear(db: Executor, platformId: string, year: number): Promise<Map<string, ResidenceFields & { id: string }>> {
  const rows = await db
    .select({ id: residences.id, enterpriseId: residences.enterpriseId, mode: residences.mode, entryDate: residences.entryDate, exitDate: residences.exitDate, revenueYuan: residences.revenueYuan, passThroughYuan: residences.passThroughYuan, taxYuan: residences.taxYuan })
    .from(residences)
    .where(and(eq(residences.platformId, platformId), eq(residences.year, year)));
  return new Map(rows.map(({ enterpriseId, ...r }) => [enterpriseId, r]));
}

/** Inserts new residences and rewrites changed ones (updated_at moves only for those). */
export async function upsertResidences(db: Executor, rows: readonly (ResidenceFields & { platformId: string; enterpriseId: string; year: number })[]): Promise<void> {
  for (const part of chunks(rows)) {
    await db.insert(residences).values(part).onConflictDoUpdate({
      target: [residences.platformId, residences.enterpriseId, residences.year],
      set: {
        mode: sql`excluded.mode`, entryDate: sql`excluded.entry_date`, exitDate: sql`excluded.exit_date`, revenueYuan: sql`excluded.revenue_yuan`,
        passThroughYuan: sql`excluded.pass_through_yuan`, taxYuan: sql`excluded.tax_yuan`, updatedAt: sql`now()`,
      },
    });
  }
}
