/**
 * The one HTTP client of the web app. Every API function goes through `api.*`, whose paths,
 * path parameters, queries, bodies and answers are the server's OpenAPI document's
 * (generated/schema.d.ts, from the routes' zod schemas; `npm run api:generate`).
 * It speaks the contract in docs/api-foundation.md: JSON, same-origin session cookie,
 * `x-csrf-token` on state-changing methods, and `{code,message,details}` error bodies.
 */
import type { paths } from './generated/schema';

export interface FieldError {
  field: string;
  message: string;
}

/** Every error answer's body (src/server/errors.ts); some carry more, kept in `ApiError.body`. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: FieldError[];
}

const BASE_PATH = '/api/v1';

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Error codes the client reacts to; other codes are just shown to the user. */
export const ErrorCode = {
  Unauthenticated: 'UNAUTHENTICATED',
  PasswordChangeRequired: 'PASSWORD_CHANGE_REQUIRED',
  CsrfInvalid: 'CSRF_INVALID',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  ValidationFailed: 'VALIDATION_FAILED',
  /** A wrong or replayed TOTP code at the login's second step (the pending token stays valid). */
  TotpInvalid: 'TOTP_INVALID',
  RateLimited: 'RATE_LIMITED',
  Network: 'NETWORK_ERROR',
  BadResponse: 'BAD_RESPONSE',
} as const;

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: FieldError[];
  /** The whole error body, for errors that carry more than details (e.g. an import's `rowErrors`). */
  readonly body: Readonly<Record<string, unknown>>;
  /** Set when the client already reacted (e.g. redirected to login), so views need not show it again. */
  handled = false;

  constructor(status: number, body: ErrorBody, raw: Readonly<Record<string, unknown>> = {}) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details ?? [];
    this.body = raw;
  }
}

/**
 * Reactions that need the router and the session store. They are injected from main.ts
 * so this module stays free of app state (and free of import cycles with the store).
 */
export interface RequestHooks {
  csrfToken: () => string | null;
  onUnauthenticated: (error: ApiError) => void;
  onPasswordChangeRequired: (error: ApiError) => void;
  onCsrfInvalid: (error: ApiError) => void;
}

let hooks: RequestHooks = {
  csrfToken: () => null,
  onUnauthenticated: () => undefined,
  onPasswordChangeRequired: () => undefined,
  onCsrfInvalid: () => undefined,
};

export function setRequestHooks(next: RequestHooks): void {
  hooks = next;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** The caller expects 401 and handles it itself (startup session probe, login form): no redirect. */
  expectUnauthenticated?: boolean;
}

function buildUrl(path: string, query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    // Empty filters mean "no filter": the server should not see `?role=`.
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const search = params.toString();
  return `${BASE_PATH}${path}${search ? `?${search}` : ''}`;
}

function isFieldError(value: unknown): value is FieldError {
  return (
    typeof value === 'object' && value !== null &&
    'field' in value && typeof value.field === 'string' &&
    'message' in value && typeof value.message === 'string'
  );
}

function toErrorBody(status: number, payload: unknown): ErrorBody {
  if (
    typeof payload === 'object' && payload !== null &&
    'code' in payload && typeof payload.code === 'string' &&
    'message' in payload && typeof payload.message === 'string'
  ) {
    const details = 'details' in payload && Array.isArray(payload.details) ? payload.details.filter(isFieldError) : [];
    return { code: payload.code, message: payload.message, details };
  }
  // No contract body (proxy error, server down, HTML page): still give the user a Chinese message.
  const message = status >= 500 ? `服务器暂时不可用（${status}），请稍后重试` : `请求失败（${status}）`;
  return { code: status === 401 ? ErrorCode.Unauthenticated : `HTTP_${status}`, message };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed;
  } catch {
    if (!response.ok) return undefined;
    throw new ApiError(response.status, { code: ErrorCode.BadResponse, message: '服务器返回了无法识别的数据' });
  }
}

function react(error: ApiError, options: RequestOptions): void {
  if (error.code === ErrorCode.Unauthenticated && !options.expectUnauthenticated) {
    error.handled = true;
    hooks.onUnauthenticated(error);
  } else if (error.code === ErrorCode.PasswordChangeRequired) {
    error.handled = true;
    hooks.onPasswordChangeRequired(error);
  } else if (error.code === ErrorCode.CsrfInvalid) {
    hooks.onCsrfInvalid(error);
  }
}

