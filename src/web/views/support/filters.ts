/** The support register's filters: shared by the list, its .xlsx export and its print view (carried in the URL query). */
import type { LocationQuery } from 'vue-router';
import { supportKindLabels, supportKinds, supportOutcomeLabels, supportOutcomes } from '../../../domain/support/eligibility';
import { platformLevels, platformTypes } from '../../../domain/platforms/codes';
import type { SupportFilter, SupportGroup } from '../../api/support';

export const KIND_OPTIONS = supportKinds.map((value) => ({ value, label: supportKindLabels[value] }));
export const OUTCOME_OPTIONS = supportOutcomes.map((value) => ({ value, label: supportOutcomeLabels[value] }));
export const GROUP_LABELS: Readonly<Record<SupportGroup, string>> = { district: '区县', platform: '平台', year: '年度' };

/** The filter without its empty fields, as an API or route query. */
export function filterQuery(f: SupportFilter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null && v !== '') out[k] = String(v);
  return out;
}

const one = (q: LocationQuery, key: string): string | undefined => {
  const v = q[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
};
const oneOf = <T extends string>(values: readonly T[], v: string | undefined): T | undefined => values.find((x) => x === v);

/** A filter read back from a route query; unknown values are dropped. */
export function filterFromQuery(q: LocationQuery): SupportFilter {
  const year = Number(one(q, 'year'));
  return {
    year: Number.isInteger(year) && year >= 2000 ? year : undefined,
    districtCode: one(q, 'districtCode'),
    platformType: oneOf(platformTypes, one(q, 'platformType')),
    platformLevel: oneOf(platformLevels, one(q, 'platformLevel')),
    kind: oneOf(supportKinds, one(q, 'kind')),
    outcome: oneOf(supportOutcomes, one(q, 'outcome')),
  };
}
