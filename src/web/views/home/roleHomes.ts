import type { Role, SessionUser } from '../../api/types';
import { ROLE_LABELS } from '../../constants/labels';

export interface RoleHome {
  /** Heading after the role name, e.g. 系统管理概览. */
  workspace: string;
  /** Whether the heading names the user's district or platform. */
  scope: 'none' | 'district' | 'organization';
}

/** One entry per role; the Record type makes a new role fail to compile until it has a home page. */
export const ROLE_HOMES: Record<Role, RoleHome> = {
  admin: {
    workspace: '系统管理概览',
    scope: 'none',
  },
  security_admin: {
    workspace: '安全管理概览',
    scope: 'none',
  },
  auditor: {
    workspace: '安全审计概览',
    scope: 'none',
  },
  bureau: {
    workspace: '业务工作台',
    scope: 'none',
  },
  district: {
    workspace: '本区县工作台',
    scope: 'district',
  },
  district_gov: {
    workspace: '本区县申报工作台',
    scope: 'district',
  },
  operator: {
    workspace: '本平台工作台',
    scope: 'organization',
  },
  expert: {
    workspace: '评审任务',
    scope: 'none',
  },
};

/** Heading text: role name first (tests and users recognise the page by it), then the workspace and its scope. */
export function homeHeading(user: SessionUser, districtName: string): string {
  const home = ROLE_HOMES[user.role];
  const base = `${ROLE_LABELS[user.role]} · ${home.workspace}`;
  switch (home.scope) {
    case 'none':
      return base;
    case 'district':
      return districtName ? `${base}（${districtName}）` : base;
    case 'organization':
      return `${base}（${user.organizationName}）`;
  }
}
