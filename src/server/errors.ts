/** The one error type: a stable code, a Chinese message for the user, the HTTP status, field details. */
export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly userMessage: string,
    readonly details: FieldError[] = [],
    internal?: string,
    /** Further body fields for errors that carry a list (import row errors). */
    readonly extra: Record<string, unknown> = {},
    /** Response headers, e.g. Retry-After on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(internal ?? userMessage);
    this.name = 'AppError';
  }
}

export const errors = {
  unauthenticated: () => new AppError('UNAUTHENTICATED', 401, '请先登录，或登录已超时，请重新登录'),
  passwordChangeRequired: () =>
    new AppError('PASSWORD_CHANGE_REQUIRED', 403, '首次登录或密码已重置，请先修改密码'),
  csrf: () => new AppError('CSRF_INVALID', 403, '请求校验失败（CSRF），请刷新页面后重试'),
  forbidden: (what = '执行此操作') => new AppError('FORBIDDEN', 403, `您无权${what}`),
  notFound: (what: string) => new AppError('NOT_FOUND', 404, `${what}不存在或无权查看`),
  conflict: (message: string) => new AppError('CONFLICT', 409, message),
  invalid: (field: string, message: string) =>
    new AppError('VALIDATION_FAILED', 400, message, [{ field, message }]),
  badLogin: () => new AppError('LOGIN_FAILED', 401, '用户名或密码错误'),
  locked: (until: Date) =>
    new AppError('ACCOUNT_LOCKED', 423, `账号因多次登录失败已被锁定，请于 ${formatTime(until)} 后再试，或联系管理员解锁`),
  disabled: () => new AppError('ACCOUNT_DISABLED', 403, '账号已停用，请联系管理员'),
  rateLimited: () => new AppError('RATE_LIMITED', 429, '请求过于频繁，请稍后再试'),
  refused: (code: string, message: string, field?: string) =>
    new AppError(code, 400, message, field === undefined ? [] : [{ field, message }]),
  tooLarge: (message: string) => new AppError('FILE_TOO_LARGE', 413, message),
};

function formatTime(d: Date): string {
  return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}
