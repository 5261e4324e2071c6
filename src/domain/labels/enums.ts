import { filingStateLabels, type FilingAction } from '../district/filing.js';
/**
 * Chinese names of every enumeration value a user can see: registry codes, roles, workflow
 * states, grades, decisions, scheme settings and their values, file owners, notification kinds.
 * Tables that already lived beside their rules are re-exported, so there is one source each;
 * `Record<Union, string>` keeps each table exhaustive when its union grows.
 */
import { holidayEntryKindLabels } from '../dates/holiday-entries.js';
import { filingStatusLabels } from '../district-evaluations/filing.js';
import { orgKindLabels, roleLabels } from '../auth/roles.js';
import { entryStatusLabels } from '../evaluation/workflow.js';
import { GRADE_LABELS } from '../grading/types.js';
import { anomalyRuleLabels, statisticsChartLabels } from '../statistics/anomalies.js';
import type { CheckOutcome, ConditionStatus } from '../conditions/types.js';
import type { Strength } from '../conditions/policy-types.js';
import { RECOMMENDATION_TEXT } from '../grading/types.js';
import type { NotificationKind } from '../notifications/kinds.js';
import {
  carrierLabels, categoryLabels, operationModeLabels, orientationLabels, residenceModeLabels, serviceLabels, staffTeamLabels,
} from '../platforms/labels.js';
import { statusLabels as platformStatusLabels } from '../platforms/lifecycle.js';
import type { SafetyTier, ValueTier } from '../rules/facts.js';
import type { LeaderLevel, SchemeSettings } from '../rules/scheme-types.js';
import { PLATFORM_LEVEL_LABELS, PLATFORM_TYPE_LABELS } from '../rules/scheme-types.js';
import { SETTING_LABELS } from '../rules/settings-shown.js';
import type { PlatformOrigin } from '../platforms/codes.js';
import { constructionLabels } from '../recognition/form.js';
import { materialKindLabels } from '../recognition/materials.js';
import { preparationNeedKindLabels, preparationTermStatusLabels } from '../recognition/preparation.js';
import { REPORT_TRANSITIONS, reportActions, reportStateLabels, type ReportAction } from '../reporting/workflow.js';
import { recommendationLabels, verificationResultLabels } from '../recognition/expert-review.js';
import { dayCountingLabels } from '../publicity/notice.js';
import { noticeRevisionKindLabels, noticeStatusLabels } from '../publicity/notice-states.js';
import { objectionOutcomeLabels, objectionSourceLabels, objectionStatusLabels, replyMethodLabels } from '../publicity/objection.js';
import { supportKindLabels, supportOutcomeLabels, supportStandingLabels } from '../support/eligibility.js';
import { applicationActions, applicationStateLabels, transitionOf, type ApplicationAction, type OpinionKind } from '../recognition/workflow.js';

export {
  orgKindLabels, roleLabels, entryStatusLabels, GRADE_LABELS, carrierLabels, categoryLabels, operationModeLabels, orientationLabels,
  residenceModeLabels, serviceLabels, staffTeamLabels, platformStatusLabels, PLATFORM_LEVEL_LABELS, PLATFORM_TYPE_LABELS, SETTING_LABELS,
};

/** Short wording of the score sheets' tiers (the full criteria are in the rule scheme). */
export const SAFETY_LABELS: Readonly<Record<SafetyTier, string>> = {
  full: '制度健全并全面落实，全年未发生安全事故',
  basic: '制度健全并基本执行到位，全年未发生安全事故',
  weak: '制度不健全或执行较差，全年未发生安全事故',
  none: '制度缺失或发生安全事故',
};
export const VALUE_ORIENTATION_LABELS: Readonly<Record<ValueTier, string>> = {
  sound: '坚持正确思想导向且监督、宣传制度完善',
  failed: '发生错误导向事件造成不良社会影响或受到有关部门惩处',
};
export const LEADER_LEVEL_LABELS: Readonly<Record<LeaderLevel, string>> = {
  ministerial: '省部级领导出席',
  bureau: '厅局级领导出席',
  none: '无',
};

