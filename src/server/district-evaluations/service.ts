/**
 * Art 28: the districts' yearly evaluation of their district-level platforms, filed with the bureau.
 * A district unit sees and edits only its own filing; the bureau sees every district's and acknowledges or
 * returns them; nobody else takes part. Each step and its audit row are one transaction.
 */
import { Readable } from 'node:stream';
import type { Db } from '../../db/client.js';
import {
  checkFilingStep, districtMayEdit, filingProblems, filingStatusLabels, type FilingAction, type FilingState,
} from '../../domain/district-evaluations/filing.js';
import { art } from '../../domain/measures.js';
import { audit } from '../audit/audit.js';
import type { RequestContext } from '../context.js';
import { AppError, errors } from '../errors.js';
import * as filesRepo from '../files/repository.js';
import { notify } from '../notifications/service.js';
import { receiveUpload, storeUpload, type FilePart } from '../recognition/materials.js';
import * as repo from './repository.js';
import { storedItems, type FilingResponse, type OverviewResponse, type SaveInput, type StoredItem } from './schema.js';

export const FILING_FILE_OWNER = 'district_evaluation_filing';

/** The caller's own district: only a district unit files (government, operators and experts never). */
function ownDistrict(ctx: RequestContext): string {
  if (ctx.actor.role !== 'district' || ctx.actor.districtCode === null) throw errors.forbidden('填报区县级平台年度评估结果');
  return ctx.actor.districtCode;
}

function itemsOf(f: repo.FilingRecord | null): StoredItem[] {
  if (!f) return [];
  const parsed = storedItems.safeParse(f.items);
  if (!parsed.success) throw new Error(`district evaluation filing ${f.id}: stored items do not match their schema`);
  return parsed.data;
}

async function view(db: Db, districtCode: string, year: number, f: repo.FilingRecord | null): Promise<FilingResponse> {
  const district = await repo.findDistrict(db, districtCode);
  if (!district) throw errors.notFound('区县');
  const ps = await repo.districtPlatforms(db, districtCode);
  const items = itemsOf(f);
  const status: FilingState = f?.status ?? 'none';
  return {
    id: f?.id ?? null, districtCode, districtName: district.name, year, status, statusLabel: filingStatusLabels[status],
    items, platforms: ps, note: f?.note ?? null,
    document: f?.documentFileId && f.documentName !== null && f.documentSize !== null && f.documentUploadedAt !== null
      ? { id: f.documentFileId, originalName: f.documentName, sizeBytes: f.documentSize, uploadedAt: f.documentUploadedAt.toISOString() } : null,
    submittedAt: f?.submittedAt?.toISOString() ?? null, submittedByName: f?.submittedByName ?? null,
    decidedAt: f?.decidedAt?.toISOString() ?? null, decidedByName: f?.decidedByName ?? null, decisionNote: f?.decisionNote ?? null,
    problems: districtMayEdit(status) ? filingProblems(ps, items) : [],
  };
}

/** The caller's filing for the year; a district without one gets an empty one listing its platforms. */
export async function mine(db: Db, ctx: RequestContext, year: number): Promise<FilingResponse> {
  const code = ownDistrict(ctx);
  return view(db, code, year, await repo.findFilingOf(db, code, year));
}

/** A filing by id: the bureau any, a district unit its own; others are refused by the route. */
async function visible(db: Db, ctx: RequestContext, id: string): Promise<repo.FilingRecord> {
  const f = await repo.findFiling(db, id);
  const own = ctx.actor.role === 'district' ? f?.districtCode === ctx.actor.districtCode : ctx.actor.role === 'admin' || ctx.actor.role === 'bureau';
  if (!f || !own) throw errors.notFound('区县评估结果备案');
  return f;
}

export async function getFiling(db: Db, ctx: RequestContext, id: string): Promise<FilingResponse> {
  const f = await visible(db, ctx, id);
  return view(db, f.districtCode, f.year, f);
}

function step(action: FilingAction, from: FilingState, ctx: RequestContext) {
  const c = checkFilingStep(action, from, ctx.actor.role);
  if (!c.ok) throw new AppError('FILING_REFUSED', 409, c.message);
  return c.to;
}

