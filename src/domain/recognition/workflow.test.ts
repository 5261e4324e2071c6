import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../auth/roles.js';
import {
  actionsFor, applicationActions, applicationStates, checkApplicationAction, expertsMayWork, governmentMayEdit, bureauMayDecide, isOpen, openApplicationStates, preparationMayExpire, waitingOn,
  type ApplicationAction, type ApplicationState,
} from './workflow.js';

/** Every allowed move written out by hand (not read from the table): action, from, roles, to. */
const allowed: [ApplicationAction, ApplicationState, readonly Role[], ApplicationState][] = [
  ['send_to_hrss', 'draft', ['district_gov'], 'hrss_review'],
  ['send_to_hrss', 'returned_to_gov', ['district_gov'], 'hrss_review'],
  ['send_to_hrss', 'returned_to_district', ['district_gov'], 'hrss_review'],
  ['withdraw', 'draft', ['district_gov'], 'withdrawn'],
  ['withdraw', 'returned_to_gov', ['district_gov'], 'withdrawn'],
  ['withdraw', 'returned_to_district', ['district_gov'], 'withdrawn'],
  ['hrss_return', 'hrss_review', ['district'], 'returned_to_gov'],
  ['hrss_opinion', 'hrss_review', ['district'], 'gov_opinion'],
  ['gov_submit', 'gov_opinion', ['district_gov'], 'submitted'],
  ['bureau_return', 'submitted', ['admin', 'bureau'], 'returned_to_district'],
  ['bureau_return', 'under_expert_review', ['admin', 'bureau'], 'returned_to_district'],
  ['reject', 'submitted', ['admin', 'bureau'], 'rejected'],
  ['reject', 'under_expert_review', ['admin', 'bureau'], 'rejected'],
  ['start_expert_review', 'submitted', ['admin', 'bureau'], 'under_expert_review'],
  ['propose', 'under_expert_review', ['admin', 'bureau'], 'proposed'],
  ['post_publicity', 'proposed', ['admin', 'bureau'], 'in_publicity'],
  // The notice listing it withdrawn (with the reason): back to the proposals.
  ['withdraw_publicity', 'in_publicity', ['admin', 'bureau'], 'proposed'],
  ['recognize', 'in_publicity', ['admin', 'bureau'], 'recognized'],
  ['not_recognize', 'in_publicity', ['admin', 'bureau'], 'rejected'],
  // 筹建 (Art 15): approved after the experts instead of a proposal; readiness reported by the applicant or the operator;
  // the acceptance's pass goes on to publicity, its fail cancels; the expiry is the system's (no role may take it).
  ['approve_preparation', 'under_expert_review', ['admin', 'bureau'], 'in_preparation'],
  ['report_readiness', 'in_preparation', ['district_gov', 'district', 'operator'], 'acceptance_review'],
  ['accept_preparation', 'acceptance_review', ['admin', 'bureau'], 'proposed'],
  ['fail_preparation', 'acceptance_review', ['admin', 'bureau'], 'preparation_cancelled'],
];
const needsReason = new Set<ApplicationAction>([
  'withdraw', 'hrss_return', 'bureau_return', 'reject', 'propose', 'withdraw_publicity', 'not_recognize', 'report_readiness', 'accept_preparation', 'fail_preparation',
]);

const cases = applicationActions.flatMap((action) => applicationStates.flatMap((from) => roles.map((role) => {
  const hit = allowed.find(([a, f, rs]) => a === action && f === from && rs.includes(role));
  return { action, from, role, to: hit?.[3] ?? null };
})));

