/** Residences: an enterprise in a platform in a year, with that year's revenue, pass-through and tax. */
import type { Db, Executor } from '../../db/client.js';
import { platformEditScope, platformScope } from '../../domain/auth/scope.js';
import { parseIndustry } from '../../domain/enterprises/industry.js';
import { keptOverrideReason, mayAcceptUscc, normalizeUscc, usccProblem } from '../../domain/enterprises/uscc-input.js';
import { audit, diff } from '../audit/audit.js';
import type { RequestContext } from '../context.js';
import { errors } from '../errors.js';
import { fileOfPlatform } from '../files/repository.js';
import { toPage, type Page } from '../pagination.js';
import { editablePlatform, visiblePlatform } from '../platforms/access.js';
import { residenceRow } from './mappers.js';
import * as enterprises from './repository.js';
import * as repo from './residence-repository.js';
import type { ResidenceInput, ResidenceListQuery, ResidencePatch, ResidenceRow } from './schema.js';

export async function listResidences(db: Db, ctx: RequestContext, platformId: string, q: ResidenceListQuery): Promise<Page<ResidenceRow>> {
  await visiblePlatform(db, ctx, platformId);
  return toPage(await repo.listResidences(db, platformId, q), q, residenceRow);
}

/** The year's dates must touch the year: entered by its end, not left before it began. */
export function checkDatesInYear(year: number, entry: string | null | undefined, exit: string | null | undefined): { field: string; message: string } | null {
  if (entry && entry > `${year}-12-31`) return { field: 'entryDate', message: `入驻日期：不能晚于 ${year} 年末` };
  if (exit && exit < `${year}-01-01`) return { field: 'exitDate', message: `退出日期：不能早于 ${year} 年初` };
  if (entry && exit && exit < entry) return { field: 'exitDate', message: '退出日期：不能早于入驻日期' };
  return null;
}

async function checkAgreement(db: Executor, platformId: string, fileId: string | null | undefined): Promise<void> {
  if (fileId && !(await fileOfPlatform(db, platformId, fileId))) throw errors.invalid('agreementFileId', '入驻协议：附件不存在或不属于该平台');
}

/**
 * Whether the caller may change an enterprise's shared record (name, industry, HR service, the
 * year's above-scale flag): the bureau always; others only while every platform it resides in is
 * one they edit. Another district's enterprise named in a new residence is linked to, not rewritten.
 */
async function mayWriteShared(db: Executor, ctx: RequestContext, enterpriseId: string): Promise<boolean> {
  return isBureau(ctx) || enterprises.residesOnlyInScope(db, platformEditScope(ctx.actor), enterpriseId);
}

const isBureau = (ctx: RequestContext) => ctx.actor.role === 'admin' || ctx.actor.role === 'bureau';

/** The enterprise by code: created, or brought up to date when the caller may edit it (audited when it changes). */
async function upsertEnterprise(tx: Executor, ctx: RequestContext, input: ResidenceInput, uscc: string, industry: string): Promise<{ id: string; editable: boolean }> {
  const wanted = { name: input.name, industry, isHrService: input.isHrService, usccOverrideReason: keptOverrideReason(uscc, input.usccOverrideReason) };
  const existing = await enterprises.findByUscc(tx, uscc);
  // A reviewer's own reason is accepted by them; an operator's waits for one (RULES.md §7).
  const accepted = wanted.usccOverrideReason !== null && mayAcceptUscc(ctx.actor.role) ? { usccAccepted: true } : {};
  if (!existing) {
    const id = await enterprises.insertEnterprise(tx, { uscc, ...wanted });
    if ('usccAccepted' in accepted) await enterprises.acceptReviewerReasons(tx, [id], ctx.actor.username);
    await audit(tx, ctx, { action: 'enterprise.create', entityType: 'enterprise', entityId: id, summary: { after: { uscc, ...wanted }, ...accepted } });
    return { id, editable: true };
  }
  if (!(await mayWriteShared(tx, ctx, existing.id))) return { id: existing.id, editable: false };
  const changes = diff(existing, wanted);
  if (Object.keys(changes).length > 0) {
    await enterprises.updateEnterprise(tx, existing.id, wanted);
    if ('usccAccepted' in accepted) await enterprises.acceptReviewerReasons(tx, [existing.id], ctx.actor.username);
    await audit(tx, ctx, { action: 'enterprise.update', entityType: 'enterprise', entityId: existing.id, summary: { ...changes, ...accepted } });
  }
  return { id: existing.id, editable: true };
}

