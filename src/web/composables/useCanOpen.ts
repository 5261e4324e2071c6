import { useRouter } from 'vue-router';
import { roleAllowed } from '../router/menu';
import { useSessionStore } from '../stores/session';

/**
 * Whether the signed-in user may open an in-app path (the route's role list, as the navigation
 * guard decides), so that a page offers no link that would end on 无权访问.
 */
export function useCanOpen(): (path: string) => boolean {
  const router = useRouter();
  const session = useSessionStore();
  return (path) => {
    const role = session.user?.role;
    if (role === undefined) return false;
    return router.resolve(path).matched.every((r) => roleAllowed(role, r.meta.roles));
  };
}
