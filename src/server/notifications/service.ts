/**
 * Notifications inside HRSP (nothing leaves the machine: no mail, no SMS). A use case calls
 * notify() inside its own transaction, so a step that rolls back tells nobody.
 */
import type { Executor, Db } from '../../db/client.js';
import type { RequestContext } from '../context.js';
import { notificationLink, type LinkIds, type NotificationKind } from '../../domain/notifications/kinds.js';
import * as repo from './repository.js';
import type { NotificationPage, NotificationQuery } from './schema.js';

export type { Audience } from './repository.js';

export interface NotificationInput {
  /** Stable machine kind (kinds.ts), e.g. `evaluation.entry.submitted`; it decides the page the link opens. */
  kind: NotificationKind;
  title: string;
  body?: string;
  /** The records the link opens; no link without them. */
  target?: LinkIds;
  data?: Record<string, unknown>;
  /** Same key for the same user is delivered once (reminders run every day). */
  dedupeKey?: string | null;
}

export async function notify(db: Executor, audience: repo.Audience, n: NotificationInput): Promise<number> {
  const userIds = await repo.audienceUserIds(db, audience);
  return repo.insertNotifications(db, userIds, {
    kind: n.kind, title: n.title, body: n.body ?? '', link: n.target ? notificationLink(n.kind, n.target) : null, data: n.data ?? {}, dedupeKey: n.dedupeKey ?? null,
  });
}

export async function listMine(db: Db, ctx: RequestContext, q: NotificationQuery): Promise<NotificationPage> {
  const r = await repo.listForUser(db, ctx.actor.userId, q.unread === 'true', q.pageSize, (q.page - 1) * q.pageSize);
  return {
    items: r.items.map((x) => ({
      id: x.id, kind: x.kind, title: x.title, body: x.body, link: x.link,
      createdAt: x.createdAt.toISOString(), readAt: x.readAt?.toISOString() ?? null,
    })),
    total: r.total, unread: r.unread, page: q.page, pageSize: q.pageSize,
  };
}

export async function unreadCount(db: Db, ctx: RequestContext): Promise<{ unread: number }> {
  return { unread: await repo.unreadCount(db, ctx.actor.userId) };
}

/** Reading one's own notifications is not audited: it changes nothing anyone else sees. */
export async function markRead(db: Db, ctx: RequestContext, ids: readonly string[] | null): Promise<{ updated: number }> {
  return { updated: await repo.markRead(db, ctx.actor.userId, ids) };
}