export async function createResidence(db: Db, ctx: RequestContext, platformId: string, input: ResidenceInput): Promise<ResidenceRow> {
  await editablePlatform(db, ctx, platformId);
  const uscc = normalizeUscc(input.uscc);
  const problem = usccProblem(uscc, input.usccOverrideReason);
  if (problem) throw errors.invalid('uscc', `统一社会信用代码：${problem}`);
  const industry = parseIndustry(input.industry);
  if (!industry) throw errors.invalid('industry', '所属行业：须为国民经济行业门类，如「L 租赁和商务服务业」');
  const dates = checkDatesInYear(input.year, input.entryDate, input.exitDate);
  if (dates) throw errors.invalid(dates.field, dates.message);
  await checkAgreement(db, platformId, input.agreementFileId);
  const id = await db.transaction(async (tx) => {
    const { id: enterpriseId, editable } = await upsertEnterprise(tx, ctx, input, uscc, industry.code);
    if (await repo.residenceExists(tx, platformId, enterpriseId, input.year)) throw errors.conflict(`该企业 ${input.year} 年已在本平台入驻名录中`);
    // The year's above-scale flag is shared too (an unset flag counts as not above scale elsewhere).
    if (editable) await enterprises.setAboveScale(tx, enterpriseId, input.year, input.aboveScale);
    const row = {
      platformId, enterpriseId, year: input.year, mode: input.mode, entryDate: input.entryDate ?? null, exitDate: input.exitDate ?? null,
      agreementFileId: input.agreementFileId ?? null, revenueYuan: BigInt(input.revenueYuan), passThroughYuan: BigInt(input.passThroughYuan ?? 0), taxYuan: BigInt(input.taxYuan),
    };
    const newId = await repo.insertResidence(tx, row);
    await audit(tx, ctx, { action: 'residence.create', entityType: 'residence', entityId: newId, summary: { platformId, uscc, year: input.year, after: { ...input, uscc }, ...(editable ? {} : { enterpriseKept: true }) } });
    return newId;
  });
  return getResidence(db, ctx, id);
}

async function getResidence(db: Executor, ctx: RequestContext, id: string): Promise<ResidenceRow> {
  const r = await repo.findResidence(db, platformScope(ctx.actor), id);
  if (!r) throw errors.notFound('入驻记录');
  return residenceRow(r);
}

/** A residence the caller may change: 404 outside the read scope, 403 when only readable. */
async function editableResidence(db: Db, ctx: RequestContext, id: string): Promise<ResidenceRow> {
  const before = await getResidence(db, ctx, id);
  await editablePlatform(db, ctx, before.platformId);
  return before;
}

export async function updateResidence(db: Db, ctx: RequestContext, id: string, input: ResidencePatch): Promise<ResidenceRow> {
  const before = await editableResidence(db, ctx, id);
  const revenue = input.revenueYuan ?? before.revenueYuan;
  if ((input.passThroughYuan ?? before.passThroughYuan) > revenue) throw errors.invalid('passThroughYuan', '其中代收代付（元）：不能大于营业收入');
  const dates = checkDatesInYear(before.year, input.entryDate === undefined ? before.entryDate : input.entryDate, input.exitDate === undefined ? before.exitDate : input.exitDate);
  if (dates) throw errors.invalid(dates.field, dates.message);
  await checkAgreement(db, before.platformId, input.agreementFileId);
  const changes = diff(before, input);
  if (Object.keys(changes).length === 0) return before;
  const { aboveScale, revenueYuan, passThroughYuan, taxYuan, ...plain } = input;
  await db.transaction(async (tx) => {
    if (aboveScale !== undefined) await enterprises.setAboveScale(tx, before.enterpriseId, before.year, aboveScale);
    await repo.updateResidence(tx, id, {
      ...plain,
      ...(revenueYuan === undefined ? {} : { revenueYuan: BigInt(revenueYuan) }),
      ...(passThroughYuan === undefined ? {} : { passThroughYuan: BigInt(passThroughYuan) }),
      ...(taxYuan === undefined ? {} : { taxYuan: BigInt(taxYuan) }),
    });
    await audit(tx, ctx, { action: 'residence.update', entityType: 'residence', entityId: id, summary: { platformId: before.platformId, uscc: before.uscc, year: before.year, ...changes } });
  });
  return getResidence(db, ctx, id);
}

export async function deleteResidence(db: Db, ctx: RequestContext, id: string): Promise<void> {
  const before = await editableResidence(db, ctx, id);
  await db.transaction(async (tx) => {
    await repo.deleteResidence(tx, id);
    await audit(tx, ctx, { action: 'residence.delete', entityType: 'residence', entityId: id, summary: { before } });
  });
}

/** Enterprises resident offline in two or more platforms in the year: the bureau sees all, a district those touching it. */
export async function listDuplicates(db: Db, ctx: RequestContext, year: number) {
  const rows = await repo.offlineDuplicates(db, platformScope(ctx.actor), year);
  const groups = new Map<string, { year: number; enterpriseId: string; uscc: string; enterpriseName: string; residences: { residenceId: string; platformId: string; platformName: string; districtCode: string; districtName: string }[] }>();
  for (const r of rows) {
    const g = groups.get(r.enterpriseId) ?? { year, enterpriseId: r.enterpriseId, uscc: r.uscc, enterpriseName: r.enterpriseName, residences: [] };
    g.residences.push({ residenceId: r.residenceId, platformId: r.platformId, platformName: r.platformName, districtCode: r.districtCode, districtName: r.districtName });
    groups.set(r.enterpriseId, g);
  }
  return [...groups.values()];
}

/** Whether the caller may change an enterprise's shared record (PATCH /enterprises/{id}): see mayWriteShared. */
export async function mayEditEnterprise(db: Db, ctx: RequestContext, enterpriseId: string): Promise<boolean> {
  return mayWriteShared(db, ctx, enterpriseId);
}
