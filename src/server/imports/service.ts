/**
 * The enterprise directory import: read and check the whole file, then write it in one
 * transaction, or write nothing. Writes only what differs, so importing the same file twice
 * changes nothing the second time.
 */
import crypto from 'node:crypto';
import type { Db, Executor } from '../../db/client.js';
import { platformEditScope, type PlatformScope } from '../../domain/auth/scope.js';
import { audit } from '../audit/audit.js';
import type { RequestContext } from '../context.js';
import { AppError } from '../errors.js';
import { mayAcceptUscc } from '../../domain/enterprises/uscc-input.js';
import { acceptReviewerReasons } from '../enterprises/repository.js';
import { editablePlatform } from '../platforms/access.js';
import { MAX_LISTED_ERRORS } from './columns.js';
import { ImportGate } from './gate.js';
import { readDirectory } from './parse.js';
import * as repo from './repository.js';
import { validateRows, type ImportRow } from './validate.js';

export interface ImportResult {
  platformId: string;
  year: number;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  enterprises: { created: number; updated: number; unchanged: number };
}

const sameEnterprise = (a: repo.EnterpriseFields, b: repo.EnterpriseFields) =>
  a.name === b.name && a.industry === b.industry && a.isHrService === b.isHrService && a.usccOverrideReason === b.usccOverrideReason;
const sameResidence = (a: repo.ResidenceFields, b: repo.ResidenceFields) =>
  a.mode === b.mode && a.entryDate === b.entryDate && a.exitDate === b.exitDate && a.revenueYuan === b.revenueYuan && a.passThroughYuan === b.passThroughYuan && a.taxYuan === b.taxYuan;

const fieldsOf = (r: ImportRow): repo.EnterpriseFields => ({ name: r.name, industry: r.industry, isHrService: r.isHrService, usccOverrideReason: r.usccOverrideReason });
const residenceOf = (r: ImportRow): repo.ResidenceFields => ({
  mode: r.mode, entryDate: r.entryDate, exitDate: r.exitDate, revenueYuan: r.revenueYuan, passThroughYuan: r.passThroughYuan, taxYuan: r.taxYuan,
});

/** The stored enterprises whose shared record the importer may change: all for the bureau, else those resident only in its scope. */
async function editableEnterprises(tx: Executor, scope: PlatformScope, stored: Map<string, { id: string }>): Promise<(id: string) => boolean> {
  if (scope.kind === 'all') return () => true;
  const editable = await repo.enterprisesOnlyInScope(tx, scope, [...stored.values()].map((e) => e.id));
  return (id) => editable.has(id);
}

/**
 * Compares the file with what is stored and writes the differences; returns the counts. A row
 * naming an enterprise shared with a platform outside the importer's scope links to it as it is.
 */
