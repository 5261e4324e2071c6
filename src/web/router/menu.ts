import type { Role } from '../api/types';
import { appChildRoutes } from './routes';

export interface MenuItem {
  path: string;
  title: string;
}

export interface MenuGroup {
  title: string;
  items: MenuItem[];
}

/** Whether a role may open a page with these allowed roles (no list = every signed-in role). */
export function roleAllowed(role: Role, roles: readonly Role[] | undefined): boolean {
  return !roles || roles.includes(role);
}

/**
 * The left menu for a role: top-level entries in route order, grouped entries under their sub-menu.
 * `found` holds the paths of on-demand entries that have something for this user.
 */
export function buildMenu(role: Role, found: ReadonlySet<string> = new Set()): { items: MenuItem[]; groups: MenuGroup[] } {
  const items: MenuItem[] = [];
  const groups: MenuGroup[] = [];
  for (const route of appChildRoutes) {
    const meta = route.meta;
    if (!meta?.menu || !roleAllowed(role, meta.roles)) continue;
    const item = { path: `/app/${route.path}`, title: meta.title };
    if (meta.menu.onDemand?.includes(role) && !found.has(item.path)) continue;
    const groupTitle = meta.menu.group;
    if (!groupTitle) {
      items.push(item);
      continue;
    }
    let group = groups.find((g) => g.title === groupTitle);
    if (!group) {
      group = { title: groupTitle, items: [] };
      groups.push(group);
    }
    group.items.push(item);
  }
  return { items, groups };
}
