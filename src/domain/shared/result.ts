/** Expected failures are values, not exceptions: callers (HTTP, CLI, forms) map codes to responses. */
export interface DomainError {
  /** Stable machine code, e.g. `FACT_INVALID`. */
  readonly code: string;
  /** User-facing message in Simplified Chinese. */
  readonly message: string;
  /** Dotted path of the offending input, when there is one. */
  readonly path?: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: DomainError[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(errors: DomainError[]): Result<T> => ({ ok: false, errors });

export const err = (code: string, message: string, path?: string): DomainError =>
  path === undefined ? { code, message } : { code, message, path };
