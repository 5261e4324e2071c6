import type { Role } from '../auth/roles.js';

/**
 * The life of an application for recognition as a municipal platform (Art 14): the district
 * government applies (附表1 and the five kinds of material), the district HRSS bureau gives its
 * opinion first (or returns it to the government), then the government its own, and only then does
 * it reach the bureau, which checks the conditions (Art 10–13, 17) and returns, rejects or sends it
 * to the experts (Art 14 (二)), proposes it for publicity after their opinions, posts the notice
 * (Art 14 (三)) and, once the publicity has ended without an unresolved objection, recognizes it
 * (Art 14 (四)) — or, an objection upheld, does not.
 */
export const applicationStates = [
  'draft', 'hrss_review', 'returned_to_gov', 'gov_opinion', 'submitted', 'returned_to_district',
  'under_expert_review', 'proposed', 'in_publicity', 'recognized', 'rejected', 'withdrawn',
  'in_preparation', 'acceptance_review', 'preparation_cancelled',
] as const;
export type ApplicationState = (typeof applicationStates)[number];

export const applicationStateLabels: Record<ApplicationState, string> = {
  draft: '区县政府填报中',
  hrss_review: '待区县人社局出具意见',
  returned_to_gov: '区县人社局退回修改',
  gov_opinion: '待区县政府出具意见',
  submitted: '已报市局，待审核',
  returned_to_district: '市局退回区县',
  under_expert_review: '专家评估中',
  proposed: '拟认定，待公示',
  in_publicity: '公示中',
  recognized: '已认定为市级平台',
  rejected: '不予认定',
  withdrawn: '已撤回',
  in_preparation: '已批准筹建，筹建中',
  acceptance_review: '筹建验收中',
  preparation_cancelled: '筹建资格已取消',
};

/** Closed applications: a platform may apply again only once its earlier application is one of these. */
export const closedApplicationStates = ['rejected', 'withdrawn', 'preparation_cancelled'] as const satisfies readonly ApplicationState[];
export const openApplicationStates = applicationStates.filter((s) => !(closedApplicationStates as readonly string[]).includes(s));

export const applicationActions = [
  'send_to_hrss', 'withdraw', 'hrss_return', 'hrss_opinion', 'gov_submit', 'bureau_return', 'reject', 'start_expert_review', 'propose',
  'post_publicity', 'withdraw_publicity', 'recognize', 'not_recognize',
  'approve_preparation', 'report_readiness', 'accept_preparation', 'fail_preparation', 'expire_preparation',
] as const;
export type ApplicationAction = (typeof applicationActions)[number];

interface ApplicationTransition {
  action: ApplicationAction;
  from: readonly ApplicationState[];
  to: ApplicationState;
  roles: readonly Role[];
  label: string;
  /** The step must say why (a return or a rejection tells its receiver what to do). */
  reasonRequired: boolean;
}

const bureau = ['admin', 'bureau'] as const;
/** The states in which the government holds the application and may change it. */
const withGovernment = ['draft', 'returned_to_gov', 'returned_to_district'] as const;
/** The states in which the bureau decides (check, Art 17, checklist, return, reject). */
const withBureau = ['submitted', 'under_expert_review'] as const;

export const applicationTransitions: readonly ApplicationTransition[] = [
  { action: 'send_to_hrss', from: withGovernment, to: 'hrss_review', roles: ['district_gov'], label: '提交区县人社局出具意见', reasonRequired: false },
  { action: 'withdraw', from: withGovernment, to: 'withdrawn', roles: ['district_gov'], label: '撤回申请', reasonRequired: true },
  { action: 'hrss_return', from: ['hrss_review'], to: 'returned_to_gov', roles: ['district'], label: '退回区县政府修改', reasonRequired: true },
  { action: 'hrss_opinion', from: ['hrss_review'], to: 'gov_opinion', roles: ['district'], label: '出具区县人社局意见', reasonRequired: false },
  { action: 'gov_submit', from: ['gov_opinion'], to: 'submitted', roles: ['district_gov'], label: '出具区县政府意见并报送市局', reasonRequired: false },
  { action: 'bureau_return', from: withBureau, to: 'returned_to_district', roles: bureau, label: '退回区县', reasonRequired: true },
  { action: 'reject', from: withBureau, to: 'rejected', roles: bureau, label: '不予认定', reasonRequired: true },
  { action: 'start_expert_review', from: ['submitted'], to: 'under_expert_review', roles: bureau, label: '组织专家评估', reasonRequired: false },
  // The bureau's study of the experts' opinions (研究确定) is written down with the proposal.
  { action: 'propose', from: ['under_expert_review'], to: 'proposed', roles: bureau, label: '确定为拟认定平台（待公示）', reasonRequired: true },
  { action: 'post_publicity', from: ['proposed'], to: 'in_publicity', roles: bureau, label: '发布公示', reasonRequired: false },
  // The notice listing it was withdrawn (with its reason): back to the proposals, to be posted again.
  { action: 'withdraw_publicity', from: ['in_publicity'], to: 'proposed', roles: bureau, label: '撤回公示', reasonRequired: true },
  { action: 'recognize', from: ['in_publicity'], to: 'recognized', roles: bureau, label: '认定为市级平台', reasonRequired: false },
  { action: 'not_recognize', from: ['in_publicity'], to: 'rejected', roles: bureau, label: '经公示异议成立，不予认定', reasonRequired: true },
  // 筹建 (Art 15, RULES.md §6): after the experts' opinions, instead of proposing recognition, the bureau
  // may approve preparatory construction for an urgent need (recorded with its consent and date).
  { action: 'approve_preparation', from: ['under_expert_review'], to: 'in_preparation', roles: bureau, label: '批准先行筹建', reasonRequired: false },
  // The applicant (or the operator of the platform in preparation) reports readiness with evidence: the acceptance starts.
  { action: 'report_readiness', from: ['in_preparation'], to: 'acceptance_review', roles: ['district_gov', 'district', 'operator'], label: '申请筹建验收', reasonRequired: true },
  // A passed acceptance goes through publicity and recognition like any application (Art 14 (三) (四)).
  { action: 'accept_preparation', from: ['acceptance_review'], to: 'proposed', roles: bureau, label: '筹建验收通过（确定为拟认定平台，待公示）', reasonRequired: true },
  { action: 'fail_preparation', from: ['acceptance_review'], to: 'preparation_cancelled', roles: bureau, label: '筹建验收不通过，取消筹建资格', reasonRequired: true },
  // Taken by the system only (the hourly job or `hrsp preparation`): no user's role may take it.
  { action: 'expire_preparation', from: ['in_preparation', 'acceptance_review'], to: 'preparation_cancelled', roles: [], label: '筹建期满未通过验收，取消筹建资格', reasonRequired: true },
];

