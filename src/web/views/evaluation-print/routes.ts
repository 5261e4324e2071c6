/** Printable pages: outside the app shell (no menu, no header), so that only the form is printed. */
import type { RouteRecordRaw } from 'vue-router';

export const printRoutes: RouteRecordRaw[] = [
  {
    path: '/app/evaluations/:id/entries/:entryId/print',
    name: 'evaluation-entry-print',
    component: () => import('./EntryPrintView.vue'),
    meta: { title: '打印评分表', roles: ['admin', 'bureau', 'district', 'operator'] },
  },
  {
    path: '/app/evaluations/:id/results/print',
    name: 'evaluation-results-print',
    component: () => import('./ResultsPrintView.vue'),
    meta: { title: '打印评估结果' },
  },
];
