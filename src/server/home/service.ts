import type { Db } from '../../db/client.js';
import { platformScope } from '../../domain/auth/scope.js';
import type { RequestContext } from '../context.js';
import { art } from '../../domain/measures.js';
import { notificationLink } from '../../domain/notifications/kinds.js';
import { cq2025, type PlatformType } from '../../domain/index.js';
import { countPlatforms, openDeadlineAlerts } from '../platforms/repository.js';
import { adminCounts } from './repository.js';
import { listApplicationsInStates, listExpertWork } from '../recognition/repository.js';
import type { ApplicationState } from '../../domain/recognition/workflow.js';
import { PREPARATION_TODO_DAYS } from '../../domain/recognition/preparation.js';
import { termsEndingSoon } from '../preparation/service.js';
import { openObjectionStatuses } from '../../domain/publicity/objection.js';
import { openAssignedTo } from '../objections/repository.js';

/** A piece of work waiting for the user, with the page where it is done. */
export interface HomeTask { kind: string; title: string; link: string }

export interface HomeSummary {
  role: RequestContext['actor']['role'];
  counts: { label: string; value: number }[];
  tasks: HomeTask[];
}

/** A condition's name as the measures' table of the platform's type gives it. */
const conditionLabel = (type: PlatformType, id: string): string => cq2025.recognition.types[type].conditions.find((c) => c.id === id)?.label ?? id;

/** The bureau's: Art 17 deadlines passed with the condition unmet (the daily check raised them), and 筹建 terms ending within 90 days. */
async function bureauTasks(db: Db): Promise<HomeTask[]> {
  const deadlines = (await openDeadlineAlerts(db)).map((a) => ({
    kind: 'platform.deadline.overdue',
    title: `${a.platformName}：「${conditionLabel(a.platformType, a.condition)}」已过${art(17)}达成时限（${a.dueDate}）仍未达到`,
    link: notificationLink('platform.deadline.overdue', { platformId: a.platformId }),
  }));
  const preparation = (await termsEndingSoon(db, PREPARATION_TODO_DAYS)).map(({ term: t, daysLeft }) => ({
    kind: 'preparation.ending',
    title: `${t.platformName}（${t.districtName}）筹建期至 ${t.endOn} 届满，还有 ${daysLeft} 天：请督促验收，或决定延长（${art(15)}）`,
    link: notificationLink('preparation.reminder', { platformId: t.platformId }),
  }));
  return [...preparation, ...deadlines];
}

/** 异议处理: the open objections assigned to the user (bureau staff), each opening its notice's objections page. */
async function objectionTasks(db: Db, ctx: RequestContext): Promise<HomeTask[]> {
  return (await openAssignedTo(db, ctx.actor.userId, openObjectionStatuses)).map((o) => ({
    kind: 'publicity.objection.assigned',
    title: `异议处理：「${o.noticeTitle}」中「${o.itemTitle}」的异议（${o.receivedOn} 收到）待调查并作出处理决定`,
    link: notificationLink('publicity.objection.assigned', { noticeId: o.noticeId, objectionId: o.id }),
  }));
}

/** What each role does next on a recognition application (Art 14 (一)): the states waiting on it and the step's words. */
const RECOGNITION_TODO: Partial<Record<RequestContext['actor']['role'], Partial<Record<ApplicationState, string>>>> = {
  district_gov: {
    draft: '填写附表1并上传申报材料', returned_to_gov: '区县人社局已退回，请修改后重新提交', returned_to_district: '市人力社保局已退回，请修改后重新提交', gov_opinion: '出具区县政府意见并报送市人力社保局',
    in_preparation: '筹建中：建设完成后上传筹建验收材料并申请验收',
  },
  district: { hrss_review: '出具区县人社局意见' },
  bureau: {
    submitted: '审核认定条件并分配评估专家', under_expert_review: '专家评估中，专家意见齐全后确定拟认定平台',
    proposed: '已确定为拟认定平台，请发布公示', in_publicity: '公示中，期满且无未处理异议后作出认定决定',
    acceptance_review: '筹建验收：核查认定条件、分配验收专家并记录验收结果',
  },
};

/** An expert's: the recognition applications it is assigned to and has not submitted its assessment of (Art 14 (二)). */
async function expertRecognitionTasks(db: Db, ctx: RequestContext): Promise<HomeTask[]> {
  return (await listExpertWork(db, ctx.actor.userId)).map((a) => ({
    kind: 'recognition.expert.assigned',
    title: `市级平台认定申请「${a.name}」（${a.districtName}）：核验申报材料、实地考察并提交评估意见`,
    link: notificationLink('recognition.expert.assigned', { applicationId: a.id }),
  }));
}

/** The recognition applications waiting on the user's role, within its scope. */
async function recognitionTasks(db: Db, ctx: RequestContext): Promise<HomeTask[]> {
  if (ctx.actor.role === 'expert') return expertRecognitionTasks(db, ctx);
  const todo = RECOGNITION_TODO[ctx.actor.role];
  if (!todo) return [];
  const states = Object.keys(todo).filter((s): s is ApplicationState => s in todo);
  const rows = await listApplicationsInStates(db, platformScope(ctx.actor), states);
  return rows.map((a) => ({
    kind: `recognition.${a.state}`,
    title: `市级平台认定申请「${a.name}」（${a.districtName}）：${todo[a.state] ?? ''}`,
    link: notificationLink('recognition.application.sent', { applicationId: a.id }),
  }));
}

/** The figures on each role's home page, within that role's scope. */
export async function homeSummary(db: Db, ctx: RequestContext): Promise<HomeSummary> {
  const role = ctx.actor.role;
  if (role === 'admin' || role === 'security_admin' || role === 'auditor') {
    const since = new Date(Date.now() - 86_400_000);
    const c = await adminCounts(db, since);
    return {
      role,
      counts: [
        { label: '启用用户', value: c.users },
        { label: '启用机构', value: c.organizations },
        { label: '在线会话', value: c.sessions },
        { label: '24 小时登录失败', value: c.failedLogins },
      ],
      tasks: [],
    };
  }
  const byStatus = await countPlatforms(db, platformScope(ctx.actor));
  const count = (s: string) => byStatus.find((r) => r.status === s)?.n ?? 0;
  const total = byStatus.reduce((sum, r) => sum + r.n, 0);
  const label = role === 'operator' ? '本机构平台' : role === 'expert' ? '分配给我的平台' : role === 'bureau' ? '全市平台' : '本区县平台';
  return {
    role,
    counts: [
      { label, value: total },
      { label: '已认定', value: count('recognized') },
      { label: '已备案', value: count('filed') },
      { label: '筹建中', value: count('preparing') },
    ],
    tasks: [...(role === 'bureau' ? [...(await objectionTasks(db, ctx)), ...(await bureauTasks(db))] : []), ...(await recognitionTasks(db, ctx))],
  };
}
