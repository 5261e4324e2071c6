/**
 * The 2025 scheme: 渝人社规〔2025〕4号 with its tables 附表2–4, read as RULES.md says.
 * A later year is a new module of the same shape; finished evaluations keep the id they used.
 */
import { MEASURES_DOC_NO, MEASURES_TITLE } from '../../measures.js';
import type { ScoreScheme } from '../scheme-types.js';
import { annex2 } from './cq-2025/annex2.js';
import { annex3 } from './cq-2025/annex3.js';
import { annex4 } from './cq-2025/annex4.js';
import { recognition2025 } from './cq-2025/recognition.js';

export const cq2025: ScoreScheme = {
  id: 'cq-2025',
  year: 2025,
  title: '重庆市市级人力资源服务发展平台年度绩效评估评分方案（2025）',
  source: `${MEASURES_DOC_NO}《${MEASURES_TITLE}》附表2—4`,
  settings: {
    aboveScale: 'instead',
    titledStaff: 'instead',
    residents: 'year_end',
    educationCategories: 'highest_only',
    pairChoice: 'orientation',
    scaling: 'floor',
    judged: 'trimmed_mean',
    trimFrom: 5,
    publicity: 'calendar_days',
    passThroughInParkRevenue: true,
    branchUsesDistrictQuota: true,
    conditionResidents: 'all',
  },
  factors: { municipal: '1', national: '3', district: '0.5' },
  tables: { comprehensive_park: annex2, specialized_park: annex3, specialized_market: annex4 },
  recognition: recognition2025,
  grading: { excellentMin: '85', passMin: '60', excellentShare: '0.3', pool: 'all' },
};
