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
  /**
   * The one answer to a refused login (unknown user, wrong password, locked or disabled account),
   * so that it does not tell which usernames exist; the login log keeps the true reason.
   */
  badLogin: (lockout: { lockoutThreshold: number; lockoutMinutes: number }) =>
    new AppError('LOGIN_FAILED', 401, `用户名或密码错误；连续失败 ${lockout.lockoutThreshold} 次账号将锁定 ${lockout.lockoutMinutes} 分钟`),
  secondFactorInvalid: () => new AppError('TOTP_INVALID', 401, '动态口令：错误或已使用，请输入验证器中当前显示的 6 位数字', [{ field: 'code', message: '动态口令：错误或已使用' }]),
  secondFactorExpired: () => new AppError('LOGIN_EXPIRED', 401, '登录验证已超时，请重新输入用户名和密码'),
  rateLimited: (retryAfterSeconds: number) => new AppError('RATE_LIMITED', 429, '请求过于频繁，请稍后再试', [], undefined, {}, { 'retry-after': String(retryAfterSeconds) }),
  refused: (code: string, message: string, field?: string) =>
    new AppError(code, 400, message, field === undefined ? [] : [{ field, message }]),
  tooLarge: (message: string) => new AppError('FILE_TOO_LARGE', 413, message),
};
