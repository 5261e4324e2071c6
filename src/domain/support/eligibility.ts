/**
 * Support measures (Art 23–26) and what a platform's grade of the year says about them (Art 32, 33).
 *
 * Reading (RULES.md §5, measures-2025.txt): Art 32 ties the grade to applications for 现代生产性服务业
 * policies, which are the 集聚区 (Art 23), 星级楼宇 and major projects (Art 24): for national and
 * municipal platforms 优秀 = priority, 合格 = supported, 不合格 = not recommended; with no published
 * grade of the year there is no basis. Art 23 recommends national and municipal platforms only; a
 * district-level platform qualifies through a voluntary 优秀 (Art 33). Art 24 supports platforms of
 * every level, so a district-level one qualifies for projects and star buildings without a grade.
 * Funds and subsidies (Art 25 by the bureau, Art 26 by the districts) are not tied to a grade by the text.
 */
import { art } from '../measures.js';
import type { Grade } from '../grading/types.js';
import { GRADE_LABELS } from '../grading/types.js';
import type { PlatformLevel } from '../platforms/codes.js';

export const supportKinds = ['cluster', 'star_building', 'major_project', 'city_fund', 'district_fund'] as const;
export type SupportKind = (typeof supportKinds)[number];
export const supportOutcomes = ['pending', 'granted', 'not_granted'] as const;
export type SupportOutcome = (typeof supportOutcomes)[number];
/** What the grade says about a support item. */
export const supportStandings = ['priority', 'supported', 'not_recommended', 'no_grade', 'not_eligible_level', 'not_tied'] as const;
export type SupportStanding = (typeof supportStandings)[number];

/** The article each kind rests on. */
export const SUPPORT_KIND_ARTICLE: Readonly<Record<SupportKind, number>> = {
  cluster: 23, star_building: 24, major_project: 24, city_fund: 25, district_fund: 26,
};

/** Kinds a district HRSS unit may record for its own district's platforms (Art 26); the bureau records all. */
export const DISTRICT_SUPPORT_KINDS: readonly SupportKind[] = ['district_fund'];

export interface SupportEligibility {
  standing: SupportStanding;
  /** False when recording the item needs a recorded reason. */
  qualifies: boolean;
  /** The basis in words, shown when the item is created and kept with it. */
  basis: string;
}

const policyKind = (k: SupportKind): boolean => k === 'cluster' || k === 'star_building' || k === 'major_project';

/** What the platform's published grade of the year (null: none) means for a support item of this kind. */
export function supportEligibility(kind: SupportKind, level: PlatformLevel, grade: Grade | null, voluntary = false): SupportEligibility {
  const gradeText = grade === null ? '本年度无已发布的评估等次' : `本年度评估等次为${GRADE_LABELS[grade]}`;
  if (!policyKind(kind)) {
    return { standing: 'not_tied', qualifies: true, basis: `${art(SUPPORT_KIND_ARTICLE[kind])}的扶持不以评估等次为条件（${gradeText}）` };
  }
  if (level === 'district') {
    if (grade === 'excellent' && voluntary) {
      return { standing: 'supported', qualifies: true, basis: `${gradeText}（自愿参加市级考评），支持开展现代生产性服务业相关政策申报（${art(33)}）` };
    }
    if (kind === 'cluster') {
      return { standing: 'not_eligible_level', qualifies: false, basis: `${art(23)}优先推荐国家级、市级平台；区县级平台须自愿参加市级考评并评为优秀（${art(33)}）（${gradeText}）` };
    }
    return { standing: 'supported', qualifies: true, basis: `${art(24)}支持各级平台（${gradeText}）` };
  }
  switch (grade) {
    case 'excellent': return { standing: 'priority', qualifies: true, basis: `${gradeText}，予以优先推荐（${art(32, '一')}）` };
    case 'pass': return { standing: 'supported', qualifies: true, basis: `${gradeText}，支持开展相关政策申报（${art(32, '三')}）` };
    case 'fail': return { standing: 'not_recommended', qualifies: false, basis: `${gradeText}，不予推荐（${art(32, '二')}）` };
    case null: return { standing: 'no_grade', qualifies: false, basis: `${gradeText}，推荐缺少${art(32)}的依据` };
  }
}

/** A support item may be recorded when the grade qualifies, or with a reason when it does not. */
export function supportReasonMissing(e: SupportEligibility, reason: string | null | undefined): boolean {
  return !e.qualifies && (reason ?? '').trim() === '';
}

export const supportKindLabels: Readonly<Record<SupportKind, string>> = {
  cluster: '推荐纳入现代生产性服务业集聚区', star_building: '“星级”楼宇', major_project: '人力资源服务重大项目',
  city_fund: '市级扶持资金或补助', district_fund: '区县扶持资金或补助',
};
export const supportOutcomeLabels: Readonly<Record<SupportOutcome, string>> = { pending: '办理中', granted: '已获支持', not_granted: '未获支持' };
export const supportStandingLabels: Readonly<Record<SupportStanding, string>> = {
  priority: '优先推荐', supported: '支持申报', not_recommended: '不予推荐', no_grade: '无评估等次', not_eligible_level: '平台级别不符', not_tied: '不以等次为条件',
};
