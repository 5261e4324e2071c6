/**
 * The one HTTP client of the web app. Every API function goes through `http.*`.
 * It speaks the contract in docs/api-foundation.md: JSON, same-origin session cookie,
 * `x-csrf-token` on state-changing methods, and `{code,message,details}` error bodies.
 */
import type { ErrorBody, FieldError } from './types';

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

/** The URL of a GET endpoint, for <img>/<iframe> sources that the browser fetches itself (same-origin cookie). */
export function apiUrl(path: string, query?: Query): string {
  return buildUrl(path, query);
}

async function sendFor<T>(method: Method, path: string, options?: RequestOptions): Promise<T> {
  // The one trust boundary: the response shape is the server's contract, not checked at runtime.
  return (await send(method, path, options)) as T;
}

async function sendVoid(method: Method, path: string, options?: RequestOptions): Promise<void> {
  await send(method, path, options);
}

export const http = {
  get: <T>(path: string, query?: Query, options?: Omit<RequestOptions, 'query'>) =>
    sendFor<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    sendFor<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body: unknown) => sendFor<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => sendFor<T>('PATCH', path, { body }),
  /** multipart/form-data POST; servers reading fields before the file need them appended first. */
  upload: <T>(path: string, form: FormData) => sendFor<T>('POST', path, { body: form }),
  /** A file answer (exports, templates, attachments); errors still arrive as ApiError. */
  download: (path: string, query?: Query, fallbackName = 'download') => download(path, query, fallbackName),
  /** POST or DELETE whose success answer is 204 No Content. */
  postVoid: (path: string) => sendVoid('POST', path),
  delete: (path: string) => sendVoid('DELETE', path),
};
