/**
 * HOOK FOR THE REPORTING FEATURE (issue #16, "Reporting"): the operating-data reports due (operator)
 * and to review (district) as home to-dos. The reporting helper's branch exports the real function;
 * the merger replaces this body with a call to it (same signature), e.g.
 *   return (await reportTodos(db, ctx)).map((t) => ({ kind: 'report.due', title: …, link: …, due: t.dueOn }));
 * Until then it lists nothing, so the home page shows no invented items.
 */
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../context.js';
import type { HomeTask } from './service.js';

export function reportTasks(_db: Db, _ctx: RequestContext): Promise<HomeTask[]> {
  return Promise.resolve([]);
}
