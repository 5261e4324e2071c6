import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../test/app.js';
import { makePlatform, makeSite, makeUser } from '../../../test/factories.js';
import { NOTIFICATION_KINDS, notificationLink } from '../../domain/notifications/kinds.js';
import { runRecognitionDeadlineCheck } from './recognition-deadlines.js';

/**
 * Art 17 deadlines: a recognized platform of 渝东北 whose deadline passed with the lowered
 * condition unmet is raised to the bureau once (notification + to-do item); met, or not yet due, nothing.
 */
const ctx = useTestApp();
const TODAY = '2026-03-01';
let bureau: Client;
let bureau2: Client;
const ids: Record<'unmet' | 'met' | 'notDue', string> = { unmet: '', met: '', notDue: '' };

const deadline = (dueDate: string) => ({ deadlines: [{ condition: 'area', dueDate, decidedBy: '市人力社保局', decidedOn: '2024-03-01', reason: '渝东北地区设置面积达成时限' }] });
interface Home { tasks: { kind: string; title: string; link: string }[] }
interface Notes { items: { kind: string; title: string; link: string | null }[] }
const notifications = async () => (await ctx.database.pool.query<{ kind: string; link: string; username: string }>(
  "select n.kind, n.link, u.username from notifications n join users u on u.id = n.user_id where n.kind = 'platform.deadline.overdue' order by u.username",
)).rows;

beforeAll(async () => {
  const db = ctx.database.db;
  const b1 = await makeUser(db, 'bureau');
  const b2 = await makeUser(db, 'bureau');
  bureau = await loginAs(ctx.app, b1.username);
  bureau2 = await loginAs(ctx.app, b2.username);
  await makeUser(db, 'district', { districtCode: '500101' });
  // Sites of 2,000 m² against the 10,000 m² of Art 11 (一): unmet; 12,000 m²: met.
  ids.unmet = await makePlatform(db, { level: 'municipal', districtCode: '500101', name: '万州逾期园' });
  ids.met = await makePlatform(db, { level: 'municipal', districtCode: '500101', name: '万州达标园' });
  ids.notDue = await makePlatform(db, { level: 'municipal', districtCode: '500101', name: '万州未到期园' });
  await makeSite(db, ids.unmet, 2_000);
  await makeSite(db, ids.met, 12_000);
  await makeSite(db, ids.notDue, 2_000);
  for (const [id, due] of [[ids.unmet, '2025-12-31'], [ids.met, '2025-12-31'], [ids.notDue, '2026-12-31']] as const) {
    const res = await bureau.call('PUT', `/platforms/${id}/recognition-terms`, deadline(due));
    expect(res.statusCode, res.body).toBe(200);
  }
});

describe('the daily Art 17 deadline check', () => {
  it('raises a passed, unmet deadline to every bureau user once, linking to the platform detail', async () => {
    const report = await runRecognitionDeadlineCheck(ctx.database.db, TODAY);
    expect(report).toMatchObject({ checked: 2, raised: 1, unchecked: [] });
    const rows = await notifications();
    expect(rows).toHaveLength(2); // both bureau users
    expect(new Set(rows.map((r) => r.link))).toEqual(new Set([`/app/platforms/${ids.unmet}`]));
    expect(NOTIFICATION_KINDS['platform.deadline.overdue'].audience).toEqual(['bureau']);
    expect(notificationLink('platform.deadline.overdue', { platformId: ids.unmet })).toBe(`/app/platforms/${ids.unmet}`);
    const mine = (await bureau.call('GET', '/notifications')).json<Notes>().items.filter((n) => n.kind === 'platform.deadline.overdue');
    expect(mine).toEqual([expect.objectContaining({ title: '万州逾期园：「平台建筑面积」已过第十七条达成时限（2025-12-31）仍未达到' })]);
    // The link opens for its recipient.
    expect((await bureau.call('GET', `/platforms/${ids.unmet}`)).statusCode).toBe(200);
  });

  it('shows it on the bureau’s to-do list, and only there', async () => {
    const home = (await bureau2.call('GET', '/home')).json<Home>();
    expect(home.tasks).toEqual([{
      kind: 'platform.deadline.overdue', link: `/app/platforms/${ids.unmet}`,
      title: '万州逾期园：「平台建筑面积」已过第十七条达成时限（2025-12-31）仍未达到', due: '2025-12-31',
    }]);
  });

  it('does not raise it again on later runs', async () => {
    const again = await runRecognitionDeadlineCheck(ctx.database.db, TODAY);
    expect(again.raised).toBe(0);
    await runRecognitionDeadlineCheck(ctx.database.db, '2026-03-02');
    expect(await notifications()).toHaveLength(2);
    expect((await bureau.call('GET', '/home')).json<Home>().tasks).toHaveLength(1);
  });

  it('closes the to-do item once the condition is met', async () => {
    await makeSite(ctx.database.db, ids.unmet, 9_000);
    const report = await runRecognitionDeadlineCheck(ctx.database.db, '2026-03-03');
    expect(report).toMatchObject({ raised: 0, resolved: 1 });
    expect((await bureau.call('GET', '/home')).json<Home>().tasks).toEqual([]);
    expect(await notifications()).toHaveLength(2);
  });
});
