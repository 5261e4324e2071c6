/**
 * The operating-data reports (Art 18, 20) as home to-dos: due or returned (operator), to review
 * (district), to review and overdue (bureau); each links to the report or the reporting page.
 */
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../context.js';
import { reportingTodos } from '../reporting/service.js';
import type { HomeTask } from './service.js';

export async function reportTasks(db: Db, ctx: RequestContext): Promise<HomeTask[]> {
  // A district's or the bureau's to-do stands for several reports: its title says how many.
  return (await reportingTodos(db, ctx.actor)).map((t) => ({
    kind: t.kind, title: t.kind === 'reporting.to_review' || t.kind === 'reporting.overdue' ? `${t.title}（${t.count} 份）` : t.title, link: t.link, due: t.dueOn,
  }));
}