function asRecord(payload: unknown): Record<string, unknown> {
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? { ...payload } : {};
}

async function fail(response: Response, options: RequestOptions): Promise<never> {
  const payload = await readJson(response);
  const error = new ApiError(response.status, toErrorBody(response.status, payload), asRecord(payload));
  react(error, options);
  throw error;
}

/** `body` is JSON unless it is form data (multipart uploads: the browser sets the boundary header). */
async function call(method: Method, path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { accept };
  const isForm = options.body instanceof FormData;
  // Fastify rejects an empty body declared as JSON, so the header is only sent with a body.
  if (options.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = hooks.csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  let body: BodyInit | null = null;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) body = JSON.stringify(options.body);

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), { method, headers, credentials: 'same-origin', body });
  } catch {
    throw new ApiError(0, { code: ErrorCode.Network, message: '无法连接服务器，请检查网络后重试' });
  }
  if (!response.ok) await fail(response, options);
  return response;
}

async function send(method: Method, path: string, options: RequestOptions = {}): Promise<unknown> {
  return readJson(await call(method, path, options, 'application/json'));
}

/** A downloaded file: its bytes and the name the server gave it. */
export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/** The Chinese name from `filename*=UTF-8''…` (RFC 5987), else the plain `filename="…"`. */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      // fall through to the ASCII name
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallback;
}

async function download(path: string, query: Query | undefined, fallbackName: string): Promise<DownloadedFile> {
  const response = await call('GET', path, { query }, '*/*');
  return { blob: await response.blob(), filename: filenameOf(response.headers.get('content-disposition'), fallbackName) };
}

/* The contract's types: operations keyed by their path under /api/v1. */

type V1 = { [K in keyof paths as K extends `${typeof BASE_PATH}${infer R}` ? R : never]: paths[K] };
export type ApiPath = keyof V1;
type Verb = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends ApiPath, M extends Verb> = Exclude<V1[P][M], undefined>;
/** The paths that have an operation for the method. */
export type PathsFor<M extends Verb> = { [P in ApiPath]: V1[P][M] extends { responses: object } ? P : never }[ApiPath];

type JsonContent<R> = R extends { content: { 'application/json': infer T } } ? T : undefined;
/** The JSON an operation answers with (200 or 201), `undefined` for 204 and file answers. */
export type ResponseOf<P extends ApiPath, M extends Verb = 'get'> =
  Operation<P, M> extends { responses: infer R } ? (R extends { 200: infer S } ? JsonContent<S> : R extends { 201: infer S } ? JsonContent<S> : undefined) : never;
/** The JSON body an operation takes. */
export type BodyOf<P extends ApiPath, M extends Verb = 'post'> =
  Operation<P, M> extends { requestBody?: infer B } ? (B extends { content: { 'application/json': infer T } } ? T : never) : never;
type RawQuery<P extends ApiPath, M extends Verb> = Operation<P, M> extends { parameters: { query?: infer Q } } ? Exclude<Q, undefined> : never;
/** Query strings are text: a boolean filter declared 'true' | 'false' may be given as a boolean. */
type Loosen<Q> = { [K in keyof Q]: Exclude<Q[K], undefined> extends 'true' | 'false' ? Q[K] | boolean : Q[K] };
/** The query an operation takes (every member optional unless the server requires it). */
export type QueryOf<P extends ApiPath, M extends Verb = 'get'> = Loosen<RawQuery<P, M>>;
type PathParamsOf<P extends ApiPath, M extends Verb> = Operation<P, M> extends { parameters: { path: infer T } } ? T : never;

type PathPart<P extends ApiPath, M extends Verb> = [PathParamsOf<P, M>] extends [never] ? { path?: undefined } : { path: PathParamsOf<P, M> };
type QueryPart<P extends ApiPath, M extends Verb> = [RawQuery<P, M>] extends [never] ? { query?: undefined } : { query?: QueryOf<P, M> };
type BodyPart<P extends ApiPath, M extends Verb> = [BodyOf<P, M>] extends [never] ? { body?: undefined } : { body: BodyOf<P, M> };
/** A call's parts: path parameters filled into `{name}`, the query, the JSON body. */
export type Params<P extends ApiPath, M extends Verb> = PathPart<P, M> & QueryPart<P, M> & BodyPart<P, M> & Pick<RequestOptions, 'expectUnauthenticated'>;
/** The parts argument may be left out when nothing in it is required. */
type Args<P extends ApiPath, M extends Verb> = object extends Params<P, M> ? [params?: Params<P, M>] : [params: Params<P, M>];