describe('recognition application workflow', () => {
  it.each(cases.filter((c) => c.to !== null))('$role may $action from $from → $to (with a reason)', ({ action, from, role, to }) => {
    expect(checkApplicationAction(action, from, role, '理由')).toEqual({ ok: true, to });
  });

  it.each(cases.filter((c) => c.to === null))('$role may not $action from $from', ({ action, from, role }) => {
    const r = checkApplicationAction(action, from, role, '理由');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // A role the step is not for is told so first; a right role in a wrong state is told the state.
    const roleFits = allowed.some(([a, , rs]) => a === action && rs.includes(role));
    expect(r.code).toBe(roleFits ? 'NOT_ALLOWED' : 'ROLE');
    expect(r.message).toMatch(roleFits ? /^「.+」状态下不能/ : /^您的角色不能/);
  });

  it.each(allowed.filter(([a]) => needsReason.has(a)))('%s from %s is refused without a reason', (action, from, rs) => {
    for (const reason of [undefined, null, '', '  ']) {
      expect(checkApplicationAction(action, from, rs[0]!, reason)).toMatchObject({ ok: false, code: 'REASON_REQUIRED', message: expect.stringMatching(/须填写理由$/) });
    }
  });

  it.each(allowed.filter(([a]) => !needsReason.has(a)))('%s from %s needs no reason', (action, from, rs, to) => {
    expect(checkApplicationAction(action, from, rs[0]!)).toEqual({ ok: true, to });
  });

  it('offers each role exactly the steps the table allows it', () => {
    for (const from of applicationStates) {
      for (const role of roles) {
        expect(actionsFor(from, role), `${role} in ${from}`).toEqual(cases.filter((x) => x.from === from && x.role === role && x.to !== null).map((x) => x.action));
      }
    }
  });

  it('names the state in Chinese when refusing', () => {
    expect(checkApplicationAction('gov_submit', 'hrss_review', 'district_gov')).toEqual({ ok: false, code: 'NOT_ALLOWED', message: '「待区县人社局出具意见」状态下不能出具区县政府意见并报送市局' });
    expect(checkApplicationAction('hrss_opinion', 'hrss_review', 'district_gov')).toEqual({ ok: false, code: 'ROLE', message: '您的角色不能出具区县人社局意见' });
  });

  it('lets experts work only under expert review, and leaves a recognized application with no one waiting', () => {
    expect(applicationStates.filter(expertsMayWork)).toEqual(['under_expert_review', 'acceptance_review']);
    expect(waitingOn('in_publicity')).toBe('bureau');
    expect(waitingOn('recognized')).toBeNull();
    expect(checkApplicationAction('recognize', 'proposed', 'bureau')).toEqual({ ok: false, code: 'NOT_ALLOWED', message: '「拟认定，待公示」状态下不能认定为市级平台' });
    expect(checkApplicationAction('post_publicity', 'proposed', 'district_gov')).toEqual({ ok: false, code: 'ROLE', message: '您的角色不能发布公示' });
  });

  it('keeps the form with the government and the decisions with the bureau; only rejected, withdrawn and a cancelled 筹建 are closed', () => {
    expect(applicationStates.filter(governmentMayEdit)).toEqual(['draft', 'returned_to_gov', 'returned_to_district', 'in_preparation']);
    expect(applicationStates.filter(bureauMayDecide)).toEqual(['submitted', 'under_expert_review', 'acceptance_review']);
    expect(applicationStates.filter((s) => !isOpen(s))).toEqual(['rejected', 'withdrawn', 'preparation_cancelled']);
    expect(openApplicationStates).toHaveLength(applicationStates.length - 3);
  });

  it('lets only the system expire a 筹建, from 筹建中 or during its acceptance', () => {
    for (const role of roles) expect(actionsFor('in_preparation', role)).not.toContain('expire_preparation');
    expect(applicationStates.filter(preparationMayExpire)).toEqual(['in_preparation', 'acceptance_review']);
    expect(checkApplicationAction('approve_preparation', 'submitted', 'bureau')).toEqual({ ok: false, code: 'NOT_ALLOWED', message: '「已报市局，待审核」状态下不能批准先行筹建' });
    expect(checkApplicationAction('report_readiness', 'in_preparation', 'expert', '已具备条件')).toMatchObject({ ok: false, code: 'ROLE' });
    expect(waitingOn('in_preparation')).toBe('district_gov');
    expect(waitingOn('preparation_cancelled')).toBeNull();
  });
});
