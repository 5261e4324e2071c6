import type { Db } from '../../db/client.js';
import { userScope } from '../../domain/auth/scope.js';
import { disableOrganizationRefusal } from '../../domain/auth/roles.js';
import { audit, diff } from '../audit/audit.js';
import type { RequestContext } from '../context.js';
import { errors } from '../errors.js';
import { toPage, type Page } from '../pagination.js';
import * as repo from './repository.js';
import type { CreateOrgInput, OrganizationRow, OrgListQuery, UpdateOrgInput } from './schema.js';

function toRow(r: repo.OrganizationRecord): OrganizationRow {
  return { ...r, createdAt: r.createdAt.toISOString() };
}

/** District units and district governments must name their district; the bureau must not. */
function districtRule(kind: CreateOrgInput['kind'], districtCode: string | null | undefined): void {
  const needs = kind === 'district' || kind === 'district_gov' || kind === 'operator';
  if (needs && !districtCode) throw errors.invalid('districtCode', '所属区县：该类机构必须选择所属区县');
  if (kind === 'bureau' && districtCode) throw errors.invalid('districtCode', '所属区县：市局不属于任何区县');
}

export async function listOrganizations(db: Db, ctx: RequestContext, q: OrgListQuery): Promise<Page<OrganizationRow>> {
  return toPage(await repo.listOrganizations(db, userScope(ctx.actor), q), q, toRow);
}

export async function createOrganization(db: Db, ctx: RequestContext, input: CreateOrgInput): Promise<OrganizationRow> {
  districtRule(input.kind, input.districtCode);
  if (input.districtCode && !(await repo.districtExists(db, input.districtCode))) throw errors.invalid('districtCode', '所属区县：不存在该区县代码');
  if (await repo.orgCodeTaken(db, input.code)) throw errors.invalid('code', '代码：已被其他机构使用');
  const id = await db.transaction(async (tx) => {
    const newId = await repo.insertOrganization(tx, { ...input, districtCode: input.districtCode ?? null });
    await audit(tx, ctx, { action: 'organization.create', entityType: 'organization', entityId: newId, summary: { after: input } });
    return newId;
  });
  const created = await repo.findOrganization(db, id);
  if (!created) throw errors.notFound('机构');
  return toRow(created);
}

export async function updateOrganization(db: Db, ctx: RequestContext, id: string, input: UpdateOrgInput): Promise<OrganizationRow> {
  const before = await repo.findOrganization(db, id);
  if (!before) throw errors.notFound('机构');
  if (input.districtCode !== undefined) districtRule(before.kind, input.districtCode);
  if (input.districtCode && !(await repo.districtExists(db, input.districtCode))) throw errors.invalid('districtCode', '所属区县：不存在该区县代码');
  const refusal = input.disabled === true ? disableOrganizationRefusal(before.kind) : null;
  if (refusal) throw errors.invalid('disabled', `停用：${refusal}`);
  await db.transaction(async (tx) => {
    await repo.updateOrganization(tx, id, input);
    await audit(tx, ctx, { action: 'organization.update', entityType: 'organization', entityId: id, summary: diff(before, input) });
  });
  const after = await repo.findOrganization(db, id);
  if (!after) throw errors.notFound('机构');
  return toRow(after);
}
