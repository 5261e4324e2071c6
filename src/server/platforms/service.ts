import type { Db } from '../../db/client.js';
import { platformScope } from '../../domain/auth/scope.js';
import type { RequestContext } from '../context.js';
import { errors } from '../errors.js';
import type { Page } from '../pagination.js';
import * as repo from './repository.js';
import type { PlatformListQuery, PlatformRow } from './schema.js';

function toRow({ total: _total, ...r }: PlatformRow & { total?: number }): PlatformRow {
  return r;
}

export async function listPlatforms(db: Db, ctx: RequestContext, q: PlatformListQuery): Promise<Page<PlatformRow>> {
  const { rows, total } = await repo.listPlatforms(db, platformScope(ctx.actor), q);
  return { items: rows.map(toRow), total, page: q.page, pageSize: q.pageSize };
}

export async function getPlatform(db: Db, ctx: RequestContext, id: string): Promise<PlatformRow> {
  const row = await repo.findPlatform(db, platformScope(ctx.actor), id);
  if (!row) throw errors.notFound('平台');
  return row;
}

/** The public portal lists recognized and filed platforms only, and no personal data. */
export async function listPublicPlatforms(db: Db, q: PlatformListQuery) {
  const { rows, total } = await repo.listPlatforms(db, { kind: 'all' }, q, true);
  const items = rows.map((r) => ({ id: r.id, name: r.name, level: r.level, type: r.type, districtName: r.districtName, status: r.status }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}