export const EVALUATION_STATUS_LABELS = { draft: '未开启', open: '进行中', published: '已公布' } as const;
export const SCHEME_STATUS_LABELS = { draft: '草稿', adopted: '已启用' } as const;
export const GRADE_SOURCE_LABELS = {
  computed: '按分数确定', tie_decision: '评审会议决定（并列）', override: '评审会议调整', lost_conditions: '不再符合认定条件',
} as const;
/** The district's decision on a row of the self-evaluation. */
export const ROW_DECISION_LABELS = { accepted: '通过', returned: '退回修改' } as const;
export const ASSIGNMENT_STATUS_LABELS = { assigned: '评审中', declined: '已回避', submitted: '已提交' } as const;
export const PROPOSAL_KIND_LABELS = { removal: '建议退出市级平台', promotion: '建议认定为市级平台' } as const;
export const PROPOSAL_STATUS_LABELS = { proposed: '待处理', confirmed: '已确认', rejected: '已驳回' } as const;
export const DISTRICT_KIND_LABELS = { district: '区', county: '县', 'autonomous-county': '自治县', 'functional-zone': '功能区' } as const;
export const FILE_OWNER_LABELS = {
  platform: '平台材料', site: '场地材料', residence: '入驻企业材料', year_data: '年度运营数据证明材料', evaluation_entry: '年度评估佐证材料', support_item: '扶持事项文件',
} as const;
export const FILE_PURPOSE_LABELS = { recognition: '认定（备案）材料', operation: '运营管理材料', other: '其他材料', agreement: '入驻协议' } as const;
export const WINDOW_LABELS = { selfEvaluationEnd: '自评截止日', districtReviewEnd: '区县初审截止日', municipalReviewEnd: '市级评审截止日' } as const;

type ChoiceSetting = Exclude<keyof SchemeSettings, 'trimFrom' | 'passThroughInParkRevenue' | 'branchUsesDistrictQuota'>;

/** Short names of the values of each scheme setting (RULES.md §8); the full sentences are in settings-shown.ts. */
export const SETTING_VALUE_LABELS: { readonly [K in ChoiceSetting]-?: Readonly<Record<NonNullable<SchemeSettings[K]>, string>> } = {
  aboveScale: { instead: '替代计分', additional: '另行加计' },
  titledStaff: { instead: '替代计分', additional: '另行加计' },
  residents: { year_end: '按年末在驻数', arrivals: '按年内新入驻数' },
  educationCategories: { highest_only: '只计最高学历类别', each_applicable: '计入符合的各个类别' },
  pairChoice: { orientation: '按认定时登记的定位', free_choice: '由平台自行声明' },
  scaling: { floor: '放大计分单位后取整', proportional: '按系数比例折算' },
  judged: { trimmed_mean: '去掉最高最低分后取平均', mean: '取平均', panel: '取评审组统一评分' },
  publicity: { calendar_days: '按自然日', working_days: '按工作日' },
  conditionResidents: { all: '全部入驻企业', offline: '仅线下入驻企业' },
};

