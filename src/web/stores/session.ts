import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import * as authApi from '../api/auth';
import { getPublicInfo } from '../api/public';
import type { Role, SessionInfo, SessionUser } from '../api/types';
import { clearAllDrafts } from '../composables/unsaved';
import { SYSTEM_NAME } from '../constants/labels';

export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null);
  const csrfToken = ref<string | null>(null);
  const demo = ref(false);
  const systemName = ref(SYSTEM_NAME);
  const idleTimeoutMinutes = ref<number | null>(null);

  const isLoggedIn = computed(() => user.value !== null);
  const role = computed<Role | null>(() => user.value?.role ?? null);

  function apply(info: SessionInfo): void {
    user.value = info.user;
    csrfToken.value = info.csrfToken;
    demo.value = info.demo;
    idleTimeoutMinutes.value = info.idleTimeoutMinutes;
  }

  /** Forget the session locally (after logout, or when the server says it is gone). */
  function clear(): void {
    user.value = null;
    csrfToken.value = null;
  }

  async function refresh(): Promise<void> {
    try {
      apply(await authApi.getSession());
    } catch {
      clear();
    }
  }

  async function load(): Promise<void> {
    // The public info gives the demo flag to anonymous visitors, who have no session to read it from.
    const [, info] = await Promise.allSettled([refresh(), getPublicInfo()]);
    if (info.status === 'fulfilled') {
      systemName.value = info.value.systemName || SYSTEM_NAME;
      if (!isLoggedIn.value) demo.value = info.value.demo;
    }
  }

  let loading: Promise<void> | null = null;
  /** Resolves once the startup session probe is done; the router guard waits on it. */
  function ensureLoaded(): Promise<void> {
    loading ??= load();
    return loading;
  }

  /** The user, or the pending token when the account asks for a TOTP code next. */
  async function login(username: string, password: string): Promise<SessionUser | { pendingToken: string }> {
    const answer = await authApi.login({ username, password });
    if ('secondFactorRequired' in answer) return { pendingToken: answer.pendingToken };
    apply(answer);
    return answer.user;
  }

  async function loginTotp(pendingToken: string, code: string): Promise<SessionUser> {
    const info = await authApi.loginTotp({ pendingToken, code });
    apply(info);
    return info.user;
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout();
    } catch {
      // The session may already have expired on the server; the local state is cleared either way.
    } finally {
      clear();
      // Autosaved drafts stay in this browser only while their author is signed in here.
      clearAllDrafts(window.localStorage);
    }
  }

  async function changePassword(oldPassword: string, newPassword: string): Promise<void> {
    apply(await authApi.changePassword({ oldPassword, newPassword }));
  }

  function markPasswordChangeRequired(): void {
    if (user.value) user.value = { ...user.value, mustChangePassword: true };
  }

  return {
    user, csrfToken, demo, systemName, idleTimeoutMinutes, isLoggedIn, role,
    ensureLoaded, refresh, clear, login, loginTotp, logout, changePassword, markPasswordChangeRequired,
  };
});