async function apply(tx: Executor, scope: PlatformScope, reviewer: string | null, platformId: string, year: number, rows: ImportRow[]): Promise<ImportResult> {
  const stored = await repo.enterprisesByUscc(tx, rows.map((r) => r.uscc));
  const mayEdit = await editableEnterprises(tx, scope, stored);
  const fresh = rows.filter((r) => !stored.has(r.uscc));
  const changedEnterprises = rows.flatMap((r) => {
    const s = stored.get(r.uscc);
    return s && mayEdit(s.id) && !sameEnterprise(s, fieldsOf(r)) ? [{ id: s.id, ...fieldsOf(r) }] : [];
  });
  const createdIds = await repo.insertEnterprises(tx, fresh.map((r) => ({ uscc: r.uscc, ...fieldsOf(r) })));
  await repo.updateEnterprises(tx, changedEnterprises);
  // Reasons a reviewer imports are accepted by them; an operator's wait for a reviewer (RULES.md §7).
  if (reviewer !== null) await acceptReviewerReasons(tx, [...createdIds.values(), ...changedEnterprises.map((e) => e.id)], reviewer);
  const idOf = (uscc: string): string => {
    const id = stored.get(uscc)?.id ?? createdIds.get(uscc);
    if (id === undefined) throw new Error(`enterprise ${uscc} missing after insert`);
    return id;
  };
  const ids = rows.map((r) => idOf(r.uscc));
  const [scale, existing] = await Promise.all([repo.aboveScaleByEnterprise(tx, ids, year), repo.residencesOfPlatformYear(tx, platformId, year)]);
  const changedEnterpriseIds = new Set(changedEnterprises.map((e) => e.id));
  const scaleWrites: { enterpriseId: string; year: number; aboveScale: boolean }[] = [];
  const residenceWrites: (repo.ResidenceFields & { platformId: string; enterpriseId: string; year: number })[] = [];
  let created = 0;
  let updated = 0;
  rows.forEach((r, i) => {
    const enterpriseId = ids[i] ?? idOf(r.uscc);
    // The year's above-scale flag is shared too: written only for an enterprise the importer may edit.
    const scaleChanged = scale.get(enterpriseId) !== r.aboveScale && (!stored.has(r.uscc) || mayEdit(enterpriseId));
    if (scaleChanged) scaleWrites.push({ enterpriseId, year, aboveScale: r.aboveScale });
    const before = existing.get(enterpriseId);
    const residenceChanged = !before || !sameResidence(before, residenceOf(r));
    if (residenceChanged) residenceWrites.push({ platformId, enterpriseId, year, ...residenceOf(r) });
    if (!before) created++;
    else if (residenceChanged || scaleChanged || changedEnterpriseIds.has(enterpriseId)) updated++;
  });
  await repo.upsertAboveScale(tx, scaleWrites);
  await repo.upsertResidences(tx, residenceWrites);
  return {
    platformId, year, rows: rows.length, created, updated, unchanged: rows.length - created - updated,
    enterprises: { created: createdIds.size, updated: changedEnterprises.length, unchanged: rows.length - createdIds.size - changedEnterprises.length },
  };
}

function fileRefused(code: string, message: string): AppError {
  return new AppError(code, 400, message, [{ field: 'file', message }]);
}

/** One per process: the imports of all users share it. */
const gate = new ImportGate();

type ImportInput = { platformId: string; year: number; filename: string; content: Buffer };

export async function importEnterprises(db: Db, ctx: RequestContext, input: ImportInput): Promise<ImportResult> {
  await editablePlatform(db, ctx, input.platformId);
  return gate.run(ctx.actor.userId, () => readAndApply(db, ctx, input));
}

/**
 * The directory's rows, all valid, or the refusal listing its errors (nothing is read into the
 * registry then). Recognition applications read their directory through this too.
 */
export async function readValidDirectory(content: Buffer, year: number): Promise<ImportRow[]> {
  const read = await readDirectory(content);
  if (!read.ok) throw fileRefused(read.code, read.message);
  const { rows, errors } = await validateRows(read.rows, year);
  if (errors.length > 0) {
    const listed = errors.slice(0, MAX_LISTED_ERRORS);
    const more = errors.length > listed.length ? `（仅列出前 ${listed.length} 处）` : '';
    throw new AppError('IMPORT_INVALID', 400, `文件有 ${errors.length} 处错误${more}，未导入任何数据：${listed.slice(0, 3).map((e) => e.message).join('；')}${errors.length > 3 ? '……' : ''}`,
      listed.map((e) => ({ field: `row${e.row}.${e.column}`, message: e.message })), undefined, { rowErrors: listed, errorCount: errors.length });
  }
  if (rows.length === 0) throw fileRefused('FILE_EMPTY', '文件中没有企业数据（示例行不导入）');
  return rows;
}

/** Work that reads a directory waits its turn in the one gate all imports share. */
export function inImportGate<T>(userId: string, work: () => Promise<T>): Promise<T> {
  return gate.run(userId, work);
}

async function readAndApply(db: Db, ctx: RequestContext, input: ImportInput): Promise<ImportResult> {
  const rows = await readValidDirectory(input.content, input.year);
  const sha256 = crypto.createHash('sha256').update(input.content).digest('hex');
  return db.transaction(async (tx) => {
    const result = await apply(tx, platformEditScope(ctx.actor), mayAcceptUscc(ctx.actor.role) ? ctx.actor.username : null, input.platformId, input.year, rows);
    if (result.unchanged < result.rows) {
      const { platformId: _p, ...counts } = result;
      await audit(tx, ctx, { action: 'enterprise.import', entityType: 'platform', entityId: input.platformId, summary: { file: input.filename, sha256, ...counts } });
    }
    return result;
  });
}
