import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, setRequestHooks } from './request';

interface Sent {
  url: string;
  init: RequestInit;
}

/** Answers every fetch with `answer` and records what was sent. */
function stubFetch(answer: () => Response): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return Promise.resolve(answer());
  });
  return sent;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const hooks = { csrfToken: () => 'tok', onUnauthenticated: vi.fn(), onPasswordChangeRequired: vi.fn(), onCsrfInvalid: vi.fn() };
setRequestHooks(hooks);

afterEach(() => {
  vi.unstubAllGlobals();
  vi.clearAllMocks();
});

describe('api (the typed client)', () => {
  it('fills path parameters URL-encoded and leaves empty filters out of the query', async () => {
    const sent = stubFetch(() => json({ items: [], total: 0, page: 1, pageSize: 20 }));
    await api.get('/platforms/{id}/residences', { path: { id: 'a/b c' }, query: { year: 2025, q: '', isHrService: true } });
    expect(sent[0]?.url).toBe('/api/v1/platforms/a%2Fb%20c/residences?year=2025&isHrService=true');
    expect(sent[0]?.init.method).toBe('GET');
  });

  it('sends a JSON body with the CSRF token on a state change, and none on a bodiless POST', async () => {
    const sent = stubFetch(() => json({ id: 'x' }));
    await api.patch('/organizations/{id}', { path: { id: 'o1' }, body: { name: '新名称' } });
    expect(sent[0]?.init.headers).toMatchObject({ 'x-csrf-token': 'tok', 'content-type': 'application/json' });
    expect(sent[0]?.init.body).toBe(JSON.stringify({ name: '新名称' }));
    await api.post('/users/{id}/unlock', { path: { id: 'u1' } });
    expect(sent[1]?.init.headers).not.toHaveProperty('content-type');
    expect(sent[1]?.init.body).toBeNull();
  });

  it('turns an error body into ApiError with the server\'s Chinese message, and 401 into the login hook', async () => {
    stubFetch(() => json({ code: 'VALIDATION_FAILED', message: '名称不能为空', details: [{ field: 'name', message: '不能为空' }] }, 400));
    const error = await api.post('/organizations', { body: { kind: 'operator', name: '', code: 'x' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: '名称不能为空', details: [{ field: 'name', message: '不能为空' }] });

    stubFetch(() => json({ code: 'UNAUTHENTICATED', message: '请先登录' }, 401));
    await expect(api.get('/home')).rejects.toMatchObject({ handled: true });
    expect(hooks.onUnauthenticated).toHaveBeenCalledTimes(1);
    // The session probe expects 401 and handles it itself.
    await expect(api.get('/auth/session', { expectUnauthenticated: true })).rejects.toMatchObject({ handled: false });
    expect(hooks.onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('downloads a file under the Chinese name the server gave it', async () => {
    stubFetch(() => new Response('xlsx', { headers: { 'content-disposition': `attachment; filename="x.xlsx"; filename*=UTF-8''${encodeURIComponent('平台名录.xlsx')}` } }));
    const file = await api.download('/platforms/export', 'fallback.xlsx', { query: { level: 'municipal' } });
    expect(file.filename).toBe('平台名录.xlsx');
  });

  it('builds a GET URL for the browser to load', () => {
    expect(api.url('/files/{id}/preview', { path: { id: 'f1' } })).toBe('/api/v1/files/f1/preview');
  });
});

describe('api types (checked by npm run typecheck)', () => {
  it('rejects a path, parameter, query or body the server does not declare', () => {
    // Never called: the compiler reads these lines; each must be an error in the contract.
    const wrong = (): unknown[] => [
      // @ts-expect-error no such path
      api.get('/platform/{id}', { path: { id: 'x' } }),
      // @ts-expect-error the path parameter is required
      api.get('/platforms/{id}'),
      // @ts-expect-error an unknown filter
      api.get('/platforms', { query: { colour: 'red' } }),
      // @ts-expect-error a level the server does not know
      api.post('/platforms', { body: { name: 'x', level: 'provincial', type: 'comprehensive_park', districtCode: '500107' } }),
      // @ts-expect-error PUT is not an operation of this path
      api.put('/platforms/{id}', { path: { id: 'x' }, body: {} }),
    ];
    expect(typeof wrong).toBe('function');
  });
});
