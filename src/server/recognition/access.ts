/**
 * What every step of the recognition procedure shares: loading an application in the caller's
 * scope, the stored form read back, and a checked transition written with its history row, its
 * audit row and its notification in one transaction.
 */
import type { Db, Executor } from '../../db/client.js';
import type { Role } from '../../domain/auth/roles.js';
import { platformScope } from '../../domain/auth/scope.js';
import type { ApplicationForm } from '../../domain/recognition/form.js';
import type { ApplicationTerms } from '../../domain/recognition/facts.js';
import { checkApplicationAction, type ApplicationAction, type ApplicationRefusal, type ApplicationState } from '../../domain/recognition/workflow.js';
import type { NotificationKind } from '../../domain/notifications/kinds.js';
import { audit } from '../audit/audit.js';
import type { RequestContext } from '../context.js';
import { AppError, errors } from '../errors.js';
import { notify, type Audience } from '../notifications/service.js';
import * as repo from './repository.js';
import { formOut, termsBody } from './schema.js';

export async function loadApplication(db: Executor, ctx: RequestContext, id: string): Promise<repo.ApplicationRecord> {
  const a = await repo.findApplication(db, platformScope(ctx.actor), id);
  if (!a) throw errors.notFound('认定申请');
  return a;
}

/** The stored form read back through its schema; a document HRSS never wrote reads as name and type only. */
export function formOf(a: Pick<repo.ApplicationRecord, 'form' | 'name' | 'type'>): ApplicationForm {
  const parsed = formOut.safeParse({ ...(typeof a.form === 'object' && a.form !== null ? a.form : {}), name: a.name, type: a.type });
  return parsed.success ? parsed.data : { name: a.name, type: a.type };
}

export function termsOf(a: Pick<repo.ApplicationRecord, 'terms'>): ApplicationTerms {
  const parsed = termsBody.safeParse(a.terms);
  return parsed.success ? parsed.data : {};
}

/** A refused step with the table's Chinese message: a wrong state 409, a wrong role 403, a missing reason 400. */
export function refusal(code: ApplicationRefusal, message: string): AppError {
  switch (code) {
    case 'NOT_ALLOWED':
      return new AppError('APPLICATION_TRANSITION_REFUSED', 409, message);
    case 'ROLE':
      return new AppError('FORBIDDEN', 403, message);
    case 'REASON_REQUIRED':
      return errors.invalid('reason', `原因：${message}`);
  }
}

export function assertAction(ctx: RequestContext, a: repo.ApplicationRecord, action: ApplicationAction, reason?: string | null): ApplicationState {
  const check = checkApplicationAction(action, a.state, ctx.actor.role, reason);
  if (!check.ok) throw refusal(check.code, check.message);
  return check.to;
}

/** Who is told of a step: the district's units, the district's government, or the bureau. */
export function districtAudience(a: repo.ApplicationRecord, roles: readonly Role[]): Audience {
  return { kind: 'district', districtCode: a.districtCode, roles };
}

export interface Notice { audience: Audience; kind: NotificationKind; title: string; body?: string }

export interface StepOptions {
  reason?: string | null;
  set?: Parameters<typeof repo.updateApplication>[3];
  summary?: Record<string, unknown>;
  notice?: Notice;
  /** More writes of the same step (an opinion), inside its transaction. */
  also?: (tx: Executor) => Promise<void>;
}

/**
 * Takes a checked step: the state moves only from the state that was checked (a raced step changes
 * nothing), and the history row, the step's own writes, the audit row and the notification commit with it.
 */
export async function takeStep(db: Db, ctx: RequestContext, a: repo.ApplicationRecord, action: ApplicationAction, opts: StepOptions = {}): Promise<void> {
  const to = assertAction(ctx, a, action, opts.reason);
  await db.transaction(async (tx) => stepIn(tx, ctx, a, action, to, opts));
}

/** The writes of a checked step inside the caller's transaction (a notice posting or withdrawing several applications at once). */
export async function stepIn(tx: Executor, ctx: RequestContext, a: repo.ApplicationRecord, action: ApplicationAction, to: ApplicationState, opts: StepOptions = {}): Promise<void> {
  if (!(await repo.updateApplication(tx, a.id, a.state, { ...opts.set, state: to }))) throw errors.conflict('该认定申请已被他人处理，请刷新后重试');
  await repo.insertHistory(tx, { applicationId: a.id, action, fromState: a.state, toState: to, reason: opts.reason ?? null, userId: ctx.actor.userId });
  if (opts.also) await opts.also(tx);
  await audit(tx, ctx, {
    action: `recognition.application.${action}`, entityType: 'recognition_application', entityId: a.id,
    summary: { name: a.name, districtCode: a.districtCode, platformId: a.platformId, status: [a.state, to], ...(opts.reason ? { reason: opts.reason } : {}), ...opts.summary },
  });
  if (opts.notice) {
    const n = opts.notice;
    await notify(tx, n.audience, { kind: n.kind, title: n.title, ...(n.body === undefined ? {} : { body: n.body }), target: { applicationId: a.id }, data: { applicationId: a.id } });
  }
}
