/**
 * Who may be assigned as an expert (the annual review, Art 30 (三); recognition, Art 14 (二)): an
 * enabled expert account whose own organization and declared affiliation (set by the bureau on the
 * account) are none of the organizations with a stake in what is reviewed.
 */
import { AppError, errors } from '../errors.js';

export interface ExpertCandidate {
  id: string;
  role: string;
  disabled: boolean;
  displayName: string;
  organizationId: string | null;
  affiliationOrgId: string | null;
}

/** A stake holder: its organization id and what it is to the reviewed subject (「该平台的运营机构」). */
export interface Stake { orgId: string; what: string }

/** Refuses a user who is not an enabled expert, or one belonging to a stake holder, with the field `expertUserId`. */
export function assertAssignable(u: ExpertCandidate | null, stakes: readonly Stake[]): ExpertCandidate {
  if (!u || u.role !== 'expert' || u.disabled) throw errors.invalid('expertUserId', '评审专家：须为启用的评审专家账号');
  const hit = stakes.find((s) => s.orgId === u.affiliationOrgId || s.orgId === u.organizationId);
  if (hit) {
    const message = `评审专家：${u.displayName}所在单位为${hit.what}，存在利益冲突，不能分配`;
    throw new AppError('CONFLICT_OF_INTEREST', 400, message, [{ field: 'expertUserId', message }]);
  }
  return u;
}
