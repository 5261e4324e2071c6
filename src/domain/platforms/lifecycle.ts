import type { Role } from '../auth/roles.js';
import { art } from '../measures.js';

export const platformStatuses = ['preparing', 'recognized', 'pending_filing', 'filed', 'rectifying', 'exited', 'revoked'] as const;
export type PlatformStatus = (typeof platformStatuses)[number];
/** The statuses the public directory shows (Art 14, 16): in force, including while under rectification. */
export const publicStatuses = ['recognized', 'filed', 'rectifying'] as const satisfies readonly PlatformStatus[];
export type PlatformLevel = 'national' | 'municipal' | 'district';

export const statusLabels: Record<PlatformStatus, string> = {
  preparing: '筹建中',
  recognized: '已认定',
  pending_filing: '待备案',
  filed: '已备案',
  rectifying: '整改中',
  exited: '已退出',
  revoked: '已撤销',
};

/** Who decides a change: the bureau for national and municipal platforms, the district unit also for its district-level ones. */
type Decider = 'bureau' | 'bureau_or_district';

interface Transition {
  from: PlatformStatus;
  to: PlatformStatus;
  /** Levels the transition applies to. */
  levels: readonly PlatformLevel[];
  decider: Decider;
  /** What the change means, shown in the history (Art numbers where the measures set it). */
  meaning: string;
  /** Taken only by that procedure's decision, never through the registry's status change. */
  via?: Procedure;
}

/**
 * The procedures that alone may take a change: recognition after application (Art 14), the bureau's
 * confirmation of an Art 33 proposal of the published evaluation, the acceptance of a 筹建 (Art 15).
 */
export type Procedure = 'recognition' | 'art33' | 'acceptance' | 'filing';

/** Why the registry's status change refuses a move that only a procedure takes (shown to the user). */
const procedureText: Record<Procedure, string> = {
  art33: `由市人力社保局在年度评估结果公布后确认其评为优秀且符合市级平台认定条件的建议（${art(33)}，在「评审会议」的「退出与晋级建议」中办理）`,
  recognition: `经区县政府申报、专家评估、公示无异议后由市人力社保局认定（${art(14)}）`,
  acceptance: `筹建验收通过后由市人力社保局认定（${art(15)}）`,
  filing: `由区县人社部门认定并报市人力社保局备案，经市人力社保局确认备案（${art(16)}，在「区县级平台备案」中办理）`,
};

const upper = ['national', 'municipal'] as const;
const all = ['national', 'municipal', 'district'] as const;

/** The allowed lifecycle changes; anything not listed is refused. */
export const platformTransitions: readonly Transition[] = [
  { from: 'preparing', to: 'recognized', levels: ['municipal'], decider: 'bureau', via: 'acceptance', meaning: '筹建验收通过，纳入市级平台管理（第十五条）' },
  { from: 'preparing', to: 'revoked', levels: ['municipal'], decider: 'bureau', meaning: '筹建期满验收未通过，取消筹建资格（第十五条）' },
  { from: 'recognized', to: 'rectifying', levels: upper, decider: 'bureau', meaning: '责令整改' },
  { from: 'rectifying', to: 'recognized', levels: upper, decider: 'bureau', meaning: '整改完成' },
  { from: 'filed', to: 'rectifying', levels: ['district'], decider: 'bureau_or_district', meaning: '责令整改' },
  { from: 'rectifying', to: 'filed', levels: ['district'], decider: 'bureau_or_district', meaning: '整改完成' },
  { from: 'recognized', to: 'exited', levels: upper, decider: 'bureau', meaning: '不再纳入市级平台管理（第三十二条）或自愿退出' },
  { from: 'rectifying', to: 'exited', levels: all, decider: 'bureau', meaning: '整改不到位，退出' },
  { from: 'filed', to: 'exited', levels: ['district'], decider: 'bureau_or_district', meaning: '退出区县级平台管理' },
  { from: 'recognized', to: 'revoked', levels: upper, decider: 'bureau', meaning: '撤销认定' },
  { from: 'rectifying', to: 'revoked', levels: all, decider: 'bureau', meaning: '撤销认定' },
  { from: 'filed', to: 'revoked', levels: ['district'], decider: 'bureau_or_district', meaning: '撤销备案' },
  { from: 'filed', to: 'recognized', levels: ['district'], decider: 'bureau', via: 'art33', meaning: '年度评估优秀且符合市级平台认定条件，区县级平台直接认定为市级平台（第三十三条）' },
  // Art 16: the district's decision, filed, becomes 已备案 only when the bureau acknowledges the filing.
  { from: 'pending_filing', to: 'filed', levels: ['district'], decider: 'bureau', via: 'filing', meaning: '市人力社保局确认区县级平台备案（第十六条）' },
  { from: 'pending_filing', to: 'exited', levels: ['district'], decider: 'bureau_or_district', meaning: '区县不再认定，撤回登记' },
  {
    from: 'filed', to: 'recognized', levels: ['district'], decider: 'bureau', via: 'recognition',
    meaning: '经区县政府申报、专家评估、公示无异议，区县级平台认定为市级平台（第十四条）',
  },
  {
    from: 'preparing', to: 'recognized', levels: ['municipal'], decider: 'bureau', via: 'recognition',
    meaning: '筹建验收通过，经公示无异议，认定为市级平台（第十四条、第十五条）',
  },
];