export const CONDITION_OUTCOME_LABELS: Readonly<Record<CheckOutcome, string>> = {
  met: '符合认定条件', met_with_deadlines: '符合（部分条件限期达到）', needs_confirmation: '数据达标，定性条件待核实', not_met: '不符合认定条件',
};
export const CONDITION_STATUS_LABELS: Readonly<Record<ConditionStatus, string>> = {
  pass: '通过', fail: '未通过', missing: '未填报', accepted: '已认可', deferred: '限期达到', overdue: '逾期未达到',
};
export const STRENGTH_LABELS: Readonly<Record<Strength, string>> = { hard: '硬性', soft: '原则上' };
export const THRESHOLD_SOURCE_LABELS = { policy: '认定办法', district: '区县标准', art17: '第十七条放宽' } as const;
export { RECOMMENDATION_TEXT };
export const PROPOSAL_CONSEQUENCE_LABELS = {
  remove_from_municipal: '建议不再纳入市级平台管理', recognize_as_municipal: '建议认定为市级平台', verify_municipal_conditions: '核实是否符合市级平台条件',
} as const;
export const GRADING_POOL_LABELS = { all: '全部参评平台', per_type: '按平台类型分别计算' } as const;
export const RULE_KIND_LABELS = {
  per_unit: '按数量计分', categories: '分类计分', above_base: '基数以上计分', events_attendance: '按活动参加人数计分',
  events_leader: '按出席领导级别计分', judged: '综合评定', tier: '分档计分', deduction: '扣分项', sum: '分项合计',
} as const;
export const PAIR_SELECTION_LABELS = { orientation: '按平台定位', declared: '平台声明', proposed: '按得分较高者建议' } as const;
export const PAIR_ROW_LABELS = { '2.1': '指标 2.1', '2.2': '指标 2.2', '2.3': '指标 2.3', '2.4': '指标 2.4' } as const;
export const SCHEME_CHANGE_LABELS = { added: '新增', removed: '删除', changed: '修改' } as const;
export const SCHEME_ID_LABELS = { 'cq-2025': '2025 年评分方案' } as const;
export const LOG_CHAIN_LABELS = { audit: '审计日志', login: '登录日志' } as const;
export const CHAIN_BREAK_LABELS = { missing: '记录缺失', link: '链接断裂', content: '内容被改动', unsealed: '未封存', head: '链头不符' } as const;
export const SORT_ORDER_LABELS = { asc: '升序', desc: '降序' } as const;
export const PUBLIC_SORT_LABELS = { name: '名称', districtCode: '所属区县', level: '层级', recognizedAt: '认定日期' } as const;
export const YES_NO_LABELS = { true: '是', false: '否' } as const;
export const HEALTH_LABELS = { ok: '正常' } as const;

export const NOTIFICATION_KIND_LABELS: Readonly<Record<NotificationKind, string>> = {
  'evaluation.entry.submitted': '自评已提交待初审',
  'district.filing.submitted': '区县级平台报备待确认',
  'district.filing.questioned': '区县级平台备案被提出问题',
  'district.filing.acknowledged': '区县级平台备案已确认',
  'evaluation.entry.returned': '自评被退回修改',
  'evaluation.entry.forwarded': '区县已报送市局',
  'evaluation.expert.assigned': '评审任务分配',
  'evaluation.expert.declined': '专家回避评审',
  'evaluation.deadline.due_soon': '截止日临近',
  'evaluation.deadline.overdue': '已过截止日',
  'evaluation.published': '评估结果公布',
  'recognition.application.sent': '认定申报待出具意见',
  'recognition.application.returned_to_gov': '认定申报被退回区县政府',
  'recognition.application.hrss_opinion': '区县人社局已出具意见',
  'recognition.application.submitted': '认定申报已报市局',
  'recognition.application.returned_to_district': '认定申报被市局退回',
  'recognition.application.rejected': '认定申报未获通过',
  'platform.deadline.overdue': '认定条件达成期限已过',
  'platform.promoted': '区县级平台直接认定为市级平台',
  'district_evaluation.submitted': '区县报送平台评估结果',
  'district_evaluation.acknowledged': '区县评估结果已确认备案',
  'district_evaluation.returned': '区县评估结果被退回',
  'district_evaluation.reminder': '提醒报送区县评估结果',
  'reporting.report.submitted': '运营数据已报送待审核',
  'reporting.report.returned': '运营数据被退回修改',
  'reporting.report.accepted': '运营数据审核通过',
  'reporting.reminder.due_soon': '运营数据报送即将截止',
  'reporting.reminder.overdue': '运营数据逾期未报送',
  'recognition.expert.assigned': '认定评估任务分配',
  'recognition.expert.declined': '专家回避认定评估',
  'recognition.expert.submitted': '专家已提交认定评估意见',
  'recognition.application.in_publicity': '拟认定平台公示中',
  'recognition.application.publicity_withdrawn': '拟认定平台公示已撤回',
  'publicity.objection.assigned': '公示异议分派给我办理',
  'recognition.application.recognized': '已认定为市级平台',
  'preparation.approved': '已批准先行筹建',
  'preparation.readiness': '筹建平台申请验收',
  'preparation.accepted': '筹建验收通过',
  'preparation.failed': '筹建验收不通过',
  'preparation.reminder': '筹建期即将届满',
  'preparation.extended': '筹建期已延长',
  'preparation.expired': '筹建期满，筹建资格已取消',
};

