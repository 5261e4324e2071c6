/** Self-evaluation (Art 30 (一)): the operator fills in its platform's sheet, with a text per indicator, and submits it. */
import type { Db } from '../../../db/client.js';
import { entryStatusLabels, operatorMayEdit } from '../../../domain/evaluation/workflow.js';
import { scoreSheet, type ScoreScheme, type SheetFacts } from '../../../domain/index.js';
import { labelFor } from '../../../domain/labels/index.js';
import { audit } from '../../audit/audit.js';
import { todayIso } from '../../clock.js';
import type { RequestContext } from '../../context.js';
import { AppError, type FieldError } from '../../errors.js';
import * as entriesRepo from '../entries/repository.js';
import type { EntryDetail, EntryPreview, SaveEntryInput } from '../entries/schema.js';
import { assertAction, entryDetail, liveSheet, loadEntry, refusal, rowCodes, textRecord, transition, windowsOf, type LoadedEntry } from '../entries/access.js';
import { factsRecord, parseFacts } from '../entries/scoring.js';

export async function getEntry(db: Db, ctx: RequestContext, evaluationId: string, entryId: string): Promise<EntryDetail> {
  return entryDetail(db, ctx, await loadEntry(db, ctx, evaluationId, entryId));
}

function invalid(details: FieldError[]): AppError {
  return new AppError('VALIDATION_FAILED', 400, details.map((d) => d.message).join('；'), details);
}

/**
 * The operator's facts, checked by the rule engine's schema for the entry's type. Judged rows are
 * scored by the experts: the operator may only propose a score (shown, never used). Where the
 * 选其一 pairs follow the park's orientation, the orientation recorded at recognition stays.
 */
function checkFacts(scheme: ScoreScheme, l: LoadedEntry, sent: Record<string, unknown>): SheetFacts {
  const parsed = parseFacts(l.entry.type, sent);
  if (!parsed.ok) throw invalid(parsed.errors);
  const problems: FieldError[] = [];
  for (const row of scheme.tables[l.entry.type].rows) {
    if (row.rule.kind !== 'judged') continue;
    const judged = factsRecord(sent[row.rule.fact]);
    for (const key of ['experts', 'panel']) {
      if (judged[key] !== undefined) {
        const field = `facts.${row.rule.fact}.${key}`;
        problems.push({ field, message: `${labelFor(['facts', row.rule.fact, key])}：${row.code} ${row.name}由评审专家打分，自评只能填写建议分` });
      }
    }
  }
  const recorded = factsRecord(l.entry.facts).orientation;
  const stored = recorded === 'industry' || recorded === 'service_line' ? recorded : undefined;
  if (scheme.settings.pairChoice === 'orientation' && stored !== undefined && sent.orientation !== undefined && sent.orientation !== stored) {
    problems.push({ field: 'facts.orientation', message: '事实数据·平台定位：平台定位以认定时登记的为准，选其一指标按定位计分，自评中不能修改' });
  }
  if (problems.length > 0) throw invalid(problems);
  return stored === undefined || scheme.settings.pairChoice !== 'orientation' ? parsed.value : { ...parsed.value, orientation: stored };
}

function checkTexts(scheme: ScoreScheme, l: LoadedEntry, texts: Record<string, string>): Record<string, string> {
  const codes = rowCodes(scheme, l);
  const unknown = Object.keys(texts).filter((k) => !codes.has(k));
  if (unknown.length > 0) throw invalid(unknown.map((k) => ({ field: `rowTexts.${k}`, message: `${labelFor(['rowTexts'])}：评分表中没有指标“${k}”` })));
  // An emptied text is no text: it is dropped rather than stored as "".
  const kept: [string, string][] = Object.entries(texts).flatMap(([k, t]): [string, string][] => (t.trim() === '' ? [] : [[k, t.trim()]]));
  return Object.fromEntries(kept);
}

/**
 * Scores unsaved facts as the entry would be scored (the campaign's scheme, the entry's type and factor),
 * for the live score while the operator types; saves nothing. Bad facts get the same 400 as saving.
 */