/**
 * How a platform enters the registry, as a table like the transitions above: anything not listed
 * is refused. A municipal platform is recognized only after application, expert review and
 * publicity without objection (Art 14 (四)); the registry itself never creates one as 已认定,
 * except to record one recognized before HRSP (存量平台登记, with its original document).
 * A district-level platform enters 待备案 and becomes 已备案 only when the bureau acknowledges the
 * district's filing (Art 16; src/domain/district/filing.ts and the `filing` transition above).
 */
export type EntryKind = 'filing' | 'preparation' | 'legacy' | 'recognition';

interface Entry {
  kind: EntryKind;
  to: PlatformStatus;
  levels: readonly PlatformLevel[];
  decider: Decider;
  meaning: string;
}

export const platformEntries: readonly Entry[] = [
  { kind: 'filing', to: 'pending_filing', levels: ['district'], decider: 'bureau_or_district', meaning: '区县级平台登记（区县认定并报市人力社保局备案，确认备案后为「已备案」，第十六条）' },
  { kind: 'preparation', to: 'preparing', levels: ['municipal'], decider: 'bureau', meaning: '经市人力社保局同意先行批准筹建（第十五条）' },
  { kind: 'legacy', to: 'recognized', levels: upper, decider: 'bureau', meaning: '存量平台登记：本系统启用前已认定，依原认定文件登记' },
  // The decision at the end of an application (Art 14 (四)): the only way a new municipal platform enters as 已认定.
  { kind: 'recognition', to: 'recognized', levels: ['municipal'], decider: 'bureau', meaning: '经区县政府申报、专家评估、公示无异议，认定为市级平台（第十四条）' },
];

/**
 * The ways in that only their own procedure takes: 存量平台登记, the recognition decision and the
 * approval of 筹建 on an application (Art 15: the urgent need and the bureau's consent are recorded
 * there, and the term starts from it). An ordinary registration takes the others.
 */
type EntryProcedure = Exclude<EntryKind, 'filing'>;
const procedureEntries: readonly EntryKind[] = ['legacy', 'recognition', 'preparation'];
export type EntryWay = 'direct' | EntryProcedure;

/** The statuses an ordinary registration (not 存量平台登记, recognition or 筹建) may start a platform of this level in. */
export function initialStatuses(level: PlatformLevel): readonly PlatformStatus[] {
  return platformEntries.filter((e) => !procedureEntries.includes(e.kind) && e.levels.includes(level)).map((e) => e.to);
}

const levelNames: Record<PlatformLevel, string> = { national: '国家级', municipal: '市级', district: '区县级' };

export type EntryCheck = { ok: true; kind: EntryKind; meaning: string } | { ok: false; field: 'status' | 'level' | 'role'; message: string };

/** Why an ordinary registration cannot start in this status, naming the procedure that leads there. */
function directRefusal(level: PlatformLevel, status: PlatformStatus): string {
  if (status === 'recognized' && level === 'municipal') {
    return '状态：市级平台须经区县政府申报、专家评估、公示无异议后由市人力社保局认定（第十四条），不能直接登记为「已认定」；本系统启用前已认定的平台请使用「存量平台登记」';
  }
  if (status === 'recognized' && level === 'national') {
    return '状态：国家级平台由人力资源社会保障部认定，不能直接登记为「已认定」；请使用「存量平台登记」并填写原认定文号和日期';
  }
  if (status === 'preparing' && level === 'municipal') {
    return `状态：「筹建中」只能由市人力社保局在认定申请中批准先行筹建后产生（${art(15)}，记录急需的重大战略、规划或项目和同意意见，筹建期自批准之日起计算），不能在名录中直接登记`;
  }
  const allowed = initialStatuses(level);
  if (allowed.length === 0 && level === 'municipal') {
    return `状态：新的市级平台经区县政府申报产生（认定或批准先行筹建，${art(14)}、${art(15)}），不能在名录中直接登记；本系统启用前已认定的平台请使用「存量平台登记」`;
  }
  if (allowed.length === 0) return `状态：${levelNames[level]}平台只能以「存量平台登记」录入`;
  return `状态：新登记的${levelNames[level]}平台只能为「${allowed.map((s) => statusLabels[s]).join('」或「')}」`;
}

/**
 * Checks an entry into the registry: `legacy` is 存量平台登记 (recognized before HRSP), `recognition`
 * and `preparation` the decisions on an application, `direct` an ordinary registration. The role
 * check is the table's decider.
 */
