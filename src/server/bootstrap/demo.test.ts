import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { checkUscc } from '../../domain/ids/uscc.js';
import { todayIso } from '../clock.js';
import { verifyChain } from '../audit/verify.js';
import { publicResults, verifyPublishedResults } from '../evaluations/5-publication/service.js';
import { checkDocument, scoreDocument } from '../rules/service.js';
import { conditionFactsFor, sheetFactsFor } from '../yeardata/facts.js';
import { seedDemo } from './demo.js';
import { docNoRefusal } from '../../domain/platforms/doc-number.js';
import { runRecognitionDeadlineCheck } from '../yeardata/recognition-deadlines.js';
import { homeSummary } from '../home/service.js';
import { demoUsers } from './repository.js';

const ctx = useTestApp();
const platformIds = new Map<string, string>();

beforeAll(async () => {
  // How long seeding takes is not a test's business (bench/, not timed tests).
  expect(await seedDemo(ctx.database.db)).toBe(true);
  const rows = await ctx.database.pool.query<{ id: string; name: string }>('select id, name from platforms');
  for (const r of rows.rows) platformIds.set(r.name, r.id);
});

const q = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await ctx.database.pool.query<T>(sql, params)).rows;

describe('the demo registry', () => {
  it('gives every demo platform sites, staff, services, a contact, residents for 2025 and year data', async () => {
    const rows = await q<{ name: string; sites: string; staff: string; residents: string; services: number; contact: string | null; data: string }>(`
      select p.name, (select count(*) from platform_sites s where s.platform_id = p.id) sites, (select count(*) from platform_staff s where s.platform_id = p.id) staff,
        (select count(*) from residences r where r.platform_id = p.id and r.year = 2025) residents, cardinality(p.services) services, p.contact_phone contact,
        (select count(*) from platform_year_data d where d.platform_id = p.id and d.year = 2025) data from platforms p`);
    expect(rows).toHaveLength(8);
    for (const r of rows) {
      expect(Number(r.sites), r.name).toBeGreaterThan(0);
      expect(Number(r.staff), r.name).toBeGreaterThanOrEqual(3);
      expect(Number(r.residents), r.name).toBeGreaterThanOrEqual(6);
      expect(r.services, r.name).toBeGreaterThan(0);
      expect(r.contact, r.name).not.toBeNull();
      expect(Number(r.data), r.name).toBe(1);
    }
    expect(Number(rows.find((r) => r.name === '九龙坡区人力资源服务产业园')!.residents)).toBeGreaterThanOrEqual(36);
  });

  it('uses valid codes only, and flags one enterprise resident offline in 九龙坡 and 万州', async () => {
    const codes = await q<{ uscc: string }>('select uscc from enterprises');
    expect(codes.length).toBeGreaterThan(200);
    expect(codes.filter((c) => !checkUscc(c.uscc).ok)).toEqual([]);
    const dups = await q<{ districts: string }>(`
      select string_agg(distinct p.district_code, ',' order by p.district_code) districts from residences r join platforms p on p.id = r.platform_id
      where r.year = 2025 and r.mode = 'offline' group by r.enterprise_id having count(distinct r.platform_id) > 1`);
    expect(dups).toEqual([{ districts: '500101,500107' }]);
  });

  it('registers the recognized national and municipal platforms as 存量登记 on plausible documents', async () => {
    const rows = await q<{ name: string; level: 'national' | 'municipal' | 'district'; status: string; origin: string; doc: string | null; reason: string }>(`
      select p.name, p.level, p.status, p.origin, p.recognition_doc_no doc, h.reason from platforms p join platform_status_history h on h.platform_id = p.id and h.from_status is null`);
    const legacy = rows.filter((r) => r.origin === 'legacy');
    expect(legacy.map((r) => r.name).sort()).toEqual(rows.filter((r) => r.status === 'recognized' && r.level !== 'district').map((r) => r.name).sort());
    expect(legacy).toHaveLength(5);
    for (const r of legacy) {
      expect(docNoRefusal(r.doc ?? '', r.level, 2025), r.name).toBeNull();
      expect(r.reason, r.name).toBe(`存量平台登记：依${r.doc ?? ''}认定（演示数据）`);
    }
  });

  it('raises 万州’s passed Art 17 revenue deadline to the bureau', async () => {
    expect(await runRecognitionDeadlineCheck(ctx.database.db, '2026-01-15')).toMatchObject({ raised: 1, unchecked: [] });
    expect(await q('select condition, due_date::text from platform_deadline_alerts')).toEqual([{ condition: 'revenue', due_date: '2025-12-31' }]);
  });

  it('shows meaningful condition checks: 九龙坡 meets the quantitative conditions, 万州 falls short on revenue', async () => {
    const check = async (name: string) => {
      const input = await conditionFactsFor(ctx.database.db, platformIds.get(name)!, 2025);
      const res = checkDocument(input);
      if (!res.ok) throw new Error(JSON.stringify(res.value));
      return res.value;
    };
    const jlp = await check('九龙坡区人力资源服务产业园');
    expect(jlp.conditions.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual([]);
    expect(jlp.outcome).toBe('needs_confirmation');
    const wz = await check('万州区人力资源服务产业园');
    expect(wz.conditions.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual(['revenue']);
    expect((await check('重庆市卫生健康人才市场')).conditions.every((c) => c.status === 'pass')).toBe(true);
    expect((await check('两江新区数字经济人力资源服务产业园')).conditions.find((c) => c.id === 'hrShare')?.status).toBe('pass');
  });

  it('scores every demo platform’s 2025 sheet', async () => {
    const totals: Record<string, number> = {};
    for (const [name, id] of platformIds) {
      const facts = await sheetFactsFor(ctx.database.db, id, 2025, { residents: 'year_end' });
      const sheet = scoreDocument(facts);
      if (!sheet.ok) throw new Error(`${name}: ${JSON.stringify(sheet.value)}`);
      totals[name] = Number(sheet.value.total);
    }
    expect(totals['九龙坡区人力资源服务产业园']).toBeGreaterThan(40);
    expect(totals['九龙坡区人力资源服务产业园']).toBeGreaterThan(totals['万州区人力资源服务产业园']!);
    expect(Object.values(totals).every((t) => t > 10)).toBe(true);
  });

  it('is loaded once: a second seeding adds nothing', async () => {
    const counts = async () => q<Record<string, string>>(`select (select count(*) from evaluations) e, (select count(*) from evaluation_entries) x,
      (select count(*) from audit_log) a, (select count(*) from notifications) n, (select count(*) from platforms) p, (select count(*) from users) u`);
    const before = await counts();
    expect(await seedDemo(ctx.database.db)).toBe(false);
    expect(await counts()).toEqual(before);
  });
});

describe('the demo evaluations', () => {
  const entries = async (year: number) => Object.fromEntries((await q<{ name: string; status: string; texts: number; voluntary: boolean; grade: string | null }>(`
    select p.name, x.status, (select count(*) from jsonb_object_keys(x.row_texts))::int texts, x.voluntary, x.grade from evaluation_entries x
    join evaluations e on e.id = x.evaluation_id join platforms p on p.id = x.platform_id where e.year = $1`, [year])).map((r) => [r.name, r]));

  it('opens the 2025 campaign on cq-2025 with windows counted from today', async () => {
    const [e] = await q<{ scheme_id: string; status: string; s: string; d: string; m: string }>(
      "select scheme_id, status, to_char(self_evaluation_end, 'YYYY-MM-DD') s, to_char(district_review_end, 'YYYY-MM-DD') d, to_char(municipal_review_end, 'YYYY-MM-DD') m from evaluations where year = 2025");
    expect(e).toMatchObject({ scheme_id: 'cq-2025', status: 'open' });
    expect(e!.s > todayIso()).toBe(true);
    expect(e!.d > e!.s && e!.m > e!.d).toBe(true);
  });

  it('puts the demo platforms at different steps, so every role has something to do', async () => {
    const x = await entries(2025);
    expect(x['九龙坡区人力资源服务产业园']).toMatchObject({ status: 'draft', texts: 3 });
    expect(x['九龙坡区智能制造人力资源服务产业园']).toMatchObject({ status: 'submitted', voluntary: true });
    expect(x['万州区人力资源服务产业园']?.status).toBe('under_review');
    expect(x['中国重庆人力资源服务产业园']?.status).toBe('forwarded');
    expect(x['重庆市卫生健康人才市场']?.status).toBe('reviewed');
    expect(x['黔江区人力资源服务产业园']).toBeUndefined();
    const tasks = await q<{ name: string; status: string }>(`select p.name, a.status from expert_assignments a join users u on u.id = a.expert_user_id
      join evaluation_entries x on x.id = a.entry_id join evaluations e on e.id = x.evaluation_id join platforms p on p.id = x.platform_id where u.username = 'expert1' and e.year = 2025 order by p.name`);
    expect(tasks).toEqual([{ name: '万州区人力资源服务产业园', status: 'assigned' }, { name: '重庆市卫生健康人才市场', status: 'submitted' }]);
  });

  it('publishes 2024 with results, every step through the use cases with its audit row', async () => {
    const x = await entries(2024);
    expect(Object.values(x)).toHaveLength(5);
    expect(Object.values(x).every((r) => r.status === 'published' && r.grade !== null)).toBe(true);
    const pub = await publicResults(ctx.database.db, 2024);
    expect(pub.items).toHaveLength(5);
    const [e] = await q<{ m: string }>("select to_char(municipal_review_end, 'YYYY-MM-DD') m from evaluations where year = 2024");
    expect(e!.m < todayIso()).toBe(true);
    const actions = new Set((await q<{ action: string }>('select distinct action from audit_log')).map((r) => r.action));
    for (const a of ['evaluation.create', 'evaluation.open', 'evaluation.district_apply', 'evaluation.entry.save', 'evaluation.entry.submit', 'evaluation.entry.row_review',
      'evaluation.entry.forward', 'evaluation.expert.assign', 'evaluation.expert.submit', 'evaluation.entry.finish_review', 'evaluation.grade', 'evaluation.publish']) {
      expect(actions.has(a), a).toBe(true);
    }
  });

  it('claims no evidence that is not there: a row text naming evidence has files on its entry', async () => {
    const claims = await q<{ platform: string; year: number; code: string; text: string; files: string }>(`
      select p.name platform, e.year, t.key code, t.value text,
        (select count(*) from files f where f.owner_id = x.id) files
      from evaluation_entries x join evaluations e on e.id = x.evaluation_id join platforms p on p.id = x.platform_id,
        jsonb_each_text(x.row_texts) t
      where t.value ~ '佐证|附件|已上传|扫描件'`);
    expect(claims.filter((c) => Number(c.files) === 0)).toEqual([]);
  });

  it('runs the 2024 campaign on its own dates: created in 2024, windows and publication in early 2025, notifications and deadlines then', async () => {
    const inPast = (d: Date | string | null) => d !== null && new Date(d) >= new Date('2024-12-01T00:00:00+08:00') && new Date(d) <= new Date('2025-03-31T23:59:59+08:00');
    const [e] = await q<{ id: string; created_at: Date; published_at: Date; s: string; d: string; m: string }>(`select id, created_at, published_at,
      to_char(self_evaluation_end, 'YYYY-MM-DD') s, to_char(district_review_end, 'YYYY-MM-DD') d, to_char(municipal_review_end, 'YYYY-MM-DD') m
      from evaluations where year = 2024`);
    expect(e!.created_at.toISOString().slice(0, 7)).toBe('2024-12');
    expect(e!.published_at.toISOString().slice(0, 7)).toBe('2025-03');
    expect([e!.s, e!.d, e!.m].every((x) => x >= '2025-01-01' && x <= '2025-03-31')).toBe(true);
    // Every step's time lies in the campaign's own months and inside its window.
    const steps = await q<{ submitted_at: Date; forwarded_at: Date; reviewed_at: Date; graded_at: Date; updated_at: Date; row_review: Date; assigned_at: Date; expert_at: Date }>(`
      select x.submitted_at, x.forwarded_at, x.reviewed_at, x.graded_at, x.updated_at,
        (select max(r.at) from entry_row_reviews r where r.entry_id = x.id) row_review,
        (select max(a.assigned_at) from expert_assignments a where a.entry_id = x.id) assigned_at,
        (select max(a.submitted_at) from expert_assignments a where a.entry_id = x.id) expert_at
      from evaluation_entries x where x.evaluation_id = $1`, [e!.id]);
    expect(steps).toHaveLength(5);
    for (const x of steps) {
      expect(Object.values(x).every(inPast), JSON.stringify(x)).toBe(true);
      expect(todayIso(x.submitted_at) <= e!.s && todayIso(x.forwarded_at) <= e!.d && todayIso(x.reviewed_at) <= e!.m).toBe(true);
    }
    // Its notifications are dated then and name no deadline after its windows (none of the first start's dates).
    const notes = await q<{ title: string; body: string; at: Date; read: Date | null }>(`select title, body, created_at at, read_at read from notifications where title like '%2024%年度%'`);
    expect(notes.length).toBeGreaterThan(5);
    expect(notes.filter((n) => !inPast(n.at))).toEqual([]);
    // Read by their recipients the week after publication, not waiting unread a year and a half later.
    expect(notes.filter((n) => n.read === null || n.read.toISOString().slice(0, 7) !== '2025-04')).toEqual([]);
    const dates = notes.flatMap((n) => `${n.title} ${n.body}`.match(/\d{4}-\d\d-\d\d/g) ?? []);
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.filter((d) => d < '2024-12-01' || d > e!.m)).toEqual([]);
  });

  it('keeps the audit chain and the 2024 results code verifying (hrsp audit verify, hrsp verify-results)', async () => {
    const chain = await verifyChain(ctx.database.db, 'audit');
    expect(chain.broken).toBeNull();
    expect(chain.ok).toBe(true);
    const results = await verifyPublishedResults(ctx.database.db, 2024);
    expect(results.ok, results.reason).toBe(true);
  });
});

describe('the demo recognition applications', () => {
  it('holds applications at several steps: a 九龙坡 draft, one waiting for 九龙坡 HRSS, a 万州 (Art 17) one with both opinions at the bureau, a 万州 one under expert review', async () => {
    const rows = await q<{ name: string; state: string; district: string; region: string; files: string; opinions: string }>(`
      select a.name, a.state, d.name district, d.region, (select count(*) from files f where f.owner_id = a.id) files,
        (select count(*) from recognition_opinions o where o.application_id = a.id) opinions
      from recognition_applications a join districts d on d.code = a.district_code order by a.created_at`);
    expect(rows.map((r) => [r.district, r.state, Number(r.files), Number(r.opinions)])).toEqual([
      ['万州区', 'under_expert_review', 5, 2], ['万州区', 'submitted', 5, 2], ['九龙坡区', 'hrss_review', 5, 0], ['九龙坡区', 'draft', 0, 0],
    ]);
    const assigned = await q<{ username: string; status: string; name: string }>(`select u.username, x.status, a.name from recognition_expert_assignments x
      join users u on u.id = x.expert_user_id join recognition_applications a on a.id = x.application_id`);
    expect(assigned).toEqual([{ username: 'expert1', status: 'assigned', name: '万州区三峡库区人才市场' }]);
    expect(rows.find((r) => r.state === 'submitted')?.region).toMatch(/^渝东[北南]/);
  });

  it('dates each step on its own day, in the procedure\'s order, and each opinion on the day it was given', async () => {
    const steps = await q<{ name: string; action: string; day: string }>(`
      select a.name, h.action, to_char(h.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') "day" from recognition_history h
      join recognition_applications a on a.id = h.application_id order by h.at`);
    const park = steps.filter((s) => s.name === '万州三峡人力资源服务产业园');
    expect(park.map((s) => s.action)).toEqual(['create', 'send_to_hrss', 'hrss_opinion', 'gov_submit']);
    expect(new Set(park.map((s) => s.day)).size).toBe(4);
    const opinions = await q<{ kind: string; day: string }>(`select o.kind, o.opinion_date::text "day" from recognition_opinions o
      join recognition_applications a on a.id = o.application_id where a.name = '万州三峡人力资源服务产业园'`);
    expect(opinions.find((o) => o.kind === 'district_hrss')?.day).toBe(park[2]?.day);
    expect(opinions.find((o) => o.kind === 'district_gov')?.day).toBe(park[3]?.day);
    expect(park.every((s) => s.day < todayIso())).toBe(true);
  });

  it('gives jlp.gov, jlp.hrss, staff and expert1 recognition work on their home page', async () => {
    const users = await demoUsers(ctx.database.db, ['jlp.gov', 'jlp.hrss', 'staff', 'wz.hrss', 'expert1']);
    const tasksOf = async (username: string) => {
      const actor = users.get(username);
      if (!actor) throw new Error(username);
      return (await homeSummary(ctx.database.db, { actor, ip: null, userAgent: 'test' })).tasks.filter((t) => t.kind.startsWith('recognition.'));
    };
    expect((await tasksOf('jlp.gov')).map((t) => t.kind)).toEqual(['recognition.draft']);
    expect((await tasksOf('jlp.hrss')).map((t) => t.title)).toEqual([expect.stringContaining('九龙坡区智能制造人才市场')]);
    const staff = await tasksOf('staff');
    expect(staff.map((t) => t.title)).toEqual([
      expect.stringContaining('万州区三峡库区人才市场」（万州区）：专家评估中'), expect.stringContaining('万州三峡人力资源服务产业园」（万州区）：审核认定条件'),
    ]);
    expect(staff[0]?.link).toMatch(/^\/app\/recognition\/applications\/[0-9a-f-]{36}$/);
    const expert = await tasksOf('expert1');
    expect(expert.map((t) => [t.kind, t.title])).toEqual([['recognition.expert.assigned', expect.stringContaining('万州区三峡库区人才市场')]]);
    expect(expert[0]?.link).toBe(staff[0]?.link);
    expect(await tasksOf('wz.hrss')).toEqual([]);
  });
});

describe('the demo 筹建 platform (Art 15)', () => {
  it('gives 黔江 a term approved 2025-01-15, extended with a reason to 2027-01-15, with its countdown and audit row', async () => {
    const id = platformIds.get('黔江区人力资源服务产业园') ?? '';
    const [t] = await q<{ id: string; application_id: string | null; approved_on: string; end_on: string; status: string }>(
      "select id, application_id, to_char(approved_on, 'YYYY-MM-DD') approved_on, to_char(end_on, 'YYYY-MM-DD') end_on, status from preparation_terms where platform_id = $1", [id]);
    expect(t).toMatchObject({ application_id: null, approved_on: '2025-01-15', end_on: '2027-01-15', status: 'running' });
    const ext = await q<{ previous_end: string; new_end: string; reason: string; d: string }>(
      "select to_char(previous_end, 'YYYY-MM-DD') previous_end, to_char(new_end, 'YYYY-MM-DD') new_end, reason, to_char(decided_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') d from preparation_extensions where term_id = $1", [t!.id]);
    expect(ext).toEqual([{ previous_end: '2026-01-15', new_end: '2027-01-15', reason: expect.stringContaining('延期交付'), d: '2026-01-09' }]);
    expect(await q("select 1 from audit_log where action = 'preparation.extend' and entity_id = $1", [t!.id])).toHaveLength(1);
  });

  it('puts the term on the bureau’s to-do list while it ends within 90 days', async () => {
    const staff = (await demoUsers(ctx.database.db, ['staff'])).get('staff')!;
    const tasks = (await homeSummary(ctx.database.db, { actor: staff, ip: null, userAgent: 'test' })).tasks.filter((t) => t.kind === 'preparation.ending');
    const daysLeft = Math.round((Date.parse('2027-01-15') - Date.parse(todayIso())) / 86_400_000);
    expect(tasks.map((t) => t.title)).toEqual(daysLeft >= 0 && daysLeft <= 90 ? [expect.stringContaining(`黔江区人力资源服务产业园（黔江区）筹建期至 2027-01-15 届满，还有 ${daysLeft} 天`)] : []);
  });
});

describe('district-level recognition and filing in the demo (Art 16)', () => {
  it('has 九龙坡\'s policy, its park filed and acknowledged (已备案), and 永川\'s market waiting for the bureau', async () => {
    const rows = await q<{ name: string; status: string; state: string; doc: string }>(`
      select p.name, p.status, f.state, f.decision_doc_no doc from district_filings f join platforms p on p.id = f.platform_id order by p.name`);
    expect(rows).toEqual([
      { name: '九龙坡区智能制造人力资源服务产业园', status: 'filed', state: 'acknowledged', doc: '九龙坡人社〔2024〕11号' },
      { name: '永川区职业技能人才市场', status: 'pending_filing', state: 'pending', doc: '永人社〔2024〕21号' },
    ]);
    expect((await q<{ district_code: string }>('select district_code from district_policies order by district_code')).map((r) => r.district_code)).toEqual(['500107', '500118']);
  });
});

describe('the demo reporting and support register', () => {
  const tasksOf = async (username: string, prefix: string) => {
    const users = await demoUsers(ctx.database.db, [username]);
    const actor = users.get(username);
    if (!actor) throw new Error(username);
    return (await homeSummary(ctx.database.db, { actor, ip: null, userAgent: 'test' })).tasks.filter((t) => t.kind.startsWith(prefix));
  };

  it('has a quarterly cycle of this year and a yearly one of the demo year, with reports at every step, dated in the past', async () => {
    const cycles = await q<{ name: string; kind: string; year: number }>('select name, kind, year from reporting_cycles order by kind');
    expect(cycles).toEqual([{ name: `${todayIso().slice(0, 4)} 年季度运营数据`, kind: 'quarterly', year: Number(todayIso().slice(0, 4)) }, { name: '2025 年度运营数据', kind: 'yearly', year: 2025 }]);
    const reports = await q<{ name: string; label: string; state: string; submitted: string | null; reviewed: string | null }>(`
      select p.name, pe.label, r.state, to_char(r.submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') submitted, to_char(r.reviewed_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') reviewed
      from reporting_reports r join reporting_periods pe on pe.id = r.period_id join platforms p on p.id = r.platform_id`);
    expect(new Set(reports.map((r) => r.state))).toEqual(new Set(['draft', 'submitted', 'returned', 'accepted']));
    expect(reports.filter((r) => r.name === '九龙坡区人力资源服务产业园').map((r) => `${r.label.slice(-4)} ${r.state}`).sort()).toEqual(['第一季度 accepted', '第二季度 returned']);
    // Each step on its own day before today, a review after its submission.
    expect(reports.filter((r) => r.submitted !== null && !(r.submitted < todayIso()))).toEqual([]);
    expect(reports.filter((r) => r.reviewed !== null && !(r.submitted !== null && r.reviewed > r.submitted && r.reviewed < todayIso()))).toEqual([]);
    // Nothing accepted in the yearly cycle: the demo year's data stays as registered.
    expect(reports.filter((r) => r.label === '2025 年度' && r.state === 'accepted')).toEqual([]);
  });

  it('gives jlp.operator, jlp.hrss and staff reporting work on their home page', async () => {
    const operator = await tasksOf('jlp.operator', 'reporting.');
    expect(operator.map((t) => [t.kind, t.title])).toEqual([
      ['reporting.returned', expect.stringContaining('九龙坡区人力资源服务产业园')], ['reporting.due', expect.stringMatching(/第三季度运营数据待报送$/)],
    ]);
    expect(operator.every((t) => /^\/app\/reporting\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/.test(t.link))).toBe(true);
    // To review: 九龙坡's district-level park's third quarter; for the bureau also the national park's second and the market's year.
    // Overdue: 两江's first and second, the market's second, and 九龙坡's returned second.
    expect((await tasksOf('jlp.hrss', 'reporting.')).map((t) => [t.kind, t.title])).toEqual([['reporting.to_review', '运营数据报送待审核（1 份）']]);
    const staff = await tasksOf('staff', 'reporting.');
    expect(staff.map((t) => t.title)).toEqual(['运营数据报送待审核（3 份）', '运营数据逾期未报送（4 份）']);
    expect(staff.every((t) => t.title.length > 0 && t.link === '/app/reporting')).toBe(true);
  });

  it('records support items with integer amounts, a reason where the grade does not qualify, and district funds by jlp.hrss', async () => {
    const items = await q<{ name: string; kind: string; amount: string | null; outcome: string; standing: string; reason: string | null; by: string; recorded: string }>(`
      select p.name, s.kind, s.amount_yuan amount, s.outcome, s.standing, s.reason, u.username by, to_char(s.recorded_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') recorded
      from support_items s join platforms p on p.id = s.platform_id join users u on u.id = s.recorded_by`);
    expect(items).toHaveLength(7);
    expect(new Set(items.map((i) => i.outcome))).toEqual(new Set(['granted', 'pending', 'not_granted']));
    expect(items.filter((i) => i.amount !== null).map((i) => Number(i.amount)).every((a) => Number.isInteger(a) && a > 0)).toBe(true);
    expect(items.filter((i) => i.kind === 'district_fund').map((i) => i.by)).toEqual(['jlp.hrss', 'jlp.hrss']);
    const project = items.find((i) => i.kind === 'major_project');
    expect(project).toMatchObject({ standing: 'no_grade', reason: expect.stringContaining('局务会') });
    expect(items.every((i) => i.recorded < todayIso())).toBe(true);
    const audits = await q<{ n: string }>("select count(*) n from audit_log where action = 'support.create'");
    expect(Number(audits[0]?.n)).toBe(7);
  });
});
