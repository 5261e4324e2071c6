import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../test/app.js';
import { makeOrg, makePlatform, makeResidence, makeSite, makeUser, makeYearData } from '../../../test/factories.js';
import type { Role } from '../../domain/auth/roles.js';
import { NOTIFICATION_KINDS, notificationLink, type NotificationKind, type NotificationPage } from '../../domain/notifications/kinds.js';
import { todayIso } from '../clock.js';
import { runDeadlineReminders } from '../evaluations/campaign/reminders.js';

/**
 * A campaign driven through submission, return, forwarding, expert assignment and a declined
 * assignment, and the deadline reminders: every notification delivered links to the page its
 * kind names, its recipient's role is in that kind's audience, and every API call that page makes
 * on opening answers 200 for the recipient (src/web/router/notification-links.test.ts checks the
 * pages' role lists).
 */
const ctx = useTestApp();
const clients = new Map<string, Client>();
let evaluationId = '';

const shift = (n: number) => new Date(Date.parse(`${todayIso()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const ok = async (who: Client, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, status = 200) => {
  const res = await who.call(method, path, body);
  expect(res.statusCode, `${method} ${path}: ${res.body}`).toBe(status);
  return res;
};

/** What each page requests when it opens (the views' onMounted calls), for a notification's ids. */
const pageCalls: Record<NotificationPage, (e: string, entry: string, platformId: string) => string[]> = {
  'evaluation-entry': (e, entry, p) => [`/evaluations/${e}`, `/evaluations/${e}/entries/${entry}`, `/evaluations/${e}/scheme`, `/files?platformId=${p}&ownerType=evaluation_entry&ownerId=${entry}`],
  'review-assignment': (e, entry, p) => [`/evaluations/${e}/entries/${entry}/assignment`, `/evaluations/${e}/entries/${entry}`, `/files?platformId=${p}&ownerType=evaluation_entry&ownerId=${entry}`],
  'evaluation-results': (e) => ['/evaluations', `/evaluations/${e}/results`],
  // Not reached by this campaign; src/server/recognition/recognition.test.ts opens these links.
  'recognition-application': () => [],
  // Platform notifications are checked in src/server/yeardata/recognition-deadlines.test.ts.
  'platform-detail': (_e, _entry, p) => [`/platforms/${p}`],
  // Not reached by this campaign; src/server/objections/objections.test.ts opens these links.
  'publicity-objections': () => [],
  // Art 28 filings: src/server/district-evaluations/district-evaluations.test.ts opens these links.
  'district-evaluation-overview': () => [],
  'district-evaluation-filing': () => [],
  // Not reached by this campaign; src/server/reporting/reporting.test.ts opens these links.
  reporting: () => [],
};

const declinedBy = async (entryId: string, username: string) => (await ctx.database.pool.query(
  "select 1 from expert_assignments a join users u on u.id = a.expert_user_id where a.entry_id = $1 and u.username = $2 and a.status = 'declined'", [entryId, username],
)).rowCount === 1;

async function client(username: string): Promise<Client> {
  const known = clients.get(username);
  if (known) return known;
  const c = await loginAs(ctx.app, username);
  clients.set(username, c);
  return c;
}

beforeAll(async () => {
  const db = ctx.database.db;
  const operatorOrg = await makeOrg(db, 'operator', '500107');
  const through = await makePlatform(db, { level: 'municipal', districtCode: '500107', operatorOrgId: operatorOrg, name: '通知链接园' });
  await makePlatform(db, { level: 'municipal', districtCode: '500107', operatorOrgId: operatorOrg, name: '仍在自评园' });
  for (let i = 0; i < 8; i++) await makeResidence(db, { platformId: through, aboveScale: i < 2, revenueYuan: 50_000_000, taxYuan: 300_000 });
  await makeSite(db, through, 15_000);
  await makeYearData(db, through, 2025, { safety: 'full', valueOrientation: 'sound', researchResults: 1 });
  const bureau = await client((await makeUser(db, 'bureau')).username);
  const district = await client((await makeUser(db, 'district', { districtCode: '500107' })).username);
  await makeUser(db, 'district_gov', { districtCode: '500107' });
  const operator = await client((await makeUser(db, 'operator', { organizationId: operatorOrg })).username);
  const expertA = await makeUser(db, 'expert');
  const expertB = await makeUser(db, 'expert');

  evaluationId = (await ok(bureau, 'POST', '/evaluations', { year: 2025, schemeId: 'cq-2025', selfEvaluationEnd: shift(5), districtReviewEnd: shift(10), municipalReviewEnd: shift(20) }, 201)).json<{ id: string }>().id;
  await ok(bureau, 'POST', `/evaluations/${evaluationId}/open`);
  const entries = (await ok(operator, 'GET', `/evaluations/${evaluationId}/entries`)).json<{ id: string; platformId: string }[]>();
  const entryId = entries.find((x) => x.platformId === through)!.id;
  const url = (rest = '') => `/evaluations/${evaluationId}/entries/${entryId}${rest}`;
  const rows = async () => (await ok(district, 'GET', url())).json<{ sheet: { rows: { code: string; counted: boolean }[] } }>().sheet.rows.filter((r) => r.counted);

  await ok(operator, 'POST', url('/submit'));
  const first = (await rows())[0]!;
  await ok(district, 'PUT', url(`/rows/${first.code}/review`), { decision: 'returned', comment: '请补充材料' });
  await ok(district, 'POST', url('/return'));
  await ok(operator, 'POST', url('/submit'));
  await ok(district, 'PUT', url('/rows/review'), { rows: (await rows()).map((r) => ({ code: r.code, decision: 'accepted' })) });
  await ok(district, 'POST', url('/forward'));
  await ok(bureau, 'POST', url('/experts'), { expertUserId: expertA.id }, 201);
  await ok(bureau, 'POST', url('/experts'), { expertUserId: expertB.id }, 201);
  await ok(await client(expertB.username), 'POST', url('/assignment/decline'), { reason: '曾为该平台提供咨询服务' });
  await runDeadlineReminders(db, shift(4));
  await runDeadlineReminders(db, shift(30));
});

interface Delivered { kind: string; link: string | null; role: Role; username: string; data: { evaluationId?: string; entryId?: string } }

describe('notification links', () => {
  it('open for their recipients: the kind’s page, its audience, the page’s API calls all 200', async () => {
    const { rows } = await ctx.database.pool.query<Delivered>(
      'select n.kind, n.link, n.data, u.role, u.username from notifications n join users u on u.id = n.user_id order by n.created_at',
    );
    const seen = new Set<string>();
    for (const n of rows) {
      expect(Object.keys(NOTIFICATION_KINDS), `unknown kind ${n.kind}`).toContain(n.kind);
      const kind = n.kind as NotificationKind;
      const spec = NOTIFICATION_KINDS[kind];
      expect(spec.audience as readonly Role[], `${kind} reached ${n.role}`).toContain(n.role);
      const ids = { evaluationId: n.data.evaluationId ?? '', ...(n.data.entryId === undefined ? {} : { entryId: n.data.entryId }) };
      expect(n.link, kind).toBe(notificationLink(kind, ids));
      const entry = n.data.entryId ?? '';
      const platformId = entry === '' ? '' : (await ctx.database.pool.query<{ platform_id: string }>('select platform_id from evaluation_entries where id = $1', [entry])).rows[0]!.platform_id;
      const who = await client(n.username);
      if (kind === 'evaluation.expert.assigned' && await declinedBy(entry, n.username)) {
        // A declined assignment is gone for its expert (they asked to step aside): the page says so.
        expect((await who.call('GET', `/evaluations/${n.data.evaluationId ?? ''}/entries/${entry}/assignment`)).statusCode).toBe(404);
        continue;
      }
      for (const path of pageCalls[spec.page](n.data.evaluationId ?? '', entry, platformId)) {
        const res = await who.call('GET', path);
        expect(res.statusCode, `${kind} → ${n.role} GET ${path}: ${res.body}`).toBe(200);
      }
      seen.add(`${kind} → ${n.role}`);
    }
    // The campaign reached every kind but publication (panel.test.ts and the e2e suites cover its results page).
    expect([...seen].sort()).toEqual([
      'evaluation.deadline.due_soon → operator',
      'evaluation.deadline.overdue → bureau',
      'evaluation.deadline.overdue → operator',
      'evaluation.entry.forwarded → bureau',
      'evaluation.entry.returned → operator',
      'evaluation.entry.submitted → district',
      'evaluation.expert.assigned → expert',
      'evaluation.expert.declined → bureau',
    ]);
  });
});
