/**
 * The rule engine's input for an application: its 附表1 site figures and prior-year figures as
 * ConditionFacts (the same shape conditionFactsFor builds from the registry), and the bureau's
 * recorded decisions as ConditionAdjustments. The bureau's check is checkConditions on these and
 * nothing else, so it equals the rule engine's answer on the same document.
 */
import type { ConditionAdjustments, ConditionFacts } from '../conditions/types.js';
import type { PlatformLevel, PlatformType } from '../rules/scheme-types.js';
import type { ApplicationForm } from './form.js';

/** Art 17 terms and accepted soft shortfalls recorded on the application (the platform keeps them as its recognition terms). */
export type ApplicationTerms = Omit<ConditionAdjustments, 'asOf' | 'confirmed'>;

export interface ApplicationCheckInput {
  type: PlatformType;
  level: PlatformLevel;
  facts: ConditionFacts;
  adjustments: ConditionAdjustments;
}

export function applicationConditionFacts(districtCode: string, form: ApplicationForm): ConditionFacts {
  const f = form.figures ?? {};
  const facts: ConditionFacts = { district: districtCode };
  const put = <K extends keyof ConditionFacts>(key: K, value: ConditionFacts[K] | undefined): void => {
    if (value !== undefined) facts[key] = value;
  };
  put('areaM2', form.siteAreaM2);
  if (form.type !== 'specialized_market') {
    put('sites', form.siteCount);
    put('managementStaff', f.managementStaff);
    put('operatingStaff', f.operatingStaff);
    put('hrEnterprises', f.hrEnterprises);
    put('aboveScaleEnterprises', f.aboveScaleEnterprises);
    put('revenueYuan', f.revenueYuan);
    put('passThroughYuan', f.passThroughYuan);
    if (form.type === 'specialized_park') {
      put('hrRevenueYuan', f.hrRevenueYuan);
      put('orientation', form.orientation);
    }
  } else {
    put('personTimesServed', f.personTimesServed);
    put('humanCapitalYuan', f.humanCapitalYuan);
  }
  return facts;
}

/** Everything checkConditions is given for an application: municipal level, its terms, the confirmed checklist items, judged on `asOf`. */
export function applicationCheckInput(districtCode: string, form: ApplicationForm, terms: ApplicationTerms, confirmed: readonly string[], asOf: string): ApplicationCheckInput {
  return {
    type: form.type, level: 'municipal', facts: applicationConditionFacts(districtCode, form),
    adjustments: { ...terms, confirmed: [...confirmed], asOf },
  };
}
