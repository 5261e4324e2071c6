/**
 * All pages as data. `meta.roles` limits a page to some roles (UX only: the server enforces access);
 * `meta.menu` puts a page in the left menu of the signed-in layout.
 */
import type { RouteRecordRaw } from 'vue-router';
import type { Role } from '../api/types';
import { printRoutes } from '../views/evaluation-print/routes';

declare module 'vue-router' {
  interface RouteMeta {
    title: string;
    /** Reachable without a session. */
    public?: boolean;
    /** Only for visitors without a session (login page): signed-in users go home. */
    guestOnly?: boolean;
    roles?: readonly Role[];
    /**
     * Shown in the left menu; `group` nests it under a sub-menu. `onDemand` roles see the entry only
     * when the layout found something for them there (an operator whose platform has an application).
     */
    menu?: { group?: string; onDemand?: readonly Role[] };
    /** Menu entry to highlight for pages that are not in the menu themselves (detail pages). */
    activeMenu?: string;
  }
}

const ADMIN_ONLY: readonly Role[] = ['admin'];
/** 三员: the security administrator (settings, sessions, unlocking) and the auditor (the logs) apart from the system administrator. */
const SECURITY_ADMIN: readonly Role[] = ['security_admin'];
const AUDITOR: readonly Role[] = ['auditor'];
/** The users page: the system administrator manages accounts, the security administrator unlocks them. */
const USER_PAGE: readonly Role[] = ['admin', 'security_admin'];
/** Everyone but the security administrator and the auditor, who have no business data. */
const BUSINESS: readonly Role[] = ['admin', 'bureau', 'district', 'district_gov', 'operator', 'expert'];
/** Who registers platforms: the bureau any, a district unit district-level ones of its district. */
const PLATFORM_CREATORS: readonly Role[] = ['admin', 'bureau', 'district'];
/** Everyone with a registry read scope (experts get theirs with the evaluation workflow). */
const REGISTRY_READERS: readonly Role[] = ['admin', 'bureau', 'district', 'district_gov', 'operator'];
/** GET /residences/duplicates: the bureau for all, district bodies for their district. */
const DUPLICATE_READERS: readonly Role[] = ['admin', 'bureau', 'district', 'district_gov'];
/** Reporting: operators report, districts review, the bureau sets cycles and sees the matrix (GET /reporting/...). */
const REPORTING: readonly Role[] = ['admin', 'bureau', 'district', 'operator'];
/** GET /statistics/*: the bureau for the city by district, a district unit for its own district and the city totals. */
const STATISTICS_READERS: readonly Role[] = ['admin', 'bureau', 'district'];
const ADMIN_GROUP = '系统管理';
const SECURITY_GROUP = '安全管理';
const AUDIT_GROUP = '安全审计';
const EVALUATION_GROUP = '年度评估';
const BUREAU: readonly Role[] = ['admin', 'bureau'];
/** Score schemes: the bureau adjusts them every year (Art 29). */
const SCHEME_EDITORS: readonly Role[] = ['admin', 'bureau'];
/** Who takes part in the annual evaluation (experts get theirs with assignments). */
const EVALUATION_READERS: readonly Role[] = ['admin', 'bureau', 'district', 'district_gov', 'operator'];
/** GET /evaluations/:id/entries/:entryId. */
const ENTRY_READERS: readonly Role[] = ['admin', 'bureau', 'district', 'operator'];
/** GET /recognition/applications: the bureau, district bodies for their district, an operator for its own platform, an expert the assigned ones. */
const RECOGNITION_READERS: readonly Role[] = ['admin', 'bureau', 'district', 'district_gov', 'operator', 'expert'];

/** Art 16: district units their own policy and filings, the bureau every district's. */
const DISTRICT_FILING_READERS: readonly Role[] = ['admin', 'bureau', 'district'];

