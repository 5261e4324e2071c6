import type { Role } from '../auth/roles.js';

export const platformStatuses = ['preparing', 'recognized', 'filed', 'rectifying', 'exited', 'revoked'] as const;
export type PlatformStatus = (typeof platformStatuses)[number];
export type PlatformLevel = 'national' | 'municipal' | 'district';

export const statusLabels: Record<PlatformStatus, string> = {
  preparing: '筹建中',
  recognized: '已认定',
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
}

const upper = ['national', 'municipal'] as const;
const all = ['national', 'municipal', 'district'] as const;

/** The allowed lifecycle changes; anything not listed is refused. */
export const platformTransitions: readonly Transition[] = [
  { from: 'preparing', to: 'recognized', levels: ['municipal'], decider: 'bureau', meaning: '筹建验收通过，纳入市级平台管理（第十五条）' },
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
  { from: 'filed', to: 'recognized', levels: ['district'], decider: 'bureau', meaning: '区县级平台直接认定为市级平台（第三十三条）' },
];

/** The status a newly registered platform may start in. */
export function initialStatuses(level: PlatformLevel): readonly PlatformStatus[] {
  return level === 'district' ? ['filed'] : ['recognized', 'preparing'];
}

function mayDecide(decider: Decider, role: Role): boolean {
  if (role === 'admin' || role === 'bureau') return true;
  return decider === 'bureau_or_district' && role === 'district';
}

export type TransitionCheck = { ok: true; meaning: string } | { ok: false; message: string };

export function checkTransition(level: PlatformLevel, from: PlatformStatus, to: PlatformStatus, role: Role): TransitionCheck {
  const t = platformTransitions.find((x) => x.from === from && x.to === to && x.levels.includes(level));
  if (!t) return { ok: false, message: `不允许从「${statusLabels[from]}」变更为「${statusLabels[to]}」` };
  if (!mayDecide(t.decider, role)) return { ok: false, message: `「${statusLabels[from]}」→「${statusLabels[to]}」须由市人力社保局决定` };
  return { ok: true, meaning: t.meaning };
}

/** The changes an actor may make from a status, for the UI's action menu. */
export function availableTransitions(level: PlatformLevel, from: PlatformStatus, role: Role): { to: PlatformStatus; meaning: string }[] {
  return platformTransitions
    .filter((t) => t.from === from && t.levels.includes(level) && mayDecide(t.decider, role))
    .map((t) => ({ to: t.to, meaning: t.meaning }));
}
