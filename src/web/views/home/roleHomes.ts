import type { Role, SessionUser } from '../../api/types';
import { ROLE_LABELS } from '../../constants/labels';

export interface RoleHome {
  /** Heading after the role name, e.g. 系统管理概览. */
  workspace: string;
  /** Short "待办" guidance; the numbers come from GET /home. */
  todos: string[];
  /** Whether the heading names the user's district or platform. */
  scope: 'none' | 'district' | 'organization';
}

/** One entry per role; the Record type makes a new role fail to compile until it has a home page. */
export const ROLE_HOMES: Record<Role, RoleHome> = {
  admin: {
    workspace: '系统管理概览',
    scope: 'none',
    todos: ['维护用户账号与机构信息，及时停用离岗人员账号', '新增账号按最小权限分配角色', '安全设置、在线会话由安全管理员负责，审计日志由安全审计员查阅'],
  },
  security_admin: {
    workspace: '安全管理概览',
    scope: 'none',
    todos: ['维护登录锁定、会话超时等安全设置', '处理被锁定账号的解锁申请', '关注在线会话，必要时强制下线'],
  },
  auditor: {
    workspace: '安全审计概览',
    scope: 'none',
    todos: ['定期查阅审计日志与登录日志，核对重要操作与失败登录', '定期校验日志哈希链并记录链头哈希', '发现异常及时报告'],
  },
  bureau: {
    workspace: '业务工作台',
    scope: 'none',
    todos: ['审核区县推荐的平台认定申报材料', '跟踪全市平台监测与评估工作进度', '查看整改中平台的整改落实情况'],
  },
  district: {
    workspace: '本区县工作台',
    scope: 'district',
    todos: ['对本区县的市级平台认定申请出具区县人社局意见', '审核本区县平台提交的申报与备案材料', '督促本区县平台按时报送运营数据', '跟进本区县整改中平台的整改情况'],
  },
  district_gov: {
    workspace: '本区县申报工作台',
    scope: 'district',
    todos: ['填报本区县市级平台认定申请（附表1）和申报材料', '区县人社局出具意见后，出具区县政府意见并报送市人力社保局', '关注本区县平台的认定进展'],
  },
  operator: {
    workspace: '本平台工作台',
    scope: 'organization',
    todos: ['完善本平台基本信息与入驻机构信息', '按时报送运营数据与年度报告', '关注申报材料的审核意见并及时补正'],
  },
  expert: {
    workspace: '评审任务',
    scope: 'none',
    todos: ['查看分配给本人的评审任务', '在截止日期前完成评分并提交评审意见', '存在利益关系的任务请及时申请回避'],
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