/** Children of the signed-in layout at /app; the menu is built from these. */
export const appChildRoutes: RouteRecordRaw[] = [
  { path: 'home', name: 'home', component: () => import('../views/home/HomeView.vue'), meta: { title: '首页', menu: {} } },
  {
    path: 'platforms',
    name: 'platforms',
    component: () => import('../views/platforms/PlatformListView.vue'),
    meta: { title: '平台名录', roles: BUSINESS, menu: {} },
  },
  {
    path: 'platforms/new',
    name: 'platform-create',
    component: () => import('../views/platforms/PlatformCreateView.vue'),
    meta: { title: '登记平台', roles: PLATFORM_CREATORS, activeMenu: '/app/platforms' },
  },
  {
    path: 'platforms/:id',
    name: 'platform-detail',
    component: () => import('../views/platforms/PlatformDetailView.vue'),
    meta: { title: '平台详情', activeMenu: '/app/platforms' },
  },
  {
    path: 'enterprises',
    name: 'enterprises',
    component: () => import('../views/enterprises/EnterpriseListView.vue'),
    meta: { title: '企业名录', roles: REGISTRY_READERS, menu: {} },
  },
  { path: 'statistics', name: 'statistics', component: () => import('../views/statistics/StatisticsView.vue'), meta: { title: '统计分析', roles: STATISTICS_READERS, menu: {} } },
  {
    path: 'enterprises/duplicates',
    name: 'enterprise-duplicates',
    component: () => import('../views/enterprises/DuplicatesView.vue'),
    meta: { title: '重复入驻', roles: DUPLICATE_READERS, menu: {} },
  },
  {
    path: 'recognition/applications',
    name: 'recognition-applications',
    component: () => import('../views/recognition/ApplicationListView.vue'),
    meta: { title: '平台认定申报', roles: RECOGNITION_READERS, menu: { onDemand: ['operator', 'expert'] } },
  },
  {
    path: 'district-policies',
    name: 'district-policies',
    component: () => import('../views/district/DistrictPolicyView.vue'),
    meta: { title: '区县认定政策', roles: DISTRICT_FILING_READERS, menu: {} },
  },
  {
    path: 'district-filings',
    name: 'district-filings',
    component: () => import('../views/district/DistrictFilingListView.vue'),
    meta: { title: '区县级平台备案', roles: DISTRICT_FILING_READERS, menu: {} },
  },
  {
    path: 'recognition/applications/:id',
    name: 'recognition-application',
    component: () => import('../views/recognition/ApplicationView.vue'),
    meta: { title: '认定申请', roles: RECOGNITION_READERS, activeMenu: '/app/recognition/applications' },
  },
  {
    // Objections are the bureau's only (GET /publicity/notices/:noticeId/objections).
    path: 'publicity/:noticeId/objections',
    name: 'publicity-objections',
    component: () => import('../views/publicity/NoticeObjectionsView.vue'),
    meta: { title: '异议处理', roles: BUREAU, activeMenu: '/app/recognition/applications' },
  },
  {
    path: 'evaluations',
    name: 'evaluations',
    component: () => import('../views/evaluations/EvaluationListView.vue'),
    meta: { title: '评估批次', roles: EVALUATION_READERS, menu: { group: EVALUATION_GROUP } },
  },
  {
    path: 'evaluations/:id',
    name: 'evaluation-detail',
    component: () => import('../views/evaluations/EvaluationDetailView.vue'),
    meta: { title: '参评平台', roles: EVALUATION_READERS, activeMenu: '/app/evaluations' },
  },
  {
    path: 'evaluations/:id/entries/:entryId',
    name: 'evaluation-entry',
    component: () => import('../views/evaluations/EntryView.vue'),
    meta: { title: '自评与初审', roles: ENTRY_READERS, activeMenu: '/app/evaluations' },
  },
  // Municipal review, panel and results (src/web/views/expert-review, panel, portal/PublicResultsView).
  { path: 'review', name: 'my-reviews', component: () => import('../views/expert-review/MyAssignmentsView.vue'), meta: { title: '我的评审任务', roles: ['expert'], menu: { group: EVALUATION_GROUP } } },
  { path: 'review/:evaluationId/:entryId', name: 'review-assignment', component: () => import('../views/expert-review/AssignmentView.vue'), meta: { title: '评审任务', roles: ['expert'], activeMenu: '/app/review' } },
  { path: 'municipal-review', name: 'municipal-review', component: () => import('../views/panel/MunicipalReviewView.vue'), meta: { title: '市级评审', roles: BUREAU, menu: { group: EVALUATION_GROUP } } },
  { path: 'experts', name: 'expert-pool', component: () => import('../views/experts/ExpertPoolView.vue'), meta: { title: '评审专家', roles: BUREAU, menu: { group: EVALUATION_GROUP } } },
  { path: 'panel', name: 'panel', component: () => import('../views/panel/PanelView.vue'), meta: { title: '评审会议', roles: BUREAU, menu: { group: EVALUATION_GROUP } } },
  {
    path: 'district-evaluations/mine',
    name: 'district-evaluation-filing',
    component: () => import('../views/district-evaluations/DistrictFilingView.vue'),
    meta: { title: '区县级平台评估结果', roles: ['district'], menu: { group: EVALUATION_GROUP } },
  },
  {
    path: 'district-evaluations',
    name: 'district-evaluation-overview',
    component: () => import('../views/district-evaluations/DistrictFilingOverviewView.vue'),
    meta: { title: '区县评估结果备案', roles: BUREAU, menu: { group: EVALUATION_GROUP } },
  },
  { path: 'results', name: 'results-latest', component: () => import('../views/panel/ResultsView.vue'), meta: { title: '评估结果', roles: BUSINESS, menu: { group: EVALUATION_GROUP } } },
  { path: 'evaluations/:id/results', name: 'evaluation-results', component: () => import('../views/panel/ResultsView.vue'), meta: { title: '评估结果', activeMenu: '/app/results' } },
  {
    path: 'schemes',
    name: 'schemes',
    component: () => import('../views/schemes/SchemeListView.vue'),
    meta: { title: '评分方案', roles: SCHEME_EDITORS, menu: { group: EVALUATION_GROUP } },
  },
  {
    path: 'schemes/:id',
    name: 'scheme-detail',
    component: () => import('../views/schemes/SchemeDetailView.vue'),
    meta: { title: '评分方案详情', roles: SCHEME_EDITORS, activeMenu: '/app/schemes' },
  },
  // Operating-data reporting (Art 18, 20): one page per role (src/web/views/reporting), and one report.
  { path: 'reporting', name: 'reporting', component: () => import('../views/reporting/ReportingView.vue'), meta: { title: '运营数据报送', roles: REPORTING, menu: {} } },
  { path: 'reporting/:periodId/:platformId', name: 'reporting-report', component: () => import('../views/reporting/ReportView.vue'), meta: { title: '运营数据报表', roles: REPORTING, activeMenu: '/app/reporting' } },
  // Publicity notices (src/web/views/publicity): the bureau posts, corrects and withdraws them.
  { path: 'support', name: 'support', component: () => import('../views/support/SupportView.vue'), meta: { title: '支持措施', roles: REGISTRY_READERS, menu: {} } },
  { path: 'publicity', name: 'publicity', component: () => import('../views/publicity/NoticeListView.vue'), meta: { title: '公示管理', roles: BUREAU, menu: {} } },
  { path: 'publicity/new', name: 'publicity-new', component: () => import('../views/publicity/NoticeCreateView.vue'), meta: { title: '发布公示', roles: BUREAU, activeMenu: '/app/publicity' } },
  { path: 'publicity/:id', name: 'publicity-notice', component: () => import('../views/publicity/NoticeDetailView.vue'), meta: { title: '公示详情', roles: BUREAU, activeMenu: '/app/publicity' } },
  {
    path: 'notifications',
    name: 'notifications',
    component: () => import('../views/notifications/NotificationCenterView.vue'),
    meta: { title: '消息中心', menu: {} },
  },
  {
    path: 'account',
    name: 'account',
    component: () => import('../views/account/AccountSecurityView.vue'),
    meta: { title: '账号安全' },
  },
  {
    path: 'admin/users',
    name: 'admin-users',
    component: () => import('../views/users/UserListView.vue'),
    meta: { title: '用户管理', roles: USER_PAGE, menu: { group: ADMIN_GROUP } },
  },
  {
    path: 'admin/organizations',
    name: 'admin-organizations',
    component: () => import('../views/organizations/OrganizationListView.vue'),
    meta: { title: '机构管理', roles: ADMIN_ONLY, menu: { group: ADMIN_GROUP } },
  },
  {
    path: 'admin/holidays',
    name: 'admin-holidays',
    component: () => import('../views/settings/HolidayCalendarView.vue'),
    meta: { title: '节假日安排', roles: ADMIN_ONLY, menu: { group: ADMIN_GROUP } },
  },
  {
    path: 'admin/audit-log',
    name: 'admin-audit-log',
    component: () => import('../views/audit-log/AuditLogView.vue'),
    meta: { title: '审计日志', roles: AUDITOR, menu: { group: AUDIT_GROUP } },
  },
  {
    path: 'admin/login-log',
    name: 'admin-login-log',
    component: () => import('../views/login-log/LoginLogView.vue'),
    meta: { title: '登录日志', roles: AUDITOR, menu: { group: AUDIT_GROUP } },
  },
  {
    path: 'admin/sessions',
    name: 'admin-sessions',
    component: () => import('../views/sessions/OnlineSessionsView.vue'),
    meta: { title: '在线用户', roles: SECURITY_ADMIN, menu: { group: SECURITY_GROUP } },
  },
  {
    path: 'admin/settings',
    name: 'admin-settings',
    component: () => import('../views/settings/SecuritySettingsView.vue'),
    meta: { title: '安全设置', roles: SECURITY_ADMIN, menu: { group: SECURITY_GROUP } },
  },
];

