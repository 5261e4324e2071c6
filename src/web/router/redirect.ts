import type { RouteLocationRaw } from 'vue-router';

/** Only same-app paths are accepted as a post-login target (no open redirect via ?redirect=//evil). */
export function safeRedirect(target: unknown): string | null {
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') ? target : null;
}

/** The login page, remembering where the user wanted to go. */
export function loginLocation(intended: string): RouteLocationRaw {
  return { name: 'login', query: intended === '/' ? {} : { redirect: intended } };
}
