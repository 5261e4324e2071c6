import { roleLabels } from '../auth/roles.js';
import { SETTING_LABELS } from '../rules/settings-shown.js';
import { entryStatusLabels } from '../evaluation/workflow.js';
import { statusLabels as platformStatusLabels } from '../platforms/lifecycle.js';
import { factLabelOrUndefined } from '../labels/facts.js';
import { PLATFORM_TYPE_LABELS } from '../rules/scheme-types.js';
import { ENUM_LABELS } from '../labels/enums.js';
import { applicationStateLabels } from '../recognition/workflow.js';
import { fieldLabelOrUndefined } from '../labels/path.js';

/**
 * Chinese wording of the audit log: every action and entity type the server writes, and the
 * fields its before → after summaries name. The log page, its export and the server's name
 * lookup read these; src/web/utils/audit-labels.test.ts fails when an audited action or entity
 * type in src/server has no label here.
 */

export const auditActionLabels = {
  'access.refused': '越权访问被拒绝',
  'access.csrf_refused': '跨站请求被拒绝',
  'auth.lockout': '账号锁定',
  'auth.logout': '退出登录',
  'backup.create': '备份数据',
  'crypto.rotate_key': '轮换数据加密密钥',
  'crypto.seal_plaintext': '加密存量个人信息',
  'district_policy.create': '登记区县认定政策',
  'district_filing.decide': '记录区县认定决定',
  'district_filing.file': '区县级平台报备',
  'district_filing.question': '对区县级平台备案提出问题',
  'district_filing.acknowledge': '确认区县级平台备案',
  'enterprise.accept_uscc': '接受代码校验说明',
  'enterprise.create': '新增企业',
  'enterprise.import': '导入企业名录',
  'enterprise.update': '修改企业信息',
  'evaluation.conditions_recheck': '复核认定条件',
  'evaluation.create': '创建年度评估',
  'evaluation.district_apply': '区县申报参评平台',
  'evaluation.entry.conditions': '记录认定条件复核结果',
  'evaluation.entry.decision': '评审组作出决定',
  'evaluation.entry.decision_withdraw': '撤回评审组决定',
  'evaluation.entry.row_review': '区县逐项初审',
  'evaluation.entry.save': '保存自评',
  'evaluation.entry.submit': '提交自评',
  'evaluation.entry.return': '退回修改',
  'evaluation.entry.forward': '报送市局',
  'evaluation.entry.start_review': '开始市级评审',
  'evaluation.entry.finish_review': '完成市级评审',
  'evaluation.entry.grade': '确定等次',
  'evaluation.entry.publish': '公布结果',
  'evaluation.expert.assign': '分配评审专家',
  'evaluation.expert.decline': '专家回避或拒绝评审',
  'evaluation.expert.save': '保存专家评审',
  'evaluation.expert.submit': '提交专家评审',
  'evaluation.expert.unassign': '取消专家分配',
  'evaluation.grade': '确定等次',
  'evaluation.open': '开启年度评估',
  'evaluation.proposal.confirm': '确认处理建议',
  'district_evaluation.save': '保存区县评估结果',
  'district_evaluation.submit': '报送区县评估结果',
  'district_evaluation.acknowledge': '确认区县评估结果备案',
  'district_evaluation.return': '退回区县评估结果',
  'district_evaluation.remind': '提醒报送区县评估结果',
  'district_evaluation.document': '上传区县评估结果文件',
  'evaluation.proposal.reject': '驳回处理建议',
  'evaluation.publish': '公布评估结果',
  'evaluation.sign_results': '签署结果校验码',
  'evaluation.windows': '调整评估时间窗口',
  'export.download': '导出文件',
  'file.delete': '删除附件',
  'file.move_to_database': '附件迁入数据库',
  'file.upload': '上传附件',
  'organization.create': '新增机构',
  'organization.update': '修改机构',
  'platform.create': '新增平台',
  'platform.legacy_register': '存量平台登记',
  'platform.recognition_terms': '修改认定信息',
  'platform.status': '变更平台状态',
  'platform.update': '修改平台信息',
  'platform.view_contact': '查看平台联系人',
  'recognition.application.create': '新建市级平台认定申请',
  'recognition.application.update': '修改认定申请表',
  'recognition.application.send_to_hrss': '认定申请提交区县人社局',
  'recognition.application.withdraw': '撤回认定申请',
  'recognition.application.hrss_return': '区县人社局退回认定申请',
  'recognition.application.hrss_opinion': '区县人社局出具认定申请意见',
  'recognition.application.gov_submit': '区县政府出具意见并报送市局',
  'recognition.application.bureau_return': '市局退回认定申请',
  'recognition.application.reject': '不予认定',
  'recognition.application.start_expert_review': '组织认定专家评估',
  'recognition.application.propose': '确定拟认定平台',
  'recognition.application.directory': '上传认定申请入驻企业名录',
  'recognition.application.terms': '记录第十七条及原则性条件决定',
  'recognition.checklist.confirm': '确认认定定性条件',
  'recognition.checklist.unconfirm': '取消确认认定定性条件',
  'recognition.material.upload': '上传认定申报材料',
  'recognition.material.delete': '删除认定申报材料',
  'recognition.application.post_publicity': '发布拟认定平台公示',
  'recognition.application.withdraw_publicity': '撤回拟认定平台公示',
  'recognition.application.recognize': '认定为市级平台',
  'recognition.application.not_recognize': '公示异议成立，不予认定',
  'recognition.application.approve_preparation': '批准先行筹建',
  'recognition.application.report_readiness': '申请筹建验收',
  'recognition.application.accept_preparation': '筹建验收通过',
  'recognition.application.fail_preparation': '筹建验收不通过，取消筹建资格',
  'recognition.application.expire_preparation': '筹建期满，取消筹建资格',
  'preparation.extend': '延长筹建期',
  'preparation.expire': '筹建期满未验收，自动取消筹建资格',
  'reporting.cycle.create': '新建运营数据报送周期',
  'reporting.cycle.update': '修改运营数据报送周期',
  'reporting.report.save': '暂存运营数据报表',
  'reporting.report.submit': '报送运营数据',
  'reporting.report.return': '退回运营数据报表',
  'reporting.report.accept': '运营数据报表审核通过',
  'reporting.reminder.due_soon': '发送运营数据报送截止前提醒',
  'reporting.reminder.overdue': '发送运营数据逾期提醒',
  'reporting.delegation.set': '设置国家级平台受托报送机构',
  'recognition.expert.assign': '分配认定评估专家',
  'recognition.expert.unassign': '撤销认定评估专家',
  'recognition.expert.save': '保存认定评估意见',
  'recognition.expert.decline': '专家回避认定评估',
  'recognition.expert.submit': '提交认定评估意见',
  'recognition.expert.photo_upload': '上传实地考察照片',
  'recognition.expert.photo_delete': '删除实地考察照片',
  'publicity.notice.post': '发布公示',
  'publicity.notice.correct': '更正公示',
  'publicity.notice.withdraw': '撤回公示',
  'publicity.notice.attach': '上传公示附件',
  'publicity.notice.detach': '删除公示附件',
  'publicity.item.decide': '异议成立后决定评估等次',
  'publicity.objection.record': '登记公示异议',
  'publicity.objection.resolve': '处理公示异议',
  'publicity.objection.file': '公众提交公示异议',
  'publicity.objection.assign': '分派公示异议',
  'publicity.objection.note': '记录公示异议调查情况',
  'publicity.objection.decide': '作出公示异议处理决定',
  'publicity.objection.reply': '记录公示异议答复',
  'support.create': '登记扶持事项',
  'support.update': '修改扶持事项',
  'support.void': '作废扶持事项',
  'residence.create': '新增入驻关系',
  'residence.delete': '删除入驻关系',
  'residence.update': '修改入驻关系',
  'scheme.adopt': '启用评分方案',
  'scheme.clone': '复制评分方案',
  'scheme.update': '修改评分方案',
  'session.force_logout': '强制下线',
  'settings.update': '修改安全设置',
  'holiday_calendar.save': '保存节假日安排',
  'site.create': '新增场地',
  'site.delete': '删除场地',
  'site.update': '修改场地',
  'staff.create': '新增工作人员',
  'staff.delete': '删除工作人员',
  'staff.update': '修改工作人员',
  'system.restore': '恢复数据',
  'user.change_password': '修改密码',
  'user.create': '新增用户',
  'user.create_admin_cli': '命令行创建管理员',
  'user.create_initial_admin': '创建初始管理员',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.reset_password': '重置密码',
  'user.totp_enable': '启用双因素认证',
  'user.totp_reset': '重置双因素认证',
  'user.unlock': '解锁账号',
  'user.update': '修改用户',
  'user.affiliation': '设置专家所属单位（利益回避）',
  'year_data.update': '修改年度数据',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof auditActionLabels;

export const auditEntityLabels = {
  backup: '备份',
  district_policy: '区县认定政策',
  enterprise: '企业',
  evaluation: '年度评估',
  evaluation_entry: '参评记录',
  evaluation_proposal: '处理建议',
  district_evaluation_filing: '区县评估结果备案',
  expert_assignment: '专家评审任务',
  export: '导出文件',
  field_encryption: '个人信息加密',
  holiday_calendar: '节假日安排',
  file: '附件',
  organization: '机构',
  platform: '平台',
  platform_site: '平台场地',
  platform_staff: '平台工作人员',
  platform_year_data: '平台年度数据',
  recognition_application: '市级平台认定申请',
  recognition_expert_assignment: '认定评估专家分配',
  preparation_term: '筹建期',
  reporting_cycle: '运营数据报送周期',
  reporting_period: '运营数据报送期次',
  reporting_report: '运营数据报表',
  publicity_notice: '公示',
  publicity_objection: '公示异议',
  residence: '入驻关系',
  support_item: '扶持事项',
  route: '接口',
  score_scheme: '评分方案',
  session: '会话',
  settings: '安全设置',
  user: '用户',
} as const satisfies Record<string, string>;

export type AuditEntity = keyof typeof auditEntityLabels;

/** Field names in summaries (diffs of records and the use cases' own keys). */
export const auditFieldLabels: Record<string, string> = {
  after: '变更后', before: '变更前', attachments: '附件', checked: '已核对', code: '编码', computed: '计算值',
  conditionsLost: '不再满足的条件', contactName: '联系人', contactPhone: '联系电话', corrected: '更正值', corrections: '事实更正',
  createdAt: '创建时间', decision: '决定', demo: '演示数据', disabled: '停用', districtCode: '区县代码', effectiveDate: '生效日期',
  evaluationId: '年度评估', experts: '评审专家', expertUserId: '评审专家', facts: '事实数据', file: '文件', filename: '文件名',
  firstExpert: '首位专家', from: '原状态', hrspVersion: '系统版本', judgedScores: '综合评定分', keyVersion: '密钥版本', kind: '类型',
  level: '级别', lockedUntil: '锁定至', lost: '丧失条件', method: '请求方法', municipal: '市级', name: '名称', national: '国家级',
  other: '其他', path: '路径', phone: '手机号', platformId: '平台', platformName: '平台名称', previous: '原值', query: '筛选条件',
  reason: '原因', resultsCode: '结果校验码', resultsKeyVersion: '校验码密钥版本', reviewedTotal: '评审总分', role: '角色',
  rowCode: '指标编号', rows: '指标', rowTexts: '指标说明', selfTotal: '自评总分', sizeBytes: '大小（字节）', sm3: 'SM3 摘要',
  status: '状态', storedName: '存储名', title: '标题', totpEnabled: '双因素认证', uploadedAt: '上传时间', url: '地址',
  username: '用户名', uscc: '统一社会信用代码', year: '年度', entryId: '参评记录', organizationId: '机构', displayName: '姓名',
  email: '电子邮箱', shortName: '简称', address: '地址', category: '类别', carrier: '载体', operationMode: '运营方式',
  operatorName: '运营机构', areaM2: '面积（平方米）', mode: '入驻方式', enterpriseId: '企业', count: '数量', counts: '数量',
  to: '新状态', remark: '备注', note: '说明', grade: '等次', total: '总分', score: '得分', window: '时间窗口',
  selfEvaluationEnd: '自评截止', districtReviewEnd: '区县初审截止', municipalReviewEnd: '市级评审截止',
  lockoutThreshold: '锁定阈值', lockoutMinutes: '锁定时长（分钟）', idleTimeoutMinutes: '空闲超时（分钟）',
  sessionLifetimeHours: '会话最长时间（小时）', passwordMaxAgeDays: '密码有效期（天）', imported: '导入数', created: '新增数',
  updated: '更新数', schemeId: '评分方案', baseSchemeId: '原方案', ip: 'IP 地址',
  usccOverrideReason: '代码校验未通过的说明', usccAccepted: '说明已由审核人接受', enterpriseKept: '共享企业信息未改动',
  industry: '所属行业', isHrService: '人力资源服务企业',
  // Attachments (file.upload, file.move_to_database) and the review's panel scores.
  sha256: 'SHA-256 摘要', ownerId: '所属记录', ownerType: '所属对象', purpose: '用途', mimeType: '文件类型', originalName: '原文件名',
  origin: '登记方式', recognitionDocNo: '认定文号', recognizedAt: '认定日期', affiliationOrgId: '所属单位（利益回避）',
  id: '记录编号', panelScores: '评审组评分', sessionMaxHours: '会话最长时间（小时）', moved: '迁移数', failed: '失败数',
  // Recognition applications (Art 14).
  fileId: '附件', opinion: '意见', opinionDate: '意见日期', signer: '签发人', sealFileId: '盖章件', item: '核验事项',
  prefilled: '由登记信息预填', contactChanged: '联系人已修改', type: '平台性质',
  // What an expert's save touched (evaluation.expert.save: whether the site visit and the private notes were sent).
  siteVisit: '实地考察', privateNotes: '个人笔记',
  // The holiday calendar (holiday_calendar.save).
  version: '版本', holidays: '法定节假日', workdays: '调休上班日', added: '新增日期', removed: '删除日期', changed: '修改日期',
  // 筹建 (Art 15).
  needKind: '急需事项类别', need: '急需的重大战略、规划或项目', consent: '市人力社保局同意意见', approvedOn: '批准筹建日期',
  endOn: '筹建期截止日', previousEnd: '原截止日', newEnd: '延长后截止日', termId: '筹建期', applicationId: '认定申请', round: '评估轮次',
  daysLeft: '剩余天数', platformStatus: '平台状态', applicationState: '申请状态',
  // District recognition and filing (Art 16).
  docNo: '文号', effectiveFrom: '施行日期', thresholds: '认定标准', decidedOn: '认定日期', policy: '区县认定政策',
  outcome: '核验结论', quotaReason: '再认定理由', answer: '答复', question: '问题',
  // Scheme settings (RULES.md §8), named as the scheme editor names them.
  ...SETTING_LABELS,
};

/** Fields of a summary holding another record's id, and that record's entity type (the server resolves its name). */
export const auditReferenceFields: Readonly<Record<string, AuditEntity>> = {
  platformId: 'platform', evaluationId: 'evaluation', entryId: 'evaluation_entry', expertUserId: 'user', userId: 'user',
  organizationId: 'organization', affiliationOrgId: 'organization', enterpriseId: 'enterprise', schemeId: 'score_scheme', baseSchemeId: 'score_scheme', siteId: 'platform_site',
};

/** Coded values that summaries carry (states, roles, levels, decisions), in Chinese. */
const valueLabels: Readonly<Record<string, string>> = {
  // Every enumeration of the label table (carriers, services, platform types, application states, material kinds…);
  // the object types, platform types, states and roles below win on a code two enumerations share.
  ...Object.assign({}, ...Object.values(ENUM_LABELS)) as Record<string, string>,
  // Object types named in summaries (a file's owner), so that states and roles below win on a shared code.
  ...auditEntityLabels,
  ...PLATFORM_TYPE_LABELS, ...applicationStateLabels,
  ...platformStatusLabels, ...entryStatusLabels, ...roleLabels,
  assigned: '已分配', declined: '已拒绝',
  accept: '通过', accepted: '通过', return: '退回', rejected: '驳回', confirmed: '已确认', pending: '待处理',
  national: '国家级', municipal: '市级', district: '区县级',
  legacy: '存量登记', registered: '新建登记',
};

export function actionLabel(action: string): string {
  return (auditActionLabels as Record<string, string>)[action] ?? `未定义操作（${action}）`;
}

export function entityLabel(entityType: string): string {
  return (auditEntityLabels as Record<string, string>)[entityType] ?? `未定义对象（${entityType}）`;
}

/**
 * A field's Chinese name: the log's own wording first, else the label table's (src/domain/labels);
 * an unknown one is shown with its code so a missing label is seen, not hidden.
 */
export function fieldLabel(field: string): string {
  return auditFieldLabels[field] ?? fieldLabelOrUndefined(field) ?? `〔${field}〕`;
}

function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  // Coded values, then fact ids (an expert's corrections list the facts corrected).
  if (typeof v === 'string') return valueLabels[v] ?? factLabelOrUndefined(v) ?? v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? '（无）' : v.map(valueText).join('、');
  return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${fieldLabel(k)}：${valueText(x)}`).join('；');
}

export interface SummaryLine {
  field: string;
  label: string;
  /** "before → after" for a change, the value otherwise. */
  text: string;
}

/** Fields whose value is a list, never a [before, after] pair. */
const listFields = new Set(['rows', 'experts', 'corrections', 'attachments', 'conditionsLost', 'lost', 'rowTexts', 'judgedScores']);
const isPair = (field: string, v: unknown): v is [unknown, unknown] => !listFields.has(field) && Array.isArray(v) && v.length === 2 && !v.some((x) => Array.isArray(x));

/**
 * A summary as lines of Chinese: a diff's `{field: [before, after]}` and a `{before, after}`
 * pair read "before → after"; other keys read as their value.
 */
/** `name(field, id)`: the name of the record a reference field points at, when the server found it. */
export type ReferenceName = (field: string, id: string) => string | undefined;

export function summaryLines(summary: unknown, name: ReferenceName = () => undefined): SummaryLine[] {
  if (summary === null || typeof summary !== 'object' || Array.isArray(summary)) return summary === null || summary === undefined ? [] : [{ field: '', label: '内容', text: valueText(summary) }];
  const s = summary as Record<string, unknown>;
  const lines: SummaryLine[] = [];
  if ('before' in s && 'after' in s && (typeof s.before !== 'object' || s.before === null)) {
    lines.push({ field: 'change', label: '变更', text: `${valueText(s.before)} → ${valueText(s.after)}` });
  }
  for (const [field, value] of Object.entries(s)) {
    if (lines.length > 0 && (field === 'before' || field === 'after')) continue;
    const named = typeof value === 'string' && field in auditReferenceFields ? name(field, value) : undefined;
    const text = named ?? (isPair(field, value) ? `${valueText(value[0])} → ${valueText(value[1])}` : valueText(value));
    lines.push({ field, label: fieldLabel(field), text });
  }
  return lines;
}

/** One line for tables and the export. */
export function summaryText(summary: unknown, name?: ReferenceName): string {
  return summaryLines(summary, name).map((l) => `${l.label}：${l.text}`).join('；') || '—';
}
