/**
 * Drives an annual evaluation through the HTTP API, for the review screens' browser test and screenshots:
 * campaign → every participant submitted by its operator → accepted and forwarded by its district →
 * experts assigned (and, optionally, scored and submitted) → review finished, each entry from the step it is at
 * (the demo's 2025 campaign has its platforms at different steps).
 */
export const DEMO_PASSWORD = 'Demo@2025';
/**
 * What accounts created here change their initial password to: the demo password is seeded
 * directly, but a password chosen through the API must pass the common-password check.
 */
export const CREATED_ACCOUNT_PASSWORD = 'Review#Kx9-2025';

export interface ApiClient {
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  ok<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

const clients = new Map<string, ApiClient>();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A logged-in client, one per user and server (logins are rate-limited: 10 a minute, so a 429 waits and retries). */
export async function apiLogin(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<ApiClient> {
  const key = `${baseUrl} ${username}`;
  const cached = clients.get(key);
  if (cached) return cached;
  for (let attempt = 0; ; attempt++) {
    try {
      const client = await newLogin(baseUrl, username, password);
      clients.set(key, client);
      return client;
    } catch (error) {
      if (attempt > 8 || !String(error).includes('429')) throw error;
      await sleep(10_000);
    }
  }
}

async function newLogin(baseUrl: string, username: string, password: string): Promise<ApiClient> {
  let cookie = '';
  let csrf = '';
  const call = async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (cookie) headers.cookie = cookie;
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const setCookie = res.headers.get('set-cookie');
    const sid = setCookie ? /hrsp_sid=[^;]*/.exec(setCookie)?.[0] : undefined;
    if (sid) cookie = sid;
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as unknown };
  };
  const ok = async <T>(method: string, path: string, body?: unknown) => {
    const res = await call(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  };
  const session = await ok<{ csrfToken: string; user: { mustChangePassword: boolean } }>('POST', '/auth/login', { username, password });
  csrf = session.csrfToken;
  if (session.user.mustChangePassword) {
    const changed = await ok<{ csrfToken: string }>('POST', '/auth/change-password', { oldPassword: password, newPassword: CREATED_ACCOUNT_PASSWORD });
    csrf = changed.csrfToken;
  }
  return { call, ok };
}

interface Entry { id: string; platformId: string; platformName: string; districtCode: string; status: string }
interface EntryDetail extends Entry { sheet: { rows: { code: string; counted: boolean }[] } | null; problems: string[] }
interface Org { id: string; kind: string; name: string; districtCode: string | null }
interface Platform { id: string; name: string; operatorOrgId?: string; operatorOrganizationId?: string; districtCode: string }

const shift = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

/** A user of `role` in `org`, created by the admin unless one exists; returns a logged-in client. */
async function accountFor(baseUrl: string, admin: ApiClient, role: 'operator' | 'district' | 'expert', org: Org, username: string): Promise<ApiClient> {
  const found = await admin.ok<{ items: { username: string }[] }>('GET', `/users?q=${encodeURIComponent(username)}&pageSize=50`);
  if (found.items.some((u) => u.username === username)) return apiLogin(baseUrl, username, CREATED_ACCOUNT_PASSWORD);
  const created = await admin.ok<{ initialPassword: string }>('POST', '/users', { username, displayName: `${org.name}（测试）`, role, organizationId: org.id });
  return apiLogin(baseUrl, username, created.initialPassword);
}

async function orgsOf(admin: ApiClient, kind: string): Promise<Org[]> {
  return (await admin.ok<{ items: Org[] }>('GET', `/organizations?kind=${kind}&pageSize=100`)).items;
}

async function districtOrg(admin: ApiClient, districtCode: string): Promise<Org> {
  const existing = (await orgsOf(admin, 'district')).find((o) => o.districtCode === districtCode);
  if (existing) return existing;
  return admin.ok<Org>('POST', '/organizations', { kind: 'district', name: `${districtCode}人社局（测试）`, code: `T-D-${districtCode}`, districtCode });
}

export interface Campaign { evaluationId: string; entries: Entry[]; bureau: ApiClient; experts: Record<string, string> }

interface Assignment { expertUserId: string; status: 'assigned' | 'declined' | 'submitted' }

/** The campaign of `year`: the existing one (e.g. the demo's open 2025 campaign), else created; opened if still a draft. */
async function openCampaign(bureau: ApiClient, year: number): Promise<string> {
  const existing = (await bureau.ok<{ id: string; year: number; status: string }[]>('GET', '/evaluations')).find((e) => e.year === year);
  const evaluation = existing ?? await bureau.ok<{ id: string; status: string }>('POST', '/evaluations', {
    year, schemeId: 'cq-2025', selfEvaluationEnd: shift(5), districtReviewEnd: shift(10), municipalReviewEnd: shift(20),
  });
  if (evaluation.status === 'draft') await bureau.ok('POST', `/evaluations/${evaluation.id}/open`);
  return evaluation.id;
}

/**
 * Takes every entry of the campaign of `year` from whatever step it is at to reviewed, one step at a time:
 * draft or returned → submitted by its operator; submitted → its district accepts the counted rows and forwards;
 * forwarded → expert1 assigned (the municipal review starts); under review → expert1 assigned if not yet,
 * scores and submits unless already submitted, and the bureau finishes the review.
 * An entry named in `skip` (id or platform name) stops under review with expert1 assigned, waiting for them.
 * The demo data has operator and district accounts for 九龙坡 and 万州 only: the missing ones are created by the admin.
 */
export async function reviewedCampaign(baseUrl: string, year: number, skip: string[] = []): Promise<Campaign> {
  const admin = await apiLogin(baseUrl, 'admin');
  const bureau = await apiLogin(baseUrl, 'staff');
  const evaluationId = await openCampaign(bureau, year);
  const experts: Record<string, string> = {};
  const users = await bureau.ok<{ items: { id: string; username: string }[] }>('GET', '/users?role=expert&pageSize=100');
  for (const u of users.items) experts[u.username] = u.id;
  const expertId = experts.expert1;
  if (!expertId) throw new Error('no expert1');
  const operatorOrgs = await orgsOf(admin, 'operator');

  const operatorOf = async (e: Entry, i: number): Promise<ApiClient> => {
    if (e.districtCode === '500107' && e.platformName === '九龙坡区人力资源服务产业园') return apiLogin(baseUrl, 'jlp.operator');
    const platform = await bureau.ok<Platform>('GET', `/platforms/${e.platformId}`);
    const orgId = platform.operatorOrgId ?? platform.operatorOrganizationId;
    const org = operatorOrgs.find((o) => o.id === orgId);
    if (!org) throw new Error(`no operator organization for ${e.platformName}`);
    return accountFor(baseUrl, admin, 'operator', org, `t.op${i}`);
  };
  const districtOf = async (e: Entry): Promise<ApiClient> => {
    if (e.districtCode === '500107') return apiLogin(baseUrl, 'jlp.hrss');
    if (e.districtCode === '500101') return apiLogin(baseUrl, 'wz.hrss');
    return accountFor(baseUrl, admin, 'district', await districtOrg(admin, e.districtCode), `t.d${e.districtCode.toLowerCase()}`);
  };

  const listed = await bureau.ok<Entry[]>('GET', `/evaluations/${evaluationId}/entries`);
  for (const [i, e] of listed.entries()) {
    const url = `/evaluations/${evaluationId}/entries/${e.id}`;
    const skipped = skip.includes(e.id) || skip.includes(e.platformName);
    for (let steps = 0; ; steps++) {
      if (steps > 6) throw new Error(`${e.platformName} did not reach the review`);
      const { status } = await bureau.ok<Entry>('GET', url);
      if (status === 'draft' || status === 'returned') {
        const res = await (await operatorOf(e, i)).call('POST', `${url}/submit`);
        if (res.status !== 200) throw new Error(`submit ${e.platformName}: ${JSON.stringify(res.body)}`);
      } else if (status === 'submitted') {
        const district = await districtOf(e);
        const detail = await district.ok<EntryDetail>('GET', url);
        for (const r of detail.sheet?.rows.filter((x) => x.counted) ?? []) await district.ok('PUT', `${url}/rows/${r.code}/review`, { decision: 'accepted' });
        await district.ok('POST', `${url}/forward`);
      } else if (status === 'forwarded') {
        await bureau.ok('POST', `${url}/experts`, { expertUserId: expertId });
      } else if (status === 'under_review') {
        const own = (await bureau.ok<Assignment[]>('GET', `${url}/experts`)).find((a) => a.expertUserId === expertId && a.status !== 'declined');
        if (!own) await bureau.ok('POST', `${url}/experts`, { expertUserId: expertId });
        if (skipped) break;
        if (own?.status !== 'submitted') await scoreAndSubmit(await apiLogin(baseUrl, 'expert1'), evaluationId, e.id);
        await bureau.ok('POST', `${url}/finish-review`);
      } else {
        break; // reviewed, graded or published
      }
    }
  }
  const entries = await bureau.ok<Entry[]>('GET', `/evaluations/${evaluationId}/entries`);
  return { evaluationId, entries, bureau, experts };
}

interface OwnAssignment { judgedRows: { fact: string; cap: string; step: string }[] }

/** The expert scores every judged row at its cap minus one step and submits. */
export async function scoreAndSubmit(expert: ApiClient, evaluationId: string, entryId: string, submit = true): Promise<void> {
  const url = `/evaluations/${evaluationId}/entries/${entryId}/assignment`;
  const own = await expert.ok<OwnAssignment>('GET', url);
  const judgedScores: Record<string, string> = {};
  for (const r of own.judgedRows) judgedScores[r.fact] = (Number(r.cap) - Number(r.step)).toFixed(2);
  await expert.ok('PUT', url, { judgedScores, privateNotes: '现场资料齐全' });
  if (submit) await expert.ok('POST', `${url}/submit`);
}
