/**
 * The operating-data reports (Art 18, 20) as home to-dos: due or returned (operator), to review
 * (district), to review and overdue (bureau); each links to the report or the reporting page.
 */
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../context.js';
import { reportingTodos } from '../reporting/service.js';
import type { HomeTask } from './service.js';

export async function reportTasks(db: Db, ctx: RequestContext): Promise<HomeTask[]> {
  return (await reportingTodos(db, ctx.actor)).map((t) => ({ kind: t.kind, title: t.title, link: t.link, due: t.dueOn }));
}
