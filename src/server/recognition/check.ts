/**
 * The bureau's check (Art 10–13, 17): the rule engine on the application's figures, every condition
 * with value, threshold, article, hard or soft; the qualitative items as a checklist the bureau
 * confirms (who, when); Art 17 lowered thresholds and deadlines (渝东北 / 渝东南 only) and accepted
 * soft shortfalls recorded on the application; then a return to the district or a rejection.
 */
import type { Db } from '../../db/client.js';
import { cq2025 } from '../../domain/index.js';
import { applicationCheckInput, type ApplicationTerms } from '../../domain/recognition/facts.js';
import { applicationStateLabels, bureauMayDecide } from '../../domain/recognition/workflow.js';
import { audit } from '../audit/audit.js';
import { todayIso } from '../clock.js';
import type { RequestContext } from '../context.js';
import { AppError, errors } from '../errors.js';
import { checkDocument } from '../rules/service.js';
import { schemeInForce } from '../schemes/service.js';
import { districtAudience, formOf, loadApplication, takeStep, termsOf } from './access.js';
import { getApplication } from './application.js';
import * as repo from './repository.js';
import type { ApplicationDetail, CheckResponse } from './schema.js';

const locked = (state: Parameters<typeof bureauMayDecide>[0]): AppError =>
  new AppError('APPLICATION_LOCKED', 409, `「${applicationStateLabels[state]}」状态下不能记录审核决定，须待区县政府报送市局后进行`);

export async function getCheck(db: Db, ctx: RequestContext, id: string): Promise<CheckResponse> {
  const a = await loadApplication(db, ctx, id);
  const confirmations = await repo.listConfirmations(db, a.id);
  const input = applicationCheckInput(a.districtCode, formOf(a), termsOf(a), confirmations.map((c) => c.item), todayIso());
  const res = checkDocument(input, await schemeInForce(db));
  return {
    applicationId: a.id,
    input: { type: input.type, level: 'municipal', facts: { ...input.facts }, adjustments: { ...input.adjustments } },
    result: res.ok ? res.value : null,
    errors: res.ok ? [] : res.value.errors,
    confirmations: confirmations.map((c) => ({ item: c.item, note: c.note, confirmedByName: c.confirmedByName, confirmedAt: c.confirmedAt.toISOString() })),
    canDecide: bureauMayDecide(a.state),
  };
}

/** The checklist items of the application's type (Art 10 and the type's qualitative conditions). */
const checklistItems = (type: keyof typeof cq2025.recognition.types) => [...cq2025.recognition.common, ...cq2025.recognition.types[type].checklist];
const checklistIds = (type: keyof typeof cq2025.recognition.types): Set<string> => new Set(checklistItems(type).map((i) => i.id));
/** An item as the log names it: its article and text, not its id. */
const itemText = (type: keyof typeof cq2025.recognition.types, id: string): string => {
  const item = checklistItems(type).find((i) => i.id === id);
  return item === undefined ? id : `${item.article} ${item.text}`;
};

export async function setChecklistItem(db: Db, ctx: RequestContext, id: string, body: { item: string; confirmed: boolean; note?: string | null | undefined }): Promise<CheckResponse> {
  const a = await loadApplication(db, ctx, id);
  if (!bureauMayDecide(a.state)) throw locked(a.state);
  const ids = checklistIds(a.type);
  if (!ids.has(body.item)) throw errors.invalid('item', `核验事项：该类型平台没有这一事项，可选：${checklistItems(a.type).map((i) => i.article).join('、')}`);
  await db.transaction(async (tx) => {
    const changed = body.confirmed
      ? (await repo.confirmItem(tx, a.id, body.item, body.note ?? null, ctx.actor.userId), true)
      : await repo.unconfirmItem(tx, a.id, body.item);
    if (changed) {
      await audit(tx, ctx, {
        action: body.confirmed ? 'recognition.checklist.confirm' : 'recognition.checklist.unconfirm', entityType: 'recognition_application', entityId: a.id,
        summary: { item: itemText(a.type, body.item), note: body.note ?? null },
      });
    }
  });
  return getCheck(db, ctx, id);
}

/** The engine names `adjustments.lowered.0.condition`; the API calls it `terms.lowered.0.condition`. */
const termsField = (path: string | undefined): string =>
  path === undefined || path === 'adjustments' ? 'terms' : `terms.${path.replace(/^adjustments\./, '')}`;

/**
 * Replaces the Art 17 terms and accepted shortfalls, checked by the rule engine against the measures'
 * conditions and the application's district: an Art 17 term outside 渝东北 / 渝东南, an unknown
 * condition, a hard condition accepted as a soft shortfall are refused with the engine's message, and nothing is saved.
 */
export async function setTerms(db: Db, ctx: RequestContext, id: string, terms: ApplicationTerms): Promise<CheckResponse> {
  const a = await loadApplication(db, ctx, id);
  if (!bureauMayDecide(a.state)) throw locked(a.state);
  const probe = checkDocument({ type: a.type, level: 'municipal', facts: { district: a.districtCode }, adjustments: terms });
  if (!probe.ok) {
    const errs = probe.value.errors;
    throw new AppError('VALIDATION_FAILED', 400, errs.map((e) => e.message).join('；'), errs.map((e) => ({ field: termsField(e.path), message: e.message })));
  }
  await db.transaction(async (tx) => {
    if (!(await repo.updateApplication(tx, a.id, a.state, { terms }))) throw errors.conflict('该认定申请已被他人处理，请刷新后重试');
    await audit(tx, ctx, { action: 'recognition.application.terms', entityType: 'recognition_application', entityId: a.id, summary: { before: termsOf(a), after: terms } });
  });
  return getCheck(db, ctx, id);
}

export async function bureauReturn(db: Db, ctx: RequestContext, id: string, reason: string): Promise<ApplicationDetail> {
  const a = await loadApplication(db, ctx, id);
  await takeStep(db, ctx, a, 'bureau_return', {
    reason,
    notice: { audience: districtAudience(a, ['district_gov', 'district']), kind: 'recognition.application.returned_to_district', title: `${a.name}的认定申请被市人力社保局退回`, body: reason },
  });
  return getApplication(db, ctx, id);
}

export async function rejectApplication(db: Db, ctx: RequestContext, id: string, reason: string): Promise<ApplicationDetail> {
  const a = await loadApplication(db, ctx, id);
  await takeStep(db, ctx, a, 'reject', {
    reason,
    notice: { audience: districtAudience(a, ['district_gov', 'district']), kind: 'recognition.application.rejected', title: `${a.name}的认定申请未获认定`, body: reason },
  });
  return getApplication(db, ctx, id);
}
