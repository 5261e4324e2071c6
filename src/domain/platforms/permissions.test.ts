import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.js';
import type { Role } from '../auth/roles.js';
import { canEditPlatform, canViewContact, creationRefusal, editableFields } from './permissions.js';

const actor = (role: Role, over: Partial<Actor> = {}): Actor => ({
  userId: 'u', username: 'u', role, organizationId: 'org-op', organizationName: 'x', districtCode: role === 'admin' || role === 'bureau' || role === 'expert' ? null : '500107', ...over,
});
const municipal = { level: 'municipal' as const, districtCode: '500107', operatorOrgId: 'org-op' };
const districtLevel = { ...municipal, level: 'district' as const };

describe('registry write rights', () => {
  it.each([
    ['admin', true], ['bureau', true], ['district', true], ['operator', true], ['district_gov', false], ['expert', false],
  ] as const)('%s may edit operational data of a platform it sees: %s', (role, expected) => {
    expect(canEditPlatform(actor(role), municipal)).toBe(expected);
  });

  it('a district unit edits only its own district; an operator only its own platform', () => {
    expect(canEditPlatform(actor('district', { districtCode: '500101' }), municipal)).toBe(false);
    expect(canEditPlatform(actor('operator', { organizationId: 'other' }), municipal)).toBe(false);
  });

  it('gives operators contacts and services only, districts recognition data of district-level platforms only', () => {
    expect(editableFields(actor('operator'), municipal)).toEqual(['contactName', 'contactPhone', 'services']);
    expect(editableFields(actor('district'), municipal)).not.toContain('recognitionDocNo');
    expect(editableFields(actor('district'), districtLevel)).toContain('recognitionDocNo');
    expect(editableFields(actor('district'), districtLevel)).not.toContain('level');
    expect(editableFields(actor('bureau'), municipal)).toEqual(expect.arrayContaining(['level', 'districtCode', 'type']));
    expect(editableFields(actor('bureau'), municipal)).not.toContain('status');
    expect(editableFields(actor('district_gov'), municipal)).toEqual([]);
  });

  it('shows full phones to those who deal with the platform', () => {
    expect(canViewContact(actor('district_gov'), municipal)).toBe(false);
    expect(canViewContact(actor('district'), municipal)).toBe(true);
  });

  it('lets a district register only district-level platforms (待备案) in its district', () => {
    expect(creationRefusal(actor('district'), { level: 'district', districtCode: '500107', status: 'pending_filing' })).toBeNull();
    expect(creationRefusal(actor('district'), { level: 'district', districtCode: '500107', status: 'filed' })?.field).toBe('status');
    expect(creationRefusal(actor('district'), { level: 'municipal', districtCode: '500107', status: 'recognized' })?.field).toBe('level');
    expect(creationRefusal(actor('bureau'), { level: 'municipal', districtCode: '500107', status: 'recognized' })?.field).toBe('status');
    expect(creationRefusal(actor('bureau'), { level: 'municipal', districtCode: '500107', status: 'recognized' }, 'legacy')).toBeNull();
    expect(creationRefusal(actor('district'), { level: 'municipal', districtCode: '500107', status: 'recognized' }, 'legacy')?.field).toBe('role');
    expect(creationRefusal(actor('district'), { level: 'district', districtCode: '500101', status: 'pending_filing' })?.field).toBe('districtCode');
    expect(creationRefusal(actor('bureau'), { level: 'district', districtCode: '500101', status: 'recognized' })?.field).toBe('status');
    expect(creationRefusal(actor('operator'), { level: 'district', districtCode: '500107', status: 'pending_filing' })?.field).toBe('role');
  });
});
