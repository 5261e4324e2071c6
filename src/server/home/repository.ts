import { and, eq, gte, sql } from 'drizzle-orm';
import { loginLog, organizations, sessions, users } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';

export async function adminCounts(db: Executor, since: Date) {
  const [row] = await db
    .select({
      users: sql<number>`(select count(*) from ${users} where ${users.disabled} = false)`.mapWith(Number),
      organizations: sql<number>`(select count(*) from ${organizations} where ${organizations.disabled} = false)`.mapWith(Number),
      sessions: sql<number>`(select count(*) from ${sessions} where ${sessions.lastSeenAt} > now() - interval '30 minutes')`.mapWith(Number),
      failedLogins: sql<number>`count(*)`.mapWith(Number),
    })
    .from(loginLog)
    .where(and(eq(loginLog.success, false), gte(loginLog.at, since)));
  return row ?? { users: 0, organizations: 0, sessions: 0, failedLogins: 0 };
}
