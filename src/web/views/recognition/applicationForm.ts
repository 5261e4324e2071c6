/** The 附表1 form as the page edits it: numbers where the API takes numbers, and back from the detail's strings. */
import type { ApplicationDetail, ApplicationFormBody } from '../../api/recognition';
import { figuresFor } from '../../../domain/recognition/form';

type Choice<K extends keyof ApplicationFormBody> = NonNullable<ApplicationFormBody[K]> | undefined;
/** Radio choices are undefined while unchosen (Element Plus' radio group takes no null). */
export type FormModel = Omit<ApplicationFormBody, 'figures' | 'carrier' | 'construction' | 'operationMode' | 'orientation'> & {
  figures: NonNullable<ApplicationFormBody['figures']>;
  carrier: Choice<'carrier'>; construction: Choice<'construction'>; operationMode: Choice<'operationMode'>; orientation: Choice<'orientation'>;
};

const num = (s: string | undefined): number | undefined => (s === undefined || s === '' ? undefined : Number(s));

export function modelOf(d: ApplicationDetail): FormModel {
  const f = d.form;
  const g = f.figures ?? {};
  return {
    name: f.name, type: f.type, address: f.address ?? '', carrier: f.carrier, contactName: d.contactName ?? '', contactPhone: d.contactPhone ?? null,
    siteAreaM2: num(f.siteAreaM2) ?? null, siteCount: f.siteCount ?? null, construction: f.construction, investmentYuan: num(f.investmentYuan) ?? null,
    operationMode: f.operationMode, teamSize: f.teamSize ?? null, services: f.services ?? [], orientation: f.orientation,
    servedField: f.servedField ?? '', dataYear: f.dataYear ?? null,
    figures: {
      managementStaff: g.managementStaff, operatingStaff: g.operatingStaff, hrEnterprises: g.hrEnterprises, aboveScaleEnterprises: g.aboveScaleEnterprises,
      revenueYuan: num(g.revenueYuan), passThroughYuan: num(g.passThroughYuan), hrRevenueYuan: num(g.hrRevenueYuan),
      personTimesServed: g.personTimesServed, humanCapitalYuan: num(g.humanCapitalYuan),
    },
  };
}

/** The body to save: empty texts as null, figures the type does not read left out. */
export function bodyOf(m: FormModel): ApplicationFormBody {
  const blank = (s: string | null | undefined) => (s === undefined || s === null || s.trim() === '' ? null : s.trim());
  const asked = new Set<string>(figuresFor(m.type));
  if (m.type === 'specialized_market') { asked.add('personTimesServed'); asked.add('humanCapitalYuan'); }
  asked.add('passThroughYuan');
  const figures: FormModel['figures'] = {};
  for (const [k, v] of Object.entries(m.figures)) {
    if (v !== undefined && v !== null && asked.has(k)) Object.assign(figures, { [k]: v });
  }
  return {
    ...m, address: blank(m.address), contactName: blank(m.contactName), contactPhone: blank(m.contactPhone), servedField: blank(m.servedField),
    carrier: m.carrier ?? null, construction: m.construction ?? null, operationMode: m.operationMode ?? null,
    orientation: m.type === 'specialized_park' ? (m.orientation ?? null) : null, figures,
  };
}

/** The figures the type's conditions read, with a market's two service-effect figures. */
export function figureFieldsOf(type: FormModel['type']): (keyof FormModel['figures'])[] {
  if (type === 'specialized_market') return ['personTimesServed', 'humanCapitalYuan'];
  const base: (keyof FormModel['figures'])[] = [...figuresFor(type)];
  if (base.includes('revenueYuan')) base.splice(base.indexOf('revenueYuan') + 1, 0, 'passThroughYuan');
  return base;
}

/** Yuan figures are entered with the money input, the others as counts. */
export const YUAN_FIGURES = new Set(['revenueYuan', 'passThroughYuan', 'hrRevenueYuan', 'humanCapitalYuan']);