interface AnyParams {
  path?: Record<string, string | number>;
  query?: object;
  body?: unknown;
  expectUnauthenticated?: boolean;
}

/** `/platforms/{id}` with `{ id }`: each value URL-encoded. */
function fillPath(template: string, values: AnyParams['path']): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${template}`);
    return encodeURIComponent(String(value));
  });
}

function toQuery(query: object | undefined): Query | undefined {
  if (query === undefined) return undefined;
  const out: Query = {};
  const entries: [string, unknown][] = Object.entries(query);
  for (const [key, value] of entries) {
    if (value === undefined || value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
  }
  return out;
}

/** The parts argument as the implementations see it (the overloads have checked it against the contract). */
function partsOf(args: readonly unknown[]): AnyParams | undefined {
  const [first] = args;
  return typeof first === 'object' && first !== null ? first : undefined;
}

async function sendParams(method: Method, path: string, args: readonly unknown[]): Promise<unknown> {
  const params = partsOf(args);
  // The one trust boundary: the answer is the server's contract, typed by the overloads, not checked at run time.
  return send(method, fillPath(path, params?.path), { query: toQuery(params?.query), body: params?.body, expectUnauthenticated: params?.expectUnauthenticated });
}

function get<P extends PathsFor<'get'>>(path: P, ...args: Args<P, 'get'>): Promise<ResponseOf<P>>;
function get(path: string, ...args: readonly unknown[]): Promise<unknown> {
  return sendParams('GET', path, args);
}
function post<P extends PathsFor<'post'>>(path: P, ...args: Args<P, 'post'>): Promise<ResponseOf<P, 'post'>>;
function post(path: string, ...args: readonly unknown[]): Promise<unknown> {
  return sendParams('POST', path, args);
}
function put<P extends PathsFor<'put'>>(path: P, ...args: Args<P, 'put'>): Promise<ResponseOf<P, 'put'>>;
function put(path: string, ...args: readonly unknown[]): Promise<unknown> {
  return sendParams('PUT', path, args);
}
function patch<P extends PathsFor<'patch'>>(path: P, ...args: Args<P, 'patch'>): Promise<ResponseOf<P, 'patch'>>;
function patch(path: string, ...args: readonly unknown[]): Promise<unknown> {
  return sendParams('PATCH', path, args);
}
function del<P extends PathsFor<'delete'>>(path: P, ...args: Args<P, 'delete'>): Promise<ResponseOf<P, 'delete'>>;
function del(path: string, ...args: readonly unknown[]): Promise<unknown> {
  return sendParams('DELETE', path, args);
}
/** multipart/form-data POST; servers reading fields before the file need them appended first. */
function upload<P extends PathsFor<'post'>>(path: P, form: FormData, ...args: PathArgs<P, 'post'>): Promise<ResponseOf<P, 'post'>>;
function upload(path: string, form: FormData, ...args: readonly unknown[]): Promise<unknown> {
  return send('POST', fillPath(path, partsOf(args)?.path), { body: form });
}
type PathArgs<P extends ApiPath, M extends Verb> = [PathParamsOf<P, M>] extends [never] ? [] : [params: PathPart<P, M>];
type GetArgs<P extends ApiPath> = object extends PathPart<P, 'get'> & QueryPart<P, 'get'> ? [params?: PathPart<P, 'get'> & QueryPart<P, 'get'>] : [params: PathPart<P, 'get'> & QueryPart<P, 'get'>];
/** A file answer (exports, templates, attachments); errors still arrive as ApiError. */
function downloadFile<P extends PathsFor<'get'>>(path: P, fallbackName: string, ...args: GetArgs<P>): Promise<DownloadedFile>;
function downloadFile(path: string, fallbackName: string, ...args: readonly unknown[]): Promise<DownloadedFile> {
  const params = partsOf(args);
  return download(fillPath(path, params?.path), toQuery(params?.query), fallbackName);
}
/** The URL of a GET endpoint, for <img>/<iframe> sources that the browser fetches itself (same-origin cookie). */
function url<P extends PathsFor<'get'>>(path: P, ...args: GetArgs<P>): string;
function url(path: string, ...args: readonly unknown[]): string {
  const params = partsOf(args);
  return buildUrl(fillPath(path, params?.path), toQuery(params?.query));
}

export const api = { get, post, put, patch, delete: del, upload, download: downloadFile, url };
