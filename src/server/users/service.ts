import type { Db, Executor } from '../../db/client.js';
import { affiliationOrgKinds, managedBySystemAdmin, orgKindLabels, orgKindOfRole, roleLabels, type Role } from '../../domain/auth/roles.js';
import { userScope } from '../../domain/auth/scope.js';
import { audit, diff } from '../audit/audit.js';
import { hashPassword, newInitialPassword } from '../auth/passwords.js';
import { deleteUserSessions } from '../auth/repository.js';
import type { RequestContext } from '../context.js';
import { errors } from '../errors.js';
import { findOrganization } from '../organizations/repository.js';
import { maskPhone, type Page, toPage } from '../pagination.js';
import * as repo from './repository.js';
import type { AffiliationInput, CreateUserInput, UpdateUserInput, UserListQuery, UserRow } from './schema.js';

function toRow(u: repo.UserRecord): UserRow {
  return {
    id: u.id, username: u.username, displayName: u.displayName, role: u.role, organizationId: u.organizationId,
    organizationName: u.organizationName, phone: maskPhone(u.phone), disabled: u.disabled,
    lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
    mustChangePassword: u.mustChangePassword, totpEnabled: u.totpEnabled, lastLoginAt: u.lastLoginAt?.toISOString() ?? null, createdAt: u.createdAt.toISOString(),
    affiliationOrgId: u.affiliationOrgId, affiliationOrgName: u.affiliationOrgName,
  };
}

/** A role's users belong to the matching kind of organization (experts to the expert pool, …). */
async function checkRoleFitsOrganization(db: Executor, role: Role, organizationId: string): Promise<void> {
  const org = await findOrganization(db, organizationId);
  if (!org) throw errors.invalid('organizationId', '所属机构：不存在');
  if (org.disabled) throw errors.invalid('organizationId', '所属机构：已停用');
  const expected = orgKindOfRole[role];
  if (org.kind !== expected) {
    throw errors.invalid('organizationId', `所属机构：角色「${roleLabels[role]}」的用户应属于「${orgKindLabels[expected]}」类机构`);
  }
}

async function loadForAdmin(db: Executor, id: string): Promise<repo.UserRecord> {
  const u = await repo.findUser(db, { kind: 'all' }, id);
  if (!u) throw errors.notFound('用户');
  return u;
}

/** 三员: the system administrator does not manage the security administrator's or auditor's accounts. */
function assertManaged(role: Role): void {
  if (!managedBySystemAdmin(role)) throw errors.forbidden('管理安全管理员或安全审计员账号（须由部署人员用 hrsp create-admin 命令创建）');
}

export async function listUsers(db: Db, ctx: RequestContext, q: UserListQuery): Promise<Page<UserRow>> {
  return toPage(await repo.listUsers(db, userScope(ctx.actor), q), q, toRow);
}

export async function createUser(db: Db, ctx: RequestContext, input: CreateUserInput): Promise<{ user: UserRow; initialPassword: string }> {
  assertManaged(input.role);
  if (await repo.usernameTaken(db, input.username)) throw errors.invalid('username', '用户名：已被使用');
  await checkRoleFitsOrganization(db, input.role, input.organizationId);
  const initialPassword = newInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  const id = await db.transaction(async (tx) => {
    const newId = await repo.insertUser(tx, { ...input, phone: input.phone ?? null, passwordHash, mustChangePassword: true });
    await audit(tx, ctx, { action: 'user.create', entityType: 'user', entityId: newId, summary: { after: { ...input, phone: maskPhone(input.phone ?? null) } } });
    return newId;
  });
  return { user: toRow(await loadForAdmin(db, id)), initialPassword };
}

export async function updateUser(db: Db, ctx: RequestContext, id: string, input: UpdateUserInput): Promise<UserRow> {
  const before = await loadForAdmin(db, id);
  const role = input.role ?? before.role;
  assertManaged(before.role);
  assertManaged(role);
  if (input.role !== undefined || input.organizationId !== undefined) {
    await checkRoleFitsOrganization(db, role, input.organizationId ?? before.organizationId);
  }
  if (before.role === 'admin' && role !== 'admin' && (await repo.countActiveAdmins(db)) <= 1) {
    throw errors.invalid('role', '角色：不能取消最后一个管理员');
  }
  await db.transaction(async (tx) => {
    await repo.updateUser(tx, id, input);
    // A changed role or organization changes what the user may see: end their sessions.
    if (role !== before.role || (input.organizationId && input.organizationId !== before.organizationId)) await deleteUserSessions(tx, id);
    await audit(tx, ctx, { action: 'user.update', entityType: 'user', entityId: id, summary: diff({ ...before, phone: maskPhone(before.phone) }, { ...input, phone: input.phone === undefined ? undefined : maskPhone(input.phone) }) });
  });
  return toRow(await loadForAdmin(db, id));
}

