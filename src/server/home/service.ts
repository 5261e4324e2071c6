import type { Db } from '../../db/client.js';
import { platformScope } from '../../domain/auth/scope.js';
import type { RequestContext } from '../context.js';
import { art } from '../../domain/measures.js';
import { notificationLink } from '../../domain/notifications/kinds.js';
import { cq2025, type PlatformType } from '../../domain/index.js';
import { countPlatforms } from '../platforms/repository.js';
import { openDeadlineAlerts } from '../yeardata/deadline-repository.js';
import { adminCounts } from './repository.js';
import { listApplicationsInStates, listExpertWork } from '../recognition/repository.js';
import type { ApplicationState } from '../../domain/recognition/workflow.js';
import { PREPARATION_TODO_DAYS } from '../../domain/recognition/preparation.js';
import { termsEndingSoon } from '../preparation/service.js';
import { openObjectionStatuses } from '../../domain/publicity/objection.js';
import { listObjections, openAssignedTo } from '../objections/repository.js';
import { listMine } from '../evaluations/3-expert-review/repository.js';
import type { EntryStatus } from '../../domain/evaluation/workflow.js';
import { PLATFORM_LEVEL_LABELS, platformStatusLabels } from '../../domain/labels/enums.js';
import { platformLevels } from '../../domain/platforms/codes.js';
import { todayIso } from '../clock.js';
import { openEntriesInStatuses, openEntryCounts, operatorScores, platformsBy } from './repository.js';
import { reportTasks } from './reporting-hook.js';

/** A piece of work waiting for the user, with the page where it is done and its deadline (ISO date) if it has one. */
export interface HomeTask { kind: string; title: string; link: string; due?: string | null }

/** A chart of figures that mean something to the role: categories on the axis, one series each. */
export interface HomeChart { title: string; categories: string[]; series: { name: string; data: (number | null)[] }[] }

export interface HomeSummary {
  role: RequestContext['actor']['role'];
  counts: { label: string; value: number }[];
  tasks: HomeTask[];
  chart: HomeChart | null;
}

const entryLink = (evaluationId: string, entryId: string) => notificationLink('evaluation.entry.submitted', { evaluationId, entryId });

/** The operator's: its self-evaluations of open campaigns still to submit, and the ones its district returned. */
async function operatorEvaluationTasks(db: Db, ctx: RequestContext): Promise<HomeTask[]> {
  return (await openEntriesInStatuses(db, platformScope(ctx.actor), ['draft', 'returned'])).map((e) => ({
    kind: `evaluation.entry.${e.status}`,
    title: e.status === 'returned'
      ? `${e.year} 年度评估「${e.platformName}」自评被区县退回：请按初审意见修改后重新提交`
      : `${e.year} 年度评估「${e.platformName}」自评：填写自评表、上传佐证材料并提交区县初审`,
    link: entryLink(e.evaluationId, e.entryId),
    due: e.selfEvaluationEnd,
  }));
}

/** A district unit's: self-evaluations submitted by its platforms, waiting for its preliminary review. */
async function districtEvaluationTasks(db: Db, ctx: RequestContext): Promise<HomeTask[]> {
  return (await openEntriesInStatuses(db, platformScope(ctx.actor), ['submitted'])).map((e) => ({
    kind: 'evaluation.entry.submitted',
    title: `${e.year} 年度评估「${e.platformName}」已提交自评：请逐项初审，通过后报送市人力社保局或退回修改`,
    link: entryLink(e.evaluationId, e.entryId),
    due: e.districtReviewEnd,
  }));
}

/** The bureau's evaluation work, counted per campaign and step (a city may have thousands of entries). */
const BUREAU_ENTRY_STEPS: Partial<Record<EntryStatus, { words: string; link: string }>> = {
  forwarded: { words: '个平台已由区县报送市局：请分配评审专家，开始市级评审', link: '/app/municipal-review' },
  under_review: { words: '个平台市级评审中：专家意见齐全后标记评审完成', link: '/app/municipal-review' },
  reviewed: { words: '个平台评审完成：请提交评审会议确定等次', link: '/app/panel' },
  graded: { words: '个平台已定等次：请公示拟定结果并公布', link: '/app/panel' },
};

