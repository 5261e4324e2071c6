/**
 * The terms a municipal platform was recognized under (RULES.md §5): Art 17 lowered thresholds and
 * deadlines (渝东北, 渝东南 only) and soft (原则上) shortfalls the bureau accepted. The annual
 * re-check of Art 31 applies them, so a platform is judged by what it was granted, not the plain table.
 */
import type { Db } from '../../db/client.js';
import { platformScope } from '../../domain/auth/scope.js';
import { checkConditions, cq2025, type ConditionAdjustments } from '../../domain/index.js';
import { audit } from '../audit/audit.js';
import type { RequestContext } from '../context.js';
import { AppError, errors } from '../errors.js';
import * as repo from './repository.js';
import { art } from '../../domain/measures.js';

export type RecognitionTerms = Omit<ConditionAdjustments, 'asOf' | 'confirmed'>;

/** Stored terms read back; anything else (never written by HRSP) counts as none. */
export function termsOf(v: unknown): RecognitionTerms {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v) : {};
}

/** The engine names `adjustments.lowered.0.condition`; the API calls the same thing `recognitionTerms.lowered.0.condition`. */
const termsField = (path: string | undefined): string =>
  path === undefined || path === 'adjustments' ? 'recognitionTerms' : `recognitionTerms.${path.replace(/^adjustments\./, '')}`;

export async function getRecognitionTerms(db: Db, ctx: RequestContext, id: string): Promise<RecognitionTerms> {
  const p = await repo.findPlatform(db, platformScope(ctx.actor), id);
  if (!p) throw errors.notFound('平台');
  return termsOf(p.recognitionTerms);
}

/**
 * Replaces the terms. They are checked by the rule engine against the measures' own conditions and the
 * platform's district (an Art 17 term outside 渝东北/渝东南, an unknown condition, a hard condition
 * "accepted" as a soft shortfall are refused with the engine's Chinese message); nothing is saved then.
 */
export async function setRecognitionTerms(db: Db, ctx: RequestContext, id: string, terms: RecognitionTerms): Promise<RecognitionTerms> {
  const p = await repo.findPlatform(db, { kind: 'all' }, id);
  if (!p) throw errors.notFound('平台');
  if (p.level !== 'municipal') throw errors.invalid('level', `认定条款：只有市级平台按认定时的条款复核认定条件（${art(17)}、${art(31)}）`);
  const check = checkConditions(p.type, 'municipal', { district: p.districtCode }, { recognition: cq2025.recognition, settings: cq2025.settings }, terms);
  if (!check.ok) {
    throw new AppError('VALIDATION_FAILED', 400, check.errors.map((e) => e.message).join('；'),
      check.errors.map((e) => ({ field: termsField(e.path), message: e.message })));
  }
  await db.transaction(async (tx) => {
    await repo.updatePlatform(tx, id, { recognitionTerms: terms });
    await audit(tx, ctx, { action: 'platform.recognition_terms', entityType: 'platform', entityId: id, summary: { before: termsOf(p.recognitionTerms), after: terms } });
  });
  return terms;
}