/** How a record entered the registry (存量平台登记 for platforms recognized before HRSP). */
export const PLATFORM_ORIGIN_LABELS: Readonly<Record<PlatformOrigin, string>> = { registered: '新建登记', legacy: '存量登记' };
export const OPINION_KIND_LABELS: Readonly<Record<OpinionKind, string>> = { district_hrss: '区县人力社保局意见', district_gov: '区县政府意见' };
/** A reporting step's name is its transition's label (src/domain/reporting/workflow.ts). */
export const REPORT_ACTION_LABELS = Object.fromEntries(reportActions.map((a) => [a, REPORT_TRANSITIONS[a].label])) as Readonly<Record<ReportAction, string>>;

/** A recognition step's name is its transition's label (src/domain/recognition/workflow.ts). */
export const APPLICATION_ACTION_LABELS = Object.fromEntries(applicationActions.map((a) => [a, transitionOf(a).label])) as Readonly<Record<ApplicationAction, string>>;

/**
 * Every enumeration by name: what the label test walks and what `enumLabel` reads. A value's
 * name is looked up in its own enumeration, as `municipal` is 市级 as a level and 市级部门 as an honour.
 */
export const FILING_ACTION_LABELS: Readonly<Record<FilingAction, string>> = { decide: '区县认定决定', file: '报备', question: '市局提出问题', acknowledge: '确认备案' };

