import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { NOTIFICATION_KINDS, notificationKinds, notificationLink } from '../../domain/notifications/kinds';
import { routes } from './routes';

/** Every notification kind's link opens a page that each role of its audience may open. */
describe('notification links', () => {
  const router = createRouter({ history: createMemoryHistory(), routes });
  const ids = { evaluationId: '11111111-1111-4111-8111-111111111111', entryId: '22222222-2222-4222-8222-222222222222', platformId: '33333333-3333-4333-8333-333333333333', applicationId: '44444444-4444-4444-8444-444444444444', noticeId: '55555555-5555-4555-8555-555555555555', objectionId: '66666666-6666-4666-8666-666666666666' };

  it.each(notificationKinds)('%s opens its page for every recipient role', (kind) => {
    const spec = NOTIFICATION_KINDS[kind];
    const target = router.resolve(notificationLink(kind, ids));
    expect(target.name, `${kind} → ${target.fullPath}`).toBe(spec.page);
    const allowed = target.matched.flatMap((r) => (r.meta.roles ? [r.meta.roles] : []));
    for (const role of spec.audience) {
      for (const roles of allowed) expect(roles, `${kind}: ${role} may not open ${spec.page}`).toContain(role);
    }
  });
});
