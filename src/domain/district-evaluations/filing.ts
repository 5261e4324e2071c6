/**
 * Art 28: each district HRSS unit evaluates its district-level platforms every year by its own scheme
 * and files the result with the bureau. The filing is the district's list (one row per district-level
 * platform: its grade in the district's own words, an optional score and note), submitted once complete;
 * the bureau acknowledges it or returns it with a reason. The workflow is this table; anything else is refused.
 */
import type { Role } from '../auth/roles.js';
import { art } from '../measures.js';

export const filingStatuses = ['draft', 'submitted', 'returned', 'acknowledged'] as const;
export type FilingStatus = (typeof filingStatuses)[number];
/** A district with no filing for the year yet: shown in the bureau's overview only. */
export type FilingState = FilingStatus | 'none';

export const filingStatusLabels: Record<FilingState, string> = {
  none: '未填报', draft: '填报中', submitted: '已报送待确认', returned: '已退回修改', acknowledged: '已确认备案',
};

export const filingActions = ['save', 'submit', 'acknowledge', 'return'] as const;
export type FilingAction = (typeof filingActions)[number];

interface Step { action: FilingAction; from: readonly FilingState[]; to: FilingStatus; roles: readonly Role[]; label: string }

const district = ['district'] as const;
const bureau = ['admin', 'bureau'] as const;

export const filingSteps: readonly Step[] = [
  { action: 'save', from: ['none', 'draft', 'returned'], to: 'draft', roles: district, label: '保存' },
  { action: 'submit', from: ['draft', 'returned'], to: 'submitted', roles: district, label: '报送市人力社保局' },
  { action: 'acknowledge', from: ['submitted'], to: 'acknowledged', roles: bureau, label: '确认备案' },
  { action: 'return', from: ['submitted'], to: 'returned', roles: bureau, label: '退回修改' },
];

export type StepCheck = { ok: true; to: FilingStatus } | { ok: false; message: string };

export function checkFilingStep(action: FilingAction, from: FilingState, role: Role): StepCheck {
  const s = filingSteps.find((x) => x.action === action);
  if (!s) return { ok: false, message: '不支持的操作' };
  if (!s.roles.includes(role)) return { ok: false, message: `「${s.label}」须由${action === 'save' || action === 'submit' ? '区县人力社保部门' : '市人力社保局'}办理` };
  if (!s.from.includes(from)) return { ok: false, message: `「${filingStatusLabels[from]}」的评估结果不能${s.label}` };
  return { ok: true, to: s.to };
}

/** The district may change its rows while the filing is its own to edit. */
export const districtMayEdit = (s: FilingState): boolean => s === 'none' || s === 'draft' || s === 'returned';

export interface FilingItem { platformId: string; grade: string; score?: string | null; note?: string | null }

/**
 * What stops a submission: a row for a platform that is not one of the district's district-level
 * platforms, a platform listed twice, one left out, or one without its grade. Empty when complete.
 */
export function filingProblems(platforms: readonly { id: string; name: string }[], items: readonly FilingItem[]): string[] {
  const known = new Map(platforms.map((p) => [p.id, p.name]));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const it of items) {
    if (!known.has(it.platformId)) out.push('评估结果：所列平台须为本区县已备案的区县级平台');
    else if (seen.has(it.platformId)) out.push(`评估结果：「${known.get(it.platformId) ?? ''}」重复填报`);
    seen.add(it.platformId);
  }
  for (const p of platforms) {
    const it = items.find((x) => x.platformId === p.id);
    if (!it) out.push(`评估结果：缺少「${p.name}」`);
    else if (it.grade.trim() === '') out.push(`评估等次：「${p.name}」未填写`);
  }
  if (platforms.length === 0) out.push(`本区县没有已备案的区县级平台，无需报送年度评估结果（${art(28)}）`);
  return [...new Set(out)];
}
