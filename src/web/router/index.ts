import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteLocationRaw } from 'vue-router';
import { SYSTEM_NAME } from '../constants/labels';
import { useSessionStore } from '../stores/session';
import { roleAllowed } from './menu';
import { loginLocation } from './redirect';
import { routes } from './routes';

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: () => ({ top: 0 }),
});

/** The navigation guard is UX only: it avoids showing pages whose API calls would be refused anyway. */
async function guard(to: RouteLocationNormalized): Promise<RouteLocationRaw | true> {
  const session = useSessionStore();
  await session.ensureLoaded();
  const user = session.user;

  if (to.meta.guestOnly && user) return user.mustChangePassword ? { name: 'change-password' } : { name: 'home' };
  if (to.meta.public) return true;
  if (!user) return loginLocation(to.fullPath);
  if (user.mustChangePassword && to.name !== 'change-password') return { name: 'change-password' };
  if (!roleAllowed(user.role, to.meta.roles)) return { name: 'forbidden', query: { from: to.fullPath } };
  return true;
}

router.beforeEach(guard);

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - ${SYSTEM_NAME}` : SYSTEM_NAME;
});