/** Saves the district's rows (a draft; a returned filing becomes a draft again). Names are taken from the registry. */
export async function save(db: Db, ctx: RequestContext, year: number, input: SaveInput): Promise<FilingResponse> {
  const code = ownDistrict(ctx);
  const f = await repo.findFilingOf(db, code, year);
  const from: FilingState = f?.status ?? 'none';
  step('save', from, ctx);
  const ps = await repo.districtPlatforms(db, code);
  const names = new Map(ps.map((p) => [p.id, p.name]));
  const foreign = input.items.find((i) => !names.has(i.platformId));
  if (foreign) throw errors.invalid('items', '评估结果：所列平台须为本区县已备案的区县级平台');
  const items: StoredItem[] = input.items.map((i) => ({ platformId: i.platformId, platformName: names.get(i.platformId) ?? '', grade: i.grade, score: i.score ?? null, note: i.note ?? null }));
  await db.transaction(async (tx) => {
    const id = await repo.upsertDraft(tx, code, year, from, { items, note: input.note ?? null });
    if (id === null) throw errors.conflict('该年度评估结果已被他人修改，请刷新后重试');
    await audit(tx, ctx, { action: 'district_evaluation.save', entityType: 'district_evaluation_filing', entityId: id, summary: { districtCode: code, year, items: items.length, status: [from, 'draft'] } });
  });
  return mine(db, ctx, year);
}

/** Submits a complete filing; the bureau is told. */
export async function submit(db: Db, ctx: RequestContext, id: string): Promise<FilingResponse> {
  const f = await visible(db, ctx, id);
  const to = step('submit', f.status, ctx);
  const problems = filingProblems(await repo.districtPlatforms(db, f.districtCode), itemsOf(f));
  if (problems.length > 0) throw new AppError('FILING_INCOMPLETE', 409, `暂不能报送：${problems.join('；')}`, [], undefined, { items: problems });
  await db.transaction(async (tx) => {
    if (!(await repo.setStatus(tx, f.id, f.status, to, { userId: ctx.actor.userId, kind: 'submitted' }))) throw errors.conflict('该年度评估结果状态已变化，请刷新后重试');
    await audit(tx, ctx, { action: 'district_evaluation.submit', entityType: 'district_evaluation_filing', entityId: f.id, summary: { districtCode: f.districtCode, year: f.year, status: [f.status, to] } });
    await notify(tx, { kind: 'roles', roles: ['bureau'] }, {
      kind: 'district_evaluation.submitted', title: `${f.districtName}已报送 ${f.year} 年度区县级平台评估结果（${art(28)}）`, target: {}, data: { filingId: f.id, year: f.year },
    });
  });
  return getFiling(db, ctx, id);
}

/** What the district is told of the bureau's decision. */
const DECISION_NOTICE = {
  acknowledge: { kind: 'district_evaluation.acknowledged', text: '已确认备案' },
  return: { kind: 'district_evaluation.returned', text: '被退回修改' },
} as const;

/** The bureau acknowledges (note optional) or returns (reason required) a submitted filing; the district is told. */
export async function decide(db: Db, ctx: RequestContext, id: string, action: 'acknowledge' | 'return', note: string | null): Promise<FilingResponse> {
  const f = await visible(db, ctx, id);
  const to = step(action, f.status, ctx);
  await db.transaction(async (tx) => {
    if (!(await repo.setStatus(tx, f.id, f.status, to, { userId: ctx.actor.userId, kind: 'decided', note }))) throw errors.conflict('该年度评估结果状态已变化，请刷新后重试');
    await audit(tx, ctx, { action: action === 'acknowledge' ? 'district_evaluation.acknowledge' : 'district_evaluation.return', entityType: 'district_evaluation_filing', entityId: f.id, summary: { districtCode: f.districtCode, year: f.year, status: [f.status, to], note } });
    await notify(tx, { kind: 'district', districtCode: f.districtCode, roles: ['district'] }, {
      kind: DECISION_NOTICE[action].kind, title: `${f.year} 年度区县级平台评估结果${DECISION_NOTICE[action].text}`, body: note ?? '', target: {}, data: { filingId: f.id, year: f.year },
    });
  });
  return getFiling(db, ctx, id);
}

