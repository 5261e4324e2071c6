/**
 * The experts' assessment of an application (Art 14 (二)): each expert verifies the five kinds of
 * material, visits the site, and gives an opinion on the necessity and feasibility of a municipal
 * platform with a recommendation. What a submission needs is decided here.
 */
import { materialKindLabels, materialKindNumbers, materialKinds, type MaterialKind } from './materials.js';

export const recommendations = ['recommend', 'not_recommend'] as const;
export type Recommendation = (typeof recommendations)[number];
export const recommendationLabels: Record<Recommendation, string> = { recommend: '建议认定', not_recommend: '不建议认定' };

export const verificationResults = ['verified', 'problem'] as const;
export type VerificationResult = (typeof verificationResults)[number];
export const verificationResultLabels: Record<VerificationResult, string> = { verified: '核验无误', problem: '存在问题' };

export interface Verification { result: VerificationResult; note?: string | null }

export interface ExpertWork {
  verifications: Partial<Record<MaterialKind, Verification>>;
  siteVisit: unknown;
  necessity: string | null;
  feasibility: string | null;
  recommendation: Recommendation | null;
}

export interface SubmitProblem { field: string; message: string }

const blank = (s: string | null | undefined): boolean => s === null || s === undefined || s.trim() === '';

/** Why the expert's work cannot be submitted yet, each problem naming its field in Chinese; empty when it can. */
export function submitProblems(w: ExpertWork): SubmitProblem[] {
  const problems: SubmitProblem[] = [];
  for (const kind of materialKinds) {
    const v = w.verifications[kind];
    const name = `材料核验·${materialKindNumbers[kind]}. ${materialKindLabels[kind]}`;
    if (v === undefined) problems.push({ field: `verifications.${kind}`, message: `${name}：尚未核验` });
    else if (v.result === 'problem' && blank(v.note)) problems.push({ field: `verifications.${kind}.note`, message: `${name}：存在问题的须写明问题` });
  }
  if (w.siteVisit === null || w.siteVisit === undefined) problems.push({ field: 'siteVisit', message: '实地考察：尚未记录（日期、参加人员、考察情况）' });
  if (blank(w.necessity)) problems.push({ field: 'necessity', message: '必要性评估意见：须填写' });
  if (blank(w.feasibility)) problems.push({ field: 'feasibility', message: '可行性评估意见：须填写' });
  if (w.recommendation === null) problems.push({ field: 'recommendation', message: '评估结论：须选择建议认定或不建议认定' });
  return problems;
}

export interface AssignmentTally { assigned: number; declined: number; submitted: number }

/** Why the application cannot be proposed for publicity yet (Art 14 (三) follows the assessment), or null. */
export function proposeRefusal(t: AssignmentTally, working: readonly string[]): string | null {
  if (t.submitted === 0) return '尚无专家提交评估意见，不能确定为拟认定平台';
  if (working.length > 0) return `以下专家尚未提交评估意见或申请回避：${working.join('、')}`;
  return null;
}