export async function setUserDisabled(db: Db, ctx: RequestContext, id: string, disabled: boolean): Promise<UserRow> {
  const before = await loadForAdmin(db, id);
  assertManaged(before.role);
  if (disabled && id === ctx.actor.userId) throw errors.invalid('id', '不能停用自己的账号');
  if (disabled && before.role === 'admin' && (await repo.countActiveAdmins(db)) <= 1) throw errors.invalid('id', '不能停用最后一个管理员');
  await db.transaction(async (tx) => {
    await repo.updateUser(tx, id, { disabled });
    if (disabled) await deleteUserSessions(tx, id);
    await audit(tx, ctx, { action: disabled ? 'user.disable' : 'user.enable', entityType: 'user', entityId: id, summary: { disabled: [before.disabled, disabled] } });
  });
  return toRow(await loadForAdmin(db, id));
}

export async function unlockUser(db: Db, ctx: RequestContext, id: string): Promise<UserRow> {
  await loadForAdmin(db, id);
  await db.transaction(async (tx) => {
    await repo.updateUser(tx, id, { failedLogins: 0, lockedUntil: null });
    await audit(tx, ctx, { action: 'user.unlock', entityType: 'user', entityId: id });
  });
  return toRow(await loadForAdmin(db, id));
}

/** For a lost phone: the user then logs in with the password alone and may enrol again. */
export async function resetTotp(db: Db, ctx: RequestContext, id: string): Promise<UserRow> {
  const before = await loadForAdmin(db, id);
  assertManaged(before.role);
  await db.transaction(async (tx) => {
    await repo.updateUser(tx, id, { totpSecret: null, totpPendingSecret: null, totpLastStep: null });
    await audit(tx, ctx, { action: 'user.totp_reset', entityType: 'user', entityId: id, summary: { totpEnabled: [before.totpEnabled, false] } });
  });
  return toRow(await loadForAdmin(db, id));
}

export async function resetPassword(db: Db, ctx: RequestContext, id: string): Promise<{ user: UserRow; initialPassword: string }> {
  assertManaged((await loadForAdmin(db, id)).role);
  const initialPassword = newInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  await db.transaction(async (tx) => {
    await repo.updateUser(tx, id, { passwordHash, mustChangePassword: true, passwordChangedAt: new Date(), failedLogins: 0, lockedUntil: null });
    await deleteUserSessions(tx, id);
    await audit(tx, ctx, { action: 'user.reset_password', entityType: 'user', entityId: id });
  });
  return { user: toRow(await loadForAdmin(db, id)), initialPassword };
}

/**
 * An expert's affiliation (the platform operator they work for or are tied to): the expert
 * assignment refuses that organization's platforms (conflict of interest, Art 14 (二)). Set by
 * the bureau or the system administrator; audited.
 */
export async function setAffiliation(db: Db, ctx: RequestContext, id: string, input: AffiliationInput): Promise<UserRow> {
  const before = await loadForAdmin(db, id);
  if (before.role !== 'expert') throw errors.invalid('affiliationOrgId', '所属单位（利益回避）：只有评审专家账号设置所属单位');
  if (input.affiliationOrgId !== null) {
    const org = await findOrganization(db, input.affiliationOrgId);
    if (!org) throw errors.invalid('affiliationOrgId', '所属单位（利益回避）：机构不存在');
    if (!(affiliationOrgKinds as readonly string[]).includes(org.kind)) {
      throw errors.invalid('affiliationOrgId', `所属单位（利益回避）：须为${affiliationOrgKinds.map((k) => `「${orgKindLabels[k]}」`).join('、')}类机构`);
    }
  }
  if (input.affiliationOrgId === before.affiliationOrgId) return toRow(before);
  await db.transaction(async (tx) => {
    await repo.updateUser(tx, id, { affiliationOrgId: input.affiliationOrgId });
    await audit(tx, ctx, { action: 'user.affiliation', entityType: 'user', entityId: id, summary: { affiliationOrgId: [before.affiliationOrgId, input.affiliationOrgId] } });
  });
  return toRow(await loadForAdmin(db, id));
}
