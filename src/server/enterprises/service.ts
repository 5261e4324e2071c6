import type { Db } from '../../db/client.js';
import { platformScope } from '../../domain/auth/scope.js';
import { INDUSTRY_SECTIONS, parseIndustry } from '../../domain/enterprises/industry.js';
import { usccWaiting } from '../../domain/enterprises/uscc-input.js';
import { audit, diff } from '../audit/audit.js';
import type { RequestContext } from '../context.js';
import { errors } from '../errors.js';
import { toPage, type Page } from '../pagination.js';
import { enterpriseRow, residenceRow } from './mappers.js';
import * as repo from './repository.js';
import { residencesOfEnterprise } from './residence-repository.js';
import { mayEditEnterprise } from './residences.js';
import type { EnterpriseListQuery, EnterprisePatch, EnterpriseRow } from './schema.js';

export const listIndustries = () => INDUSTRY_SECTIONS.map((s) => ({ code: s.code, name: s.name, service: s.service }));

export async function listEnterprises(db: Db, ctx: RequestContext, q: EnterpriseListQuery): Promise<Page<EnterpriseRow>> {
  return toPage(await repo.listEnterprises(db, platformScope(ctx.actor), q), q, enterpriseRow);
}

async function visibleEnterprise(db: Db, ctx: RequestContext, id: string): Promise<repo.EnterpriseRecord> {
  const e = await repo.findEnterprise(db, platformScope(ctx.actor), id);
  if (!e) throw errors.notFound('企业');
  return e;
}

export async function getEnterprise(db: Db, ctx: RequestContext, id: string) {
  const e = await visibleEnterprise(db, ctx, id);
  const [years, residences] = await Promise.all([repo.enterpriseYearsOf(db, id), residencesOfEnterprise(db, platformScope(ctx.actor), id)]);
  return { ...enterpriseRow(e), years, residences: residences.map(residenceRow) };
}

/** The shared record (name, industry, HR service): changed by the bureau, or by whoever edits every platform it resides in. */
export async function updateEnterprise(db: Db, ctx: RequestContext, id: string, input: EnterprisePatch): Promise<EnterpriseRow> {
  const before = await visibleEnterprise(db, ctx, id);
  if (!(await mayEditEnterprise(db, ctx, id))) throw errors.forbidden('修改该企业信息');
  const industry = input.industry === undefined ? undefined : parseIndustry(input.industry)?.code;
  if (input.industry !== undefined && industry === undefined) throw errors.invalid('industry', '所属行业：须为国民经济行业门类，如「L 租赁和商务服务业」');
  const patch = { name: input.name, isHrService: input.isHrService, industry };
  const changes = diff(before, patch);
  if (Object.keys(changes).length > 0) {
    await db.transaction(async (tx) => {
      await repo.updateEnterprise(tx, id, patch);
      await audit(tx, ctx, { action: 'enterprise.update', entityType: 'enterprise', entityId: id, summary: { uscc: before.uscc, ...changes } });
    });
  }
  return enterpriseRow(await visibleEnterprise(db, ctx, id));
}

/**
 * A reviewer (district or bureau staff, in scope) accepts the reason recorded for a code failing
 * the check (RULES.md §7); until then the enterprise waits and is not counted.
 */
export async function acceptUscc(db: Db, ctx: RequestContext, id: string): Promise<EnterpriseRow> {
  const before = await visibleEnterprise(db, ctx, id);
  if (!usccWaiting(before)) throw errors.conflict('该企业的统一社会信用代码没有待审核的说明');
  await db.transaction(async (tx) => {
    if (!(await repo.acceptUsccReason(tx, id, ctx.actor.username))) throw errors.conflict('该企业的统一社会信用代码没有待审核的说明');
    await audit(tx, ctx, { action: 'enterprise.accept_uscc', entityType: 'enterprise', entityId: id, summary: { uscc: before.uscc, reason: before.usccOverrideReason } });
  });
  return enterpriseRow(await visibleEnterprise(db, ctx, id));
}