export function checkEntry(how: EntryWay, level: PlatformLevel, status: PlatformStatus, role: Role): EntryCheck {
  const e = platformEntries.find((x) => entryFits(how, x.kind) && x.to === status && x.levels.includes(level));
  if (!e) {
    if (how === 'recognition') return { ok: false, field: 'level', message: '层级：经申报认定进入名录的只能是市级平台「已认定」' };
    if (how === 'preparation') return { ok: false, field: 'level', message: '层级：批准先行筹建进入名录的只能是市级平台「筹建中」' };
    if (how === 'legacy') return { ok: false, field: 'level', message: '层级：存量平台登记只适用于本系统启用前已认定的国家级、市级平台' };
    return { ok: false, field: 'status', message: directRefusal(level, status) };
  }
  if (!mayDecide(e.decider, role)) return { ok: false, field: 'role', message: how === 'legacy' ? '存量平台登记须由市人力社保局办理' : '您无权登记该层级的平台' };
  return { ok: true, kind: e.kind, meaning: e.meaning };
}

/** 存量平台登记, recognition and 筹建 each enter only by their own kind; an ordinary registration by the others. */
function entryFits(how: EntryWay, kind: EntryKind): boolean {
  if (how === 'direct') return !procedureEntries.includes(kind);
  return kind === how;
}

function mayDecide(decider: Decider, role: Role): boolean {
  if (role === 'admin' || role === 'bureau') return true;
  return decider === 'bureau_or_district' && role === 'district';
}

export type TransitionCheck = { ok: true; meaning: string } | { ok: false; message: string };

export function checkTransition(level: PlatformLevel, from: PlatformStatus, to: PlatformStatus, role: Role): TransitionCheck {
  const t = platformTransitions.find((x) => x.via === undefined && x.from === from && x.to === to && x.levels.includes(level));
  if (!t) {
    // A move only a procedure takes is refused with the procedure's name, for every role.
    const vias = platformTransitions.flatMap((x) => (x.via !== undefined && x.from === from && x.to === to && x.levels.includes(level) ? [x.via] : []));
    if (vias.length > 0) {
      return { ok: false, message: `「${statusLabels[from]}」不能直接变更为「${statusLabels[to]}」，只能${vias.map((v) => procedureText[v]).join('，或')}` };
    }
    return { ok: false, message: `不允许从「${statusLabels[from]}」变更为「${statusLabels[to]}」` };
  }
  if (!mayDecide(t.decider, role)) return { ok: false, message: `「${statusLabels[from]}」→「${statusLabels[to]}」须由市人力社保局决定` };
  return { ok: true, meaning: t.meaning };
}

/** The changes an actor may make from a status, for the UI's action menu. */
export function availableTransitions(level: PlatformLevel, from: PlatformStatus, role: Role): { to: PlatformStatus; meaning: string }[] {
  return platformTransitions
    .filter((t) => t.via === undefined && t.from === from && t.levels.includes(level) && mayDecide(t.decider, role))
    .map((t) => ({ to: t.to, meaning: t.meaning }));
}

/**
 * The move of an existing record at the end of its application (Art 14 (四)): only a district-level
 * platform 已备案 is promoted; anything else is refused with the reason.
 */
export function checkRecognitionTransition(level: PlatformLevel, from: PlatformStatus, role: Role): TransitionCheck {
  const t = platformTransitions.find((x) => x.via === 'recognition' && x.from === from && x.levels.includes(level));
  if (!t) {
    return { ok: false, message: `平台：登记为${levelNames[level]}「${statusLabels[from]}」的平台不能经申报认定为市级平台，只有「已备案」的区县级平台或筹建验收通过的市级平台可以` };
  }
  if (!mayDecide(t.decider, role)) return { ok: false, message: '认定市级平台须由市人力社保局决定' };
  return { ok: true, meaning: t.meaning };
}

/**
 * The move of a district-level platform to municipal 已认定 when the bureau confirms an Art 33 proposal:
 * only from 已备案; the grade and the conditions are checked by art33Check (src/domain/grading/art33.ts).
 */
export function checkArt33Transition(level: PlatformLevel, from: PlatformStatus, role: Role): TransitionCheck {
  const t = platformTransitions.find((x) => x.via === 'art33' && x.from === from && x.levels.includes(level));
  if (!t) return { ok: false, message: `平台：${levelNames[level]}「${statusLabels[from]}」的平台不能按${art(33)}升级，只有「已备案」的区县级平台可以` };
  if (!mayDecide(t.decider, role)) return { ok: false, message: '认定市级平台须由市人力社保局决定' };
  return { ok: true, meaning: t.meaning };
}

/** The move at the bureau's acknowledgement of a district's filing (Art 16): 待备案 → 已备案, nothing else. */
export function checkFilingTransition(level: PlatformLevel, from: PlatformStatus, role: Role): TransitionCheck {
  const t = platformTransitions.find((x) => x.via === 'filing' && x.from === from && x.levels.includes(level));
  if (!t) return { ok: false, message: `平台：只有「待备案」的区县级平台可以确认备案，该平台为${levelNames[level]}「${statusLabels[from]}」` };
  if (!mayDecide(t.decider, role)) return { ok: false, message: '确认备案须由市人力社保局办理' };
  return { ok: true, meaning: t.meaning };
}
