/**
 * Loading a platform for a use case: outside the caller's read scope it does not exist (404);
 * visible but not the caller's to change, it is refused (403). Every registry feature goes
 * through these two, so scope and write rights are decided in one place.
 */
import type { Executor } from '../../db/client.js';
import { platformScope } from '../../domain/auth/scope.js';
import { canEditPlatform } from '../../domain/platforms/permissions.js';
import type { RequestContext } from '../context.js';
import { errors } from '../errors.js';
import { findPlatform, type PlatformRecord } from './repository.js';

export async function visiblePlatform(db: Executor, ctx: RequestContext, id: string): Promise<PlatformRecord> {
  const p = await findPlatform(db, platformScope(ctx.actor), id);
  if (!p) throw errors.notFound('平台');
  return p;
}

export async function editablePlatform(db: Executor, ctx: RequestContext, id: string): Promise<PlatformRecord> {
  const p = await visiblePlatform(db, ctx, id);
  if (!canEditPlatform(ctx.actor, p)) throw errors.forbidden('修改该平台的数据');
  return p;
}
