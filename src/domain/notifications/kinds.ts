/**
 * Every kind of notification HRSP sends, who receives it and which page its link opens. A link
 * is built here only, so that a kind cannot point its recipients at a page they may not open
 * (src/web/router/notification-links.test.ts and src/server/notifications/links.test.ts check each kind × audience role against the web routes and the page's API calls).
 */
import type { Role } from '../auth/roles.js';

/** Pages a notification may open (names of routes in src/web/router/routes.ts). */
export type NotificationPage =
  | 'evaluation-entry' | 'review-assignment' | 'evaluation-results' | 'recognition-application' | 'platform-detail' | 'publicity-objections'
  | 'district-evaluation-overview' | 'district-evaluation-filing' | 'reporting';

interface KindSpec { audience: readonly Role[]; page: NotificationPage }

export const NOTIFICATION_KINDS = {
  'evaluation.entry.submitted': { audience: ['district'], page: 'evaluation-entry' },
  'evaluation.entry.returned': { audience: ['operator'], page: 'evaluation-entry' },
  'evaluation.entry.forwarded': { audience: ['bureau'], page: 'evaluation-entry' },
  // The expert reads and scores its assignment on its own page; the entry page is not theirs.
  'evaluation.expert.assigned': { audience: ['expert'], page: 'review-assignment' },
  'evaluation.expert.declined': { audience: ['bureau'], page: 'evaluation-entry' },
  'evaluation.deadline.due_soon': { audience: ['operator', 'district', 'bureau'], page: 'evaluation-entry' },
  'evaluation.deadline.overdue': { audience: ['operator', 'district', 'bureau'], page: 'evaluation-entry' },
  'evaluation.published': { audience: ['operator', 'district', 'district_gov'], page: 'evaluation-results' },
  // Recognition (Art 14): the application page, /app/recognition/applications/:id.
  'recognition.application.sent': { audience: ['district'], page: 'recognition-application' },
  'recognition.application.returned_to_gov': { audience: ['district_gov'], page: 'recognition-application' },
  'recognition.application.hrss_opinion': { audience: ['district_gov'], page: 'recognition-application' },
  'recognition.application.submitted': { audience: ['bureau'], page: 'recognition-application' },
  'recognition.application.returned_to_district': { audience: ['district_gov', 'district'], page: 'recognition-application' },
  'recognition.application.rejected': { audience: ['district_gov', 'district'], page: 'recognition-application' },
  // The expert opens the same application page (its scope admits the applications it is assigned to).
  'recognition.expert.assigned': { audience: ['expert'], page: 'recognition-application' },
  'recognition.expert.declined': { audience: ['bureau'], page: 'recognition-application' },
  'recognition.expert.submitted': { audience: ['bureau'], page: 'recognition-application' },
  'recognition.application.in_publicity': { audience: ['district_gov', 'district'], page: 'recognition-application' },
  'recognition.application.recognized': { audience: ['district_gov', 'district'], page: 'recognition-application' },
  // 筹建 (Art 15): the approval, the readiness report and the acceptance's result on the application page;
  // the term's reminders, extension and expiry on the platform's page (a platform registered in preparation has no application).
  'preparation.approved': { audience: ['district_gov', 'district'], page: 'recognition-application' },
  'preparation.readiness': { audience: ['bureau'], page: 'recognition-application' },
  'preparation.accepted': { audience: ['district_gov', 'district', 'operator'], page: 'recognition-application' },
  'preparation.failed': { audience: ['district_gov', 'district', 'operator'], page: 'recognition-application' },
  'preparation.reminder': { audience: ['district_gov', 'district', 'operator'], page: 'platform-detail' },
  'preparation.extended': { audience: ['district_gov', 'district', 'operator'], page: 'platform-detail' },
  'preparation.expired': { audience: ['district_gov', 'district', 'operator', 'bureau'], page: 'platform-detail' },
  'recognition.application.publicity_withdrawn': { audience: ['district_gov', 'district'], page: 'recognition-application' },
  // An objection to a notice assigned to a bureau colleague: the notice's objections page.
  'publicity.objection.assigned': { audience: ['bureau'], page: 'publicity-objections' },
  // Art 17: a recognized platform's deadline passed with the lowered condition still unmet (the daily check).
  'platform.deadline.overdue': { audience: ['bureau'], page: 'platform-detail' },
  // Art 33: the bureau confirmed a district-level platform's direct recognition as municipal.
  'platform.promoted': { audience: ['district', 'district_gov'], page: 'platform-detail' },
  // Art 28: the districts' yearly evaluation of their district-level platforms, filed with the bureau.
  'district_evaluation.submitted': { audience: ['bureau'], page: 'district-evaluation-overview' },
  'district_evaluation.acknowledged': { audience: ['district'], page: 'district-evaluation-filing' },
  'district_evaluation.returned': { audience: ['district'], page: 'district-evaluation-filing' },
  'district_evaluation.reminder': { audience: ['district'], page: 'district-evaluation-filing' },
  // Art 16: a district's filing (备案) of its district-level platform; both sides open the platform page.
  'district.filing.submitted': { audience: ['bureau'], page: 'platform-detail' },
  'district.filing.questioned': { audience: ['district'], page: 'platform-detail' },
  'district.filing.acknowledged': { audience: ['district'], page: 'platform-detail' },
  // Operating-data reporting (Art 18, 20): /app/reporting shows each role its reports (to fill, to review).
  'reporting.report.submitted': { audience: ['district'], page: 'reporting' },
  'reporting.report.returned': { audience: ['operator'], page: 'reporting' },
  'reporting.report.accepted': { audience: ['operator'], page: 'reporting' },
  'reporting.reminder.due_soon': { audience: ['operator'], page: 'reporting' },
  'reporting.reminder.overdue': { audience: ['operator'], page: 'reporting' },
} as const satisfies Record<string, KindSpec>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const notificationKinds = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

/** The records a link names: an evaluation (and entry), a recognition application, or a platform for its detail. */
export interface LinkIds { evaluationId?: string; entryId?: string; applicationId?: string; platformId?: string; noticeId?: string; objectionId?: string }

/** The in-app path a notification of this kind opens. */
export function notificationLink(kind: NotificationKind, ids: LinkIds): string {
  const page: NotificationPage = NOTIFICATION_KINDS[kind].page;
  const e = encodeURIComponent(ids.evaluationId ?? '');
  const entry = encodeURIComponent(ids.entryId ?? '');
  switch (page) {
    case 'evaluation-entry':
      return `/app/evaluations/${e}/entries/${entry}`;
    case 'review-assignment':
      return `/app/review/${e}/${entry}`;
    case 'evaluation-results':
      return `/app/evaluations/${e}/results`;
    case 'recognition-application':
      return `/app/recognition/applications/${encodeURIComponent(ids.applicationId ?? '')}`;
    case 'platform-detail':
      return `/app/platforms/${encodeURIComponent(ids.platformId ?? '')}`;
    case 'reporting':
      return '/app/reporting';
    case 'publicity-objections':
      return `/app/publicity/${encodeURIComponent(ids.noticeId ?? '')}/objections${ids.objectionId === undefined ? '' : `?objection=${encodeURIComponent(ids.objectionId)}`}`;
    case 'district-evaluation-overview':
      return '/app/district-evaluations';
    case 'district-evaluation-filing':
      return '/app/district-evaluations/mine';
  }
}