/** Which of the districts (reference data) have filed for the year. */
export async function overview(db: Db, year: number): Promise<OverviewResponse> {
  const { all, filings, platforms } = await repo.overviewRows(db, year);
  const byDistrict = new Map(filings.map((f) => [f.districtCode, f]));
  const perDistrict = new Map<string, number>();
  for (const p of platforms) perDistrict.set(p.districtCode, (perDistrict.get(p.districtCode) ?? 0) + 1);
  const counts = { none: 0, draft: 0, submitted: 0, returned: 0, acknowledged: 0 };
  const rows = all.map((d) => {
    const f = byDistrict.get(d.code);
    const status: FilingState = f?.status ?? 'none';
    counts[status] += 1;
    const items = f ? storedItems.safeParse(f.items) : null;
    return {
      districtCode: d.code, districtName: d.name, region: d.region, platforms: perDistrict.get(d.code) ?? 0, status, statusLabel: filingStatusLabels[status],
      filingId: f?.id ?? null, items: items?.success === true ? items.data.length : 0, submittedAt: f?.submittedAt?.toISOString() ?? null,
    };
  });
  return { year, total: rows.length, counts, rows };
}

/** Reminds the district units that have not submitted the year's filing (those with district-level platforms). */
export async function remind(db: Db, ctx: RequestContext, year: number): Promise<{ districts: number; notified: number }> {
  const o = await overview(db, year);
  const due = o.rows.filter((r) => (r.status === 'none' || r.status === 'draft' || r.status === 'returned') && r.platforms > 0);
  let notified = 0;
  await db.transaction(async (tx) => {
    for (const r of due) {
      notified += await notify(tx, { kind: 'district', districtCode: r.districtCode, roles: ['district'] }, {
        kind: 'district_evaluation.reminder', title: `请报送 ${year} 年度区县级平台评估结果（${art(28)}）`, target: {}, data: { year }, dedupeKey: `district-evaluation:${year}:${r.districtCode}:${new Date().toISOString().slice(0, 10)}`,
      });
    }
    await audit(tx, ctx, { action: 'district_evaluation.remind', entityType: 'district_evaluation_filing', entityId: null, summary: { year, districts: due.map((r) => r.districtCode), notified } });
  });
  return { districts: due.length, notified };
}

/** Attaches (or replaces) the district's document; the scope is checked before the form is read. */
export async function uploadDocument(db: Db, ctx: RequestContext, id: string, maxBytes: number, read: () => Promise<{ part: FilePart }>): Promise<FilingResponse> {
  const f = await visible(db, ctx, id);
  if (ctx.actor.role !== 'district') throw errors.forbidden('上传区县评估结果文件');
  const { part } = await read();
  if (!districtMayEdit(f.status)) {
    part.file.resume();
    throw new AppError('FILING_REFUSED', 409, `「${filingStatusLabels[f.status]}」的评估结果不能更换附件`);
  }
  const u = await receiveUpload(part, maxBytes);
  await db.transaction(async (tx) => {
    const fileId = await storeUpload(tx, u, { ownerType: FILING_FILE_OWNER, ownerId: f.id, purpose: 'evaluation_result' }, ctx.actor.userId);
    const old = await repo.setDocument(tx, f.id, fileId);
    await audit(tx, ctx, { action: 'district_evaluation.document', entityType: 'district_evaluation_filing', entityId: f.id, summary: { fileId, replaced: old, filename: u.originalName, sizeBytes: u.size, sm3: u.sm3 } });
  });
  return getFiling(db, ctx, id);
}

export async function openDocument(db: Db, ctx: RequestContext, id: string): Promise<{ name: string; mime: string; size: number; stream: Readable }> {
  const f = await visible(db, ctx, id);
  const file = f.documentFileId === null ? null : await repo.documentOf(db, f.documentFileId);
  if (!file) throw errors.notFound('评估结果文件');
  if (file.sm3 === null) throw new AppError('FILE_CONTENT_MISSING', 404, '附件内容缺失，请重新上传');
  return { name: file.originalName, mime: file.mimeType, size: file.sizeBytes, stream: Readable.from(filesRepo.readContent(db, file.id)) };
}
