import type { Db, Executor } from '../../db/client.js';
import { compareSchemes, cq2025, validateScheme, type DomainError, type SchemeComparison, type ScoreScheme } from '../../domain/index.js';
import { audit } from '../audit/audit.js';
import type { RequestContext } from '../context.js';
import { AppError, errors } from '../errors.js';
import * as repo from './repository.js';
import { isScoreScheme, type CloneSchemeInput, type SchemeDetail, type SchemeRow } from './schema.js';

function toRow(s: Omit<repo.SchemeRecord, 'document'>): SchemeRow {
  return {
    id: s.id, year: s.year, title: s.title, basedOn: s.basedOn, status: s.status,
    createdAt: s.createdAt.toISOString(), adoptedAt: s.adoptedAt?.toISOString() ?? null,
  };
}

/** The domain's errors, each with its path, as the one error format (400 VALIDATION_FAILED). */
function invalidDocument(list: readonly DomainError[]): AppError {
  const details = list.map((e) => ({ field: e.path === undefined ? 'document' : `document.${e.path}`, message: e.message }));
  return new AppError('VALIDATION_FAILED', 400, `评分方案有 ${details.length} 处错误：${details.map((d) => d.message).join('；')}`, details);
}

/** The document as the engine's type, or the reasons it cannot be one. */
function checkedDocument(doc: unknown): ScoreScheme {
  if (!isScoreScheme(doc)) throw invalidDocument([{ code: 'SCHEME_SHAPE', message: '方案内容结构不完整：须包含 settings、factors、tables（三类平台）、recognition、grading' }]);
  let problems: DomainError[];
  try {
    problems = validateScheme(doc);
  } catch {
    // validateScheme trusts the parts the outline leaves loose (rule details, recognition); a malformed one is still the user's input.
    problems = [{ code: 'SCHEME_SHAPE', message: '方案内容结构不完整：评分规则或认定条件缺少必要字段' }];
  }
  if (problems.length > 0) throw invalidDocument(problems);
  return doc;
}

async function load(db: Executor, id: string): Promise<repo.SchemeRecord> {
  const s = await repo.findScheme(db, id);
  if (!s) throw errors.notFound('评分方案');
  return s;
}

/**
 * Adopted schemes never change (Art 29, 409 on edit): their checked documents are kept in memory by id and
 * adoption time, so a request does not fetch and check the whole document again, and the engine's
 * compiled-scheme cache (keyed by the document object) holds from one request to the next.
 */
const adopted = new Map<string, { adoptedAt: number; scheme: ScoreScheme }>();

/** A stored scheme as the engine's type; documents are validated before they are stored. */
export async function loadScheme(db: Executor, id: string): Promise<{ row: SchemeRow; scheme: ScoreScheme }> {
  const row = await repo.findSchemeRow(db, id);
  if (!row) throw errors.notFound('评分方案');
  const kept = adopted.get(id);
  if (row.status === 'adopted' && kept !== undefined && kept.adoptedAt === row.adoptedAt?.getTime()) return { row: toRow(row), scheme: kept.scheme };
  const s = await load(db, id);
  if (!isScoreScheme(s.document)) throw new Error(`stored scheme ${id} is malformed`);
  if (s.status === 'adopted' && s.adoptedAt !== null) adopted.set(id, { adoptedAt: s.adoptedAt.getTime(), scheme: s.document });
  return { row: toRow(s), scheme: s.document };
}

/**
 * The scheme in force for a condition check made now: the one adopted last (the bureau switches a
 * §8 setting such as the resident count by adopting a new scheme), else the built-in one.
 */
export async function schemeInForce(db: Executor): Promise<ScoreScheme> {
  const id = await repo.newestAdoptedId(db);
  return id === null ? cq2025 : (await loadScheme(db, id)).scheme;
}

export async function listSchemes(db: Db): Promise<SchemeRow[]> {
  return (await repo.listSchemes(db)).map(toRow);
}

export async function getScheme(db: Db, id: string): Promise<SchemeDetail> {
  const { row, scheme } = await loadScheme(db, id);
  return { ...row, document: { ...scheme } };
}

export async function cloneScheme(db: Db, ctx: RequestContext, fromId: string, input: CloneSchemeInput): Promise<SchemeDetail> {
  const { scheme } = await loadScheme(db, fromId);
  if (await repo.findScheme(db, input.id)) throw errors.invalid('id', `编号：评分方案“${input.id}”已存在`);
  // The copy carries its own identity inside the document too, so exports and evaluations name it.
  const document: ScoreScheme = { ...scheme, id: input.id, year: input.year, title: input.title };
  await db.transaction(async (tx) => {
    await repo.insertScheme(tx, { id: input.id, year: input.year, title: input.title, basedOn: fromId, document, status: 'draft', createdBy: ctx.actor.userId });
    await audit(tx, ctx, { action: 'scheme.clone', entityType: 'score_scheme', entityId: input.id, summary: { from: fromId, year: input.year, title: input.title } });
  });
  return getScheme(db, input.id);
}

function assertDraft(s: repo.SchemeRecord): void {
  if (s.status === 'adopted') throw errors.conflict(`评分方案“${s.id}”已发布采用，不能修改；如需调整请复制为新的草稿`);
}

export async function replaceDocument(db: Db, ctx: RequestContext, id: string, body: Record<string, unknown>): Promise<SchemeDetail> {
  const before = await load(db, id);
  assertDraft(before);
  // The row is the scheme's identity: the document may not rename it or move it to another year.
  const document = checkedDocument({ ...body, id: before.id, year: before.year });
  await db.transaction(async (tx) => {
    if (!(await repo.updateDraft(tx, id, { document, title: document.title }))) assertDraft({ ...before, status: 'adopted' });
    const changes = isScoreScheme(before.document) ? compareSchemes(before.document, document) : null;
    await audit(tx, ctx, {
      action: 'scheme.update', entityType: 'score_scheme', entityId: id,
      summary: { rows: changes?.rows.map((r) => r.text) ?? [], other: changes?.other.map((o) => `${o.path}: ${o.before} → ${o.after}`) ?? [] },
    });
  });
  return getScheme(db, id);
}

export async function diffScheme(db: Db, id: string): Promise<SchemeComparison> {
  const { row, scheme } = await loadScheme(db, id);
  if (row.basedOn === null) throw errors.refused('NO_BASE', `评分方案“${id}”不是由其他方案复制而来，没有可对比的基础方案`);
  const base = await loadScheme(db, row.basedOn);
  return compareSchemes(base.scheme, scheme);
}

export async function adoptScheme(db: Db, ctx: RequestContext, id: string): Promise<SchemeDetail> {
  const before = await load(db, id);
  assertDraft(before);
  // Re-checked at adoption: validation rules may have grown since the draft was saved.
  checkedDocument(before.document);
  await db.transaction(async (tx) => {
    if (!(await repo.updateDraft(tx, id, { status: 'adopted', adoptedAt: new Date() }))) assertDraft({ ...before, status: 'adopted' });
    await audit(tx, ctx, { action: 'scheme.adopt', entityType: 'score_scheme', entityId: id, summary: { status: ['draft', 'adopted'] } });
  });
  return getScheme(db, id);
}