export async function previewEntry(db: Db, ctx: RequestContext, evaluationId: string, entryId: string, facts: Record<string, unknown>): Promise<EntryPreview> {
  const l = await loadEntry(db, ctx, evaluationId, entryId);
  const checked = checkFacts(l.scheme, l, facts);
  const r = scoreSheet(l.scheme, l.entry.type, l.entry.factor, checked);
  return r.ok ? { sheet: r.value, problems: [] } : { sheet: null, problems: r.errors.map((x) => x.message) };
}

/** Saves a draft: only the operator, only while the sheet is in its hands, only within the self-evaluation window. */
export async function saveEntry(db: Db, ctx: RequestContext, evaluationId: string, entryId: string, input: SaveEntryInput): Promise<EntryDetail> {
  const l = await loadEntry(db, ctx, evaluationId, entryId);
  if (!operatorMayEdit(l.entry.status)) {
    throw refusal('NOT_ALLOWED', `「${entryStatusLabels[l.entry.status]}」状态下不能修改自评，退回修改后方可编辑`);
  }
  const end = windowsOf(l.e).self_evaluation;
  if (todayIso() > end) throw refusal('WINDOW_CLOSED', `自评填报的期限（${end}）已过，请联系市人力社保局延期`);
  const facts = input.facts === undefined ? l.entry.facts : checkFacts(l.scheme, l, input.facts);
  const rowTexts = input.rowTexts === undefined ? textRecord(l.entry.rowTexts) : checkTexts(l.scheme, l, input.rowTexts);
  await db.transaction(async (tx) => {
    if (!(await entriesRepo.saveDraft(tx, l.entry.id, l.entry.status, facts, rowTexts))) throw refusal('NOT_ALLOWED', '该自评已提交或被他人处理，请刷新后重试');
    await audit(tx, ctx, {
      action: 'evaluation.entry.save', entityType: 'evaluation_entry', entityId: l.entry.id,
      summary: { evaluationId, platformId: l.entry.platformId, facts: input.facts !== undefined, rowTexts: Object.keys(rowTexts).length },
    });
  });
  return getEntry(db, ctx, evaluationId, entryId);
}

/**
 * Submits the sheet to the district: it is locked, its total stored. Where the scheme lets the platform
 * choose in each 选其一 pair, the choice in force is written into the facts, so recomputation never changes it.
 * The district is told through the audit row for now; notifications arrive with their own feature.
 */
export async function submitEntry(db: Db, ctx: RequestContext, evaluationId: string, entryId: string): Promise<EntryDetail> {
  const l = await loadEntry(db, ctx, evaluationId, entryId);
  assertAction(ctx, l, 'submit');
  const { sheet, problems } = liveSheet(l.scheme, l.entry);
  if (sheet === null) throw new AppError('ENTRY_NOT_SCORABLE', 400, `自评数据尚不完整，不能提交：${problems.join('；')}`);
  let facts: unknown;
  if (l.scheme.settings.pairChoice === 'free_choice') {
    const chosen = sheet.rows.flatMap((r): [string, string][] => (r.selection?.selected === true ? [[r.selection.pair, r.code]] : []));
    if (chosen.length > 0) facts = { ...factsRecord(l.entry.facts), choices: { ...factsRecord(factsRecord(l.entry.facts).choices), ...Object.fromEntries(chosen) } };
  }
  await transition(db, ctx, l, 'submit', {
    set: { selfTotal: sheet.total, submitted: true, ...(facts === undefined ? {} : { facts }) },
    summary: { selfTotal: sheet.total, districtCode: l.entry.districtCode },
    notice: {
      audience: { kind: 'district', districtCode: l.entry.districtCode, roles: ['district'] },
      notification: { kind: 'evaluation.entry.submitted', title: `${l.entry.platformName}提交了${l.e.year}年度自评，待区县初审`, body: `自评总分 ${sheet.total}` },
    },
  });
  return getEntry(db, ctx, evaluationId, entryId);
}
