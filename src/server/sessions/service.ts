import type { Db } from '../../db/client.js';
import { sessionExpired, sessionTooOld } from '../../domain/auth/lockout.js';
import { audit } from '../audit/audit.js';
import { deleteSession, listSessions } from '../auth/repository.js';
import type { RequestContext } from '../context.js';
import { errors } from '../errors.js';
import { getSecuritySettings } from '../settings/service.js';
import { merged } from '../merge.js';

export async function onlineSessions(db: Db, currentSessionId: string) {
  const { idleTimeoutMinutes, sessionMaxHours } = await getSecuritySettings(db);
  const now = new Date();
  const rows = await listSessions(db);
  return rows
    // Sessions past either clock are dead (the next request deletes them), so not online.
    .filter((s) => !sessionExpired(s.lastSeenAt, idleTimeoutMinutes, now) && !sessionTooOld(s.createdAt, sessionMaxHours, now))
    .map((s) => merged(s, { createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString(), current: s.id === currentSessionId }));
}

export async function forceLogout(db: Db, ctx: RequestContext, sessionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    if ((await deleteSession(tx, sessionId)) === 0) throw errors.notFound('会话');
    await audit(tx, ctx, { action: 'session.force_logout', entityType: 'session', entityId: sessionId });
  });
}