/** The two opinions on 附表1 (Art 14 (一)): the district HRSS bureau's, then the district government's. */
export const opinionKinds = ['district_hrss', 'district_gov'] as const;
export type OpinionKind = (typeof opinionKinds)[number];

export type ApplicationRefusal = 'NOT_ALLOWED' | 'ROLE' | 'REASON_REQUIRED';
export type ApplicationTransitionCheck = { ok: true; to: ApplicationState } | { ok: false; code: ApplicationRefusal; message: string };

export function transitionOf(action: ApplicationAction): ApplicationTransition {
  const t = applicationTransitions.find((x) => x.action === action);
  if (!t) throw new Error(`no transition for ${action}`);
  return t;
}

/** Whether `role` may take `action` on an application in `from`; `reason` is the text given with it. */
export function checkApplicationAction(action: ApplicationAction, from: ApplicationState, role: Role, reason?: string | null): ApplicationTransitionCheck {
  const t = transitionOf(action);
  if (!t.roles.includes(role)) return { ok: false, code: 'ROLE', message: `您的角色不能${t.label}` };
  if (!t.from.includes(from)) return { ok: false, code: 'NOT_ALLOWED', message: `「${applicationStateLabels[from]}」状态下不能${t.label}` };
  if (t.reasonRequired && (reason === undefined || reason === null || reason.trim() === '')) {
    return { ok: false, code: 'REASON_REQUIRED', message: `${t.label}须填写理由` };
  }
  return { ok: true, to: t.to };
}

/** The steps `role` may take on an application in `state` (the buttons a page offers; a step needing a reason asks for it). */
export function actionsFor(state: ApplicationState, role: Role): ApplicationAction[] {
  return applicationTransitions.filter((t) => t.from.includes(state) && t.roles.includes(role)).map((t) => t.action);
}

/**
 * The government edits the form and the materials only while the application is in its hands, and
 * during 筹建 (Art 15), so that the acceptance checks the current figures.
 */
export function governmentMayEdit(state: ApplicationState): boolean {
  return (withGovernment as readonly ApplicationState[]).includes(state) || state === 'in_preparation';
}

/** The bureau records checklist confirmations and Art 17 terms while it decides, and again at the 筹建 acceptance (on the current figures). */
export function bureauMayDecide(state: ApplicationState): boolean {
  return (withBureau as readonly ApplicationState[]).includes(state) || state === 'acceptance_review';
}

/** Experts work on their assignments only while the application is under their review: the assessment, or the 筹建 acceptance round. */
export function expertsMayWork(state: ApplicationState): boolean {
  return state === 'under_expert_review' || state === 'acceptance_review';
}

/** Whether the system's expiry (Art 15: no passed acceptance by the end) applies to an application in this state. */
export function preparationMayExpire(state: ApplicationState): boolean {
  return transitionOf('expire_preparation').from.includes(state);
}

export function isOpen(state: ApplicationState): boolean {
  return !(closedApplicationStates as readonly ApplicationState[]).includes(state);
}

/** Who is waiting on the application, for lists and home pages. */
export function waitingOn(state: ApplicationState): Role | null {
  switch (state) {
    case 'draft':
    case 'returned_to_gov':
    case 'returned_to_district':
    case 'gov_opinion':
    case 'in_preparation':
      return 'district_gov';
    case 'hrss_review':
      return 'district';
    case 'submitted':
    case 'under_expert_review':
    case 'proposed':
    case 'in_publicity':
    case 'acceptance_review':
      return 'bureau';
    case 'recognized':
    case 'rejected':
    case 'withdrawn':
    case 'preparation_cancelled':
      return null;
  }
}