async function bureauEvaluationTasks(db: Db): Promise<HomeTask[]> {
  const steps = Object.keys(BUREAU_ENTRY_STEPS).filter((s): s is EntryStatus => s in BUREAU_ENTRY_STEPS);
  return (await openEntryCounts(db, steps)).flatMap((r) => {
    const step = BUREAU_ENTRY_STEPS[r.status];
    return step ? [{ kind: `evaluation.${r.status}`, title: `${r.year} 年度评估：${r.n} ${step.words}`, link: step.link, due: r.status === 'graded' ? null : r.municipalReviewEnd }] : [];
  });
}

/** Objections received from the public and not yet given to anyone to investigate. */
async function unassignedObjectionTasks(db: Db): Promise<HomeTask[]> {
  return (await listObjections(db, { status: ['received'] })).map((o) => ({
    kind: 'publicity.objection.received',
    title: `异议分派：对「${o.itemTitle}」的异议（${o.receivedOn} 收到）尚未分派调查人`,
    link: notificationLink('publicity.objection.assigned', { noticeId: o.noticeId, objectionId: o.id }),
    due: null,
  }));
}

/** An expert's evaluation assignments of open campaigns not yet submitted. */
async function expertEvaluationTasks(db: Db, ctx: RequestContext): Promise<HomeTask[]> {
  const today = todayIso();
  return (await listMine(db, ctx.actor.userId))
    .filter((a) => a.status === 'assigned' && a.entryStatus === 'under_review')
    .map((a) => ({
      kind: 'evaluation.expert.assigned',
      title: `${a.year} 年度评估「${a.platformName}」（${a.districtName}）：核实数据、评分并提交评审意见${a.municipalReviewEnd < today ? '（已过截止日）' : ''}`,
      link: notificationLink('evaluation.expert.assigned', { evaluationId: a.evaluationId, entryId: a.entryId }),
      due: a.municipalReviewEnd,
    }));
}

/** A condition's name as the measures' table of the platform's type gives it. */
const conditionLabel = (type: PlatformType, id: string): string => cq2025.recognition.types[type].conditions.find((c) => c.id === id)?.label ?? id;