export const routes: RouteRecordRaw[] = [
  ...printRoutes,
  {
    path: '/app/recognition/applications/:id/print',
    name: 'recognition-application-print',
    component: () => import('../views/recognition/ApplicationPrintView.vue'),
    meta: { title: '打印认定申请表', roles: RECOGNITION_READERS },
  },
  {
    path: '/app/support/print',
    name: 'support-print',
    component: () => import('../views/support/SupportPrintView.vue'),
    meta: { title: '打印扶持事项', roles: REGISTRY_READERS },
  },
  {
    path: '/app/publicity/:id/print',
    name: 'publicity-notice-print',
    component: () => import('../views/publicity/NoticePrintView.vue'),
    meta: { title: '打印公示', roles: BUREAU },
  },
  {
    path: '/app',
    component: () => import('../layouts/AppLayout.vue'),
    redirect: '/app/home',
    meta: { title: '工作台' },
    children: appChildRoutes,
  },
  {
    // Public pages and the password page share the plain layout with the demo banner.
    path: '/',
    component: () => import('../layouts/PublicLayout.vue'),
    meta: { title: '公众门户' },
    children: [
      { path: '', name: 'portal', component: () => import('../views/portal/PortalHomeView.vue'), meta: { title: '公众门户', public: true } },
      {
        path: 'login',
        name: 'login',
        component: () => import('../views/auth/LoginView.vue'),
        meta: { title: '登录', public: true, guestOnly: true },
      },
      {
        path: 'change-password',
        name: 'change-password',
        component: () => import('../views/auth/ChangePasswordView.vue'),
        meta: { title: '修改密码' },
      },
      { path: 'notices', name: 'public-notices', component: () => import('../views/portal/notices/NoticeArchiveView.vue'), meta: { title: '公示公告', public: true } },
      { path: 'notices/:id', name: 'public-notice', component: () => import('../views/portal/notices/NoticePageView.vue'), meta: { title: '公示详情', public: true } },
      { path: 'notices/:id/objection', name: 'notice-objection', component: () => import('../views/portal/notices/ObjectionFormView.vue'), meta: { title: '对公示提出异议', public: true } },
      { path: 'objections/lookup', name: 'objection-lookup', component: () => import('../views/portal/notices/ObjectionLookupView.vue'), meta: { title: '查询异议处理情况', public: true } },
      { path: 'platforms', name: 'public-directory', component: () => import('../views/portal/PortalDirectoryView.vue'), meta: { title: '平台名录', public: true } },
      {
        path: 'platforms/:id',
        name: 'public-platform',
        component: () => import('../views/portal/PortalPlatformView.vue'),
        props: true,
        meta: { title: '平台信息', public: true },
      },
      { path: 'open-data', name: 'open-data', component: () => import('../views/portal/OpenDataView.vue'), meta: { title: '开放数据', public: true } },
      { path: 'results', name: 'public-results', component: () => import('../views/portal/PublicResultsView.vue'), meta: { title: '年度评估结果', public: true } },
      { path: '403', name: 'forbidden', component: () => import('../views/errors/ForbiddenView.vue'), meta: { title: '无权访问', public: true } },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('../views/errors/NotFoundView.vue'),
        meta: { title: '页面不存在', public: true },
      },
    ],
  },
];