export const ENUM_LABELS = {
  platformLevel: PLATFORM_LEVEL_LABELS,
  platformType: PLATFORM_TYPE_LABELS,
  platformStatus: platformStatusLabels,
  platformCategory: categoryLabels,
  carrier: carrierLabels,
  orientation: orientationLabels,
  operationMode: operationModeLabels,
  platformService: serviceLabels,
  staffTeam: staffTeamLabels,
  residenceMode: residenceModeLabels,
  safety: SAFETY_LABELS,
  valueOrientation: VALUE_ORIENTATION_LABELS,
  leaderLevel: LEADER_LEVEL_LABELS,
  role: roleLabels,
  orgKind: orgKindLabels,
  entryStatus: entryStatusLabels,
  evaluationStatus: EVALUATION_STATUS_LABELS,
  schemeStatus: SCHEME_STATUS_LABELS,
  grade: GRADE_LABELS,
  anomalyRule: anomalyRuleLabels,
  statisticsChart: statisticsChartLabels,
  gradeSource: GRADE_SOURCE_LABELS,
  rowDecision: ROW_DECISION_LABELS,
  assignmentStatus: ASSIGNMENT_STATUS_LABELS,
  proposalKind: PROPOSAL_KIND_LABELS,
  proposalStatus: PROPOSAL_STATUS_LABELS,
  districtKind: DISTRICT_KIND_LABELS,
  fileOwnerType: FILE_OWNER_LABELS,
  filePurpose: FILE_PURPOSE_LABELS,
  window: WINDOW_LABELS,
  setting: SETTING_LABELS,
  notificationKind: NOTIFICATION_KIND_LABELS,
  conditionOutcome: CONDITION_OUTCOME_LABELS,
  conditionStatus: CONDITION_STATUS_LABELS,
  strength: STRENGTH_LABELS,
  thresholdSource: THRESHOLD_SOURCE_LABELS,
  recommendation: RECOMMENDATION_TEXT,
  proposalConsequence: PROPOSAL_CONSEQUENCE_LABELS,
  gradingPool: GRADING_POOL_LABELS,
  ruleKind: RULE_KIND_LABELS,
  pairSelection: PAIR_SELECTION_LABELS,
  pairRow: PAIR_ROW_LABELS,
  schemeChange: SCHEME_CHANGE_LABELS,
  schemeId: SCHEME_ID_LABELS,
  logChain: LOG_CHAIN_LABELS,
  chainBreak: CHAIN_BREAK_LABELS,
  sortOrder: SORT_ORDER_LABELS,
  publicSort: PUBLIC_SORT_LABELS,
  yesNo: YES_NO_LABELS,
  health: HEALTH_LABELS,
  platformOrigin: PLATFORM_ORIGIN_LABELS,
  applicationState: applicationStateLabels,
  applicationAction: APPLICATION_ACTION_LABELS,
  constructionMode: constructionLabels,
  materialKind: materialKindLabels,
  opinionKind: OPINION_KIND_LABELS,
  expertRecommendation: recommendationLabels,
  verificationResult: verificationResultLabels,
  dayCounting: dayCountingLabels,
  objectionStatus: objectionStatusLabels,
  objectionOutcome: objectionOutcomeLabels,
  holidayEntryKind: holidayEntryKindLabels,
  applicationFilePurpose: { opinion_seal: '意见盖章件', acceptance_evidence: '筹建验收材料' },
  preparationNeedKind: preparationNeedKindLabels,
  preparationTermStatus: preparationTermStatusLabels,
  reportState: reportStateLabels,
  reportAction: REPORT_ACTION_LABELS,
  cycleKind: { quarterly: '季度', yearly: '年度' },
  reminderKind: { due_soon: '截止前提醒', overdue: '逾期提醒' },
  figureUnit: { count: '数量', yuan: '金额（元）' },
  reportStanding: { overdue: '已逾期', due_soon: '即将截止', open: '未到期', done: '已报送', not_asked: '不适用' },
  publicitySubject: { recognition_application: '拟认定市级平台', evaluation_result: '年度评估拟定结果' },
  noticeStatus: noticeStatusLabels,
  noticeRevisionKind: noticeRevisionKindLabels,
  objectionSource: objectionSourceLabels,
  replyMethod: replyMethodLabels,
  districtFilingStatus: filingStatusLabels,
  filingState: filingStateLabels,
  filingAction: FILING_ACTION_LABELS,
  supportKind: supportKindLabels,
  supportOutcome: supportOutcomeLabels,
  supportStanding: supportStandingLabels,
  supportGroup: { platform: '按平台', district: '按区县', year: '按年度' },
} as const satisfies Record<string, Readonly<Record<string, string>>>;

export type EnumName = keyof typeof ENUM_LABELS;

/** A coded value's Chinese name in its enumeration; the code itself, marked, when it has none. */
export function enumLabel(name: EnumName, value: string): string {
  const table: Readonly<Record<string, string>> = ENUM_LABELS[name];
  return Object.hasOwn(table, value) ? (table[value] ?? value) : `〔${value}〕`;
}

/**
 * The allowed values of a refused choice, each with its Chinese name when one enumeration holds
 * them all (`national（国家级）、municipal（市级）…`); the codes stay, as a typed query needs them.
 */
export function choicesText(values: readonly unknown[]): string {
  const codes = values.map(String);
  const tables: readonly Readonly<Record<string, string>>[] = [...Object.values(ENUM_LABELS), ...Object.values(SETTING_VALUE_LABELS)];
  const table = tables.find((t) => codes.every((c) => Object.hasOwn(t, c)));
  return codes.map((c) => (table === undefined ? c : `${c}（${table[c] ?? ''}）`)).join('、');
}

/** Facts whose value is one code of an enumeration (a tier), with their choices in Chinese; undefined for other facts. */
export function factChoices(fact: string): { value: string; label: string }[] | undefined {
  const table: Readonly<Record<string, string>> | undefined = fact === 'safety' ? SAFETY_LABELS : fact === 'valueOrientation' ? VALUE_ORIENTATION_LABELS : undefined;
  return table === undefined ? undefined : Object.entries(table).map(([value, label]) => ({ value, label }));
}