/** The bureau's: Art 17 deadlines passed with the condition unmet (the daily check raised them), and 筹建 terms ending within 90 days. */
async function bureauTasks(db: Db): Promise<HomeTask[]> {
  const deadlines = (await openDeadlineAlerts(db)).map((a) => ({
    kind: 'platform.deadline.overdue',
    title: `${a.platformName}：「${conditionLabel(a.platformType, a.condition)}」已过${art(17)}达成时限（${a.dueDate}）仍未达到`,
    link: notificationLink('platform.deadline.overdue', { platformId: a.platformId }),
    due: a.dueDate,
  }));
  const preparation = (await termsEndingSoon(db, PREPARATION_TODO_DAYS)).map(({ term: t, daysLeft }) => ({
    kind: 'preparation.ending',
    title: `${t.platformName}（${t.districtName}）筹建期至 ${t.endOn} 届满，还有 ${daysLeft} 天：请督促验收，或决定延长（${art(15)}）`,
    link: notificationLink('preparation.reminder', { platformId: t.platformId }),
    due: t.endOn,
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

/** Series by platform level over the given keys, in the keys' order. */
function byLevel(rows: { key: string; level: (typeof platformLevels)[number]; n: number }[], label: (k: string) => string): HomeChart['series'] {
  return platformLevels.map((level) => ({ name: PLATFORM_LEVEL_LABELS[level], data: [...new Set(rows.map((r) => r.key))].map((k) => rows.find((r) => r.key === k && r.level === level)?.n ?? 0) }))
    .filter((s) => s.data.some((n) => n > 0)).map((s) => ({ ...s, name: label(s.name) }));
}

/** The chart for the role: the bureau's platforms by district and level, a district's by status and level, an operator's scores over the years, an expert's assignments by year. */
async function chartFor(db: Db, ctx: RequestContext): Promise<HomeChart | null> {
  const scope = platformScope(ctx.actor);
  switch (ctx.actor.role) {
    case 'bureau': {
      const rows = await platformsBy(db, scope, 'district');
      return { title: '全市平台：按区县和级别', categories: [...new Set(rows.map((r) => r.key))], series: byLevel(rows, (n) => n) };
    }
    case 'district':
    case 'district_gov': {
      const rows = await platformsBy(db, scope, 'status');
      const keys = [...new Set(rows.map((r) => r.key))];
      const statusName = (k: string) => (k in platformStatusLabels ? platformStatusLabels[k as keyof typeof platformStatusLabels] : k);
      return { title: '本区县平台：按状态和级别', categories: keys.map(statusName), series: byLevel(rows, (n) => n) };
    }
    case 'operator': {
      const rows = await operatorScores(db, ctx.actor.organizationId);
      const years = [...new Set(rows.map((r) => r.year))];
      const names = [...new Set(rows.map((r) => r.platformName))];
      if (years.length === 0) return null;
      return {
        title: '本机构平台历年评估得分', categories: years.map((y) => `${y} 年`),
        series: names.map((n) => ({ name: n, data: years.map((y) => rows.find((r) => r.year === y && r.platformName === n)?.total ?? null) })),
      };
    }
    case 'expert': {
      const mine = await listMine(db, ctx.actor.userId);
      const years = [...new Set(mine.map((a) => a.year))].sort();
      if (years.length === 0) return null;
      const series = (['assigned', 'submitted', 'declined'] as const).map((s) => ({ name: { assigned: '待评审', submitted: '已提交', declined: '已回避' }[s], data: years.map((y) => mine.filter((a) => a.year === y && a.status === s).length) }))
        .filter((x) => x.data.some((n) => n > 0));
      return { title: '我的评审任务：按年度和状态', categories: years.map((y) => `${y} 年`), series };
    }
    case 'admin':
    case 'security_admin':
    case 'auditor':
      return null;
  }
}

/** Each role's pending work, with the page where each item is done. */
async function tasksFor(db: Db, ctx: RequestContext): Promise<HomeTask[]> {
  const recognition = await recognitionTasks(db, ctx);
  switch (ctx.actor.role) {
    case 'operator':
      return [...(await operatorEvaluationTasks(db, ctx)), ...(await reportTasks(db, ctx)), ...recognition];
    case 'district':
      return [...(await districtEvaluationTasks(db, ctx)), ...(await reportTasks(db, ctx)), ...recognition];
    case 'bureau': {
      // The bureau's lists are independent reads of a city's data: side by side, the page waits for the slowest, not the sum.
      const [evaluation, unassigned, objections, reports, platforms] = await Promise.all([
        bureauEvaluationTasks(db), unassignedObjectionTasks(db), objectionTasks(db, ctx), reportTasks(db, ctx), bureauTasks(db),
      ]);
      return [...evaluation, ...recognition, ...unassigned, ...objections, ...reports, ...platforms];
    }
    case 'expert':
      return [...(await expertEvaluationTasks(db, ctx)), ...recognition];
    case 'district_gov':
    case 'admin':
    case 'security_admin':
    case 'auditor':
      return recognition;
  }
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
      chart: null,
    };
  }
  // Three independent reads, side by side (the bureau's tasks hold a few more connections for a moment).
  const [byStatus, tasks, chart] = await Promise.all([countPlatforms(db, platformScope(ctx.actor)), tasksFor(db, ctx), chartFor(db, ctx)]);
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
    tasks,
    chart,
  };
}
