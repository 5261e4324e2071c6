import { describe, expect, it } from 'vitest';
import type { Role } from '../auth/roles.js';
import {
  availableTransitions, checkArt33Transition, checkEntry, checkFilingTransition, checkRecognitionTransition, checkTransition, initialStatuses, platformEntries, platformStatuses, platformTransitions,
} from './lifecycle.js';

describe('platform lifecycle', () => {
  it('recognizes a platform in preparation only by its acceptance (Art 15), never by a status change', () => {
    for (const role of ['admin', 'bureau', 'district', 'operator'] as const) {
      expect(checkTransition('municipal', 'preparing', 'recognized', role)).toEqual({ ok: false, message: expect.stringContaining('筹建验收通过后由市人力社保局认定（第十五条）') });
    }
    expect(availableTransitions('municipal', 'preparing', 'bureau').map((t) => t.to)).toEqual(['revoked']);
  });

  it('moves a district-level platform to municipal only by the Art 33 confirmation or a recognition, refusing the status change for every role', () => {
    const roles: Role[] = ['admin', 'bureau', 'district', 'district_gov', 'operator', 'expert'];
    for (const role of roles) {
      const r = checkTransition('district', 'filed', 'recognized', role);
      expect(r).toEqual({ ok: false, message: expect.stringContaining('第三十三条') });
      expect(r.ok ? '' : r.message).toContain('「已备案」不能直接变更为「已认定」');
      expect(r.ok ? '' : r.message).toContain('第十四条');
      expect(availableTransitions('district', 'filed', role).some((t) => t.to === 'recognized')).toBe(false);
    }
    expect(checkArt33Transition('district', 'filed', 'bureau')).toMatchObject({ ok: true, meaning: expect.stringContaining('第三十三条') });
    expect(checkArt33Transition('district', 'filed', 'district')).toEqual({ ok: false, message: '认定市级平台须由市人力社保局决定' });
    expect(checkArt33Transition('district', 'rectifying', 'bureau')).toMatchObject({ ok: false, message: expect.stringContaining('「整改中」') });
    expect(checkArt33Transition('municipal', 'recognized', 'bureau')).toMatchObject({ ok: false, message: expect.stringContaining('市级「已认定」') });
  });

  it('keeps the one status change into 已认定: the return of a recognized platform after rectification', () => {
    const into = platformTransitions.filter((t) => t.to === 'recognized' && t.via === undefined);
    expect(into.map((t) => `${t.from}:${t.levels.join(',')}`)).toEqual(['rectifying:national,municipal']);
  });

  it('never leaves a terminal status', () => {
    for (const to of platformStatuses) {
      expect(checkTransition('municipal', 'exited', to, 'admin').ok).toBe(false);
      expect(checkTransition('district', 'revoked', to, 'admin').ok).toBe(false);
    }
  });

  it('lets a district unit manage its district-level platforms but not municipal ones', () => {
    expect(checkTransition('district', 'filed', 'rectifying', 'district').ok).toBe(true);
    expect(checkTransition('municipal', 'recognized', 'rectifying', 'district').ok).toBe(false);
    expect(checkTransition('district', 'filed', 'recognized', 'district').ok).toBe(false); // Art 33 is the bureau's
  });

  it('refuses changes that do not fit the level', () => {
    expect(checkTransition('municipal', 'filed', 'recognized', 'bureau').ok).toBe(false);
    expect(checkTransition('national', 'preparing', 'recognized', 'bureau').ok).toBe(false);
  });

  it('offers exactly the allowed changes, and each listed transition is unique', () => {
    expect(availableTransitions('district', 'filed', 'district').map((t) => t.to).sort()).toEqual(['exited', 'rectifying', 'revoked']);
    expect(availableTransitions('municipal', 'recognized', 'operator')).toEqual([]);
    const keys = platformTransitions.flatMap((t) => t.levels.map((l) => `${t.via ?? ''}${l}:${t.from}>${t.to}`));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('starts district-level platforms as 待备案 (已备案 only on the bureau\'s acknowledgement), and municipal and national ones never by ordinary registration', () => {
    expect(initialStatuses('district')).toEqual(['pending_filing']);
    expect(initialStatuses('municipal')).toEqual([]);
    expect(initialStatuses('national')).toEqual([]);
  });
});

describe('registry entries (Art 14 (四), 存量平台登记)', () => {
  it('refuses a municipal or national platform created directly as 已认定, naming the procedure', () => {
    const municipal = checkEntry('direct', 'municipal', 'recognized', 'bureau');
    expect(municipal).toMatchObject({ ok: false, field: 'status' });
    expect(!municipal.ok && municipal.message).toContain('公示无异议后由市人力社保局认定（第十四条）');
    expect(!municipal.ok && municipal.message).toContain('存量平台登记');
    const national = checkEntry('direct', 'national', 'recognized', 'admin');
    expect(!national.ok && national.message).toContain('存量平台登记');
    expect(checkEntry('direct', 'national', 'preparing', 'bureau')).toMatchObject({ ok: false, field: 'status', message: '状态：国家级平台只能以「存量平台登记」录入' });
  });

  it('allows 存量平台登记 of national and municipal platforms as 已认定, by the bureau only', () => {
    for (const level of ['national', 'municipal'] as const) {
      expect(checkEntry('legacy', level, 'recognized', 'bureau')).toMatchObject({ ok: true, kind: 'legacy' });
      expect(checkEntry('legacy', level, 'recognized', 'admin')).toMatchObject({ ok: true, kind: 'legacy' });
      expect(checkEntry('legacy', level, 'recognized', 'district')).toEqual({ ok: false, field: 'role', message: '存量平台登记须由市人力社保局办理' });
      expect(checkEntry('legacy', level, 'recognized', 'operator').ok).toBe(false);
    }
    expect(checkEntry('legacy', 'district', 'recognized', 'bureau')).toMatchObject({ ok: false, field: 'level' });
    expect(checkEntry('legacy', 'municipal', 'preparing', 'bureau')).toMatchObject({ ok: false, field: 'level' });
  });

  it('keeps the district unit’s registration of district-level platforms, and the bureau’s Art 15 preparation', () => {
    expect(checkEntry('direct', 'district', 'pending_filing', 'district')).toMatchObject({ ok: true, kind: 'filing' });
    expect(checkEntry('direct', 'district', 'pending_filing', 'bureau')).toMatchObject({ ok: true, kind: 'filing' });
    expect(checkEntry('direct', 'district', 'filed', 'district')).toMatchObject({ ok: false, field: 'status', message: '状态：新登记的区县级平台只能为「待备案」' });
    expect(checkEntry('direct', 'district', 'recognized', 'bureau')).toMatchObject({ ok: false, field: 'status', message: '状态：新登记的区县级平台只能为「待备案」' });
    expect(checkEntry('preparation', 'municipal', 'preparing', 'bureau')).toMatchObject({ ok: true, kind: 'preparation' });
    expect(checkEntry('preparation', 'municipal', 'preparing', 'district')).toMatchObject({ ok: false, field: 'role' });
    expect(checkEntry('preparation', 'district', 'preparing', 'bureau')).toMatchObject({ ok: false, field: 'level' });
    // 筹建 comes only from an approved application (Art 15: its need, consent and term are recorded there).
    const direct = checkEntry('direct', 'municipal', 'preparing', 'bureau');
    expect(direct).toMatchObject({ ok: false, field: 'status' });
    expect(!direct.ok && direct.message).toMatch(/^状态：「筹建中」只能由市人力社保局在认定申请中批准先行筹建后产生（第十五条/);
  });

  it('lists each entry once, and only 存量平台登记 and a recognition decision enter as 已认定', () => {
    const keys = platformEntries.flatMap((e) => e.levels.map((l) => `${e.kind}:${l}>${e.to}`));
    expect(new Set(keys).size).toBe(keys.length);
    expect(platformEntries.filter((e) => e.to === 'recognized').map((e) => e.kind)).toEqual(['legacy', 'recognition']);
  });

  it('enters a platform by recognition only as a municipal 已认定, decided by the bureau, never by an ordinary registration', () => {
    expect(checkEntry('recognition', 'municipal', 'recognized', 'bureau')).toMatchObject({ ok: true, kind: 'recognition' });
    expect(checkEntry('recognition', 'municipal', 'recognized', 'district')).toMatchObject({ ok: false, field: 'role' });
    expect(checkEntry('recognition', 'national', 'recognized', 'bureau')).toMatchObject({ ok: false, field: 'level' });
    expect(checkEntry('recognition', 'municipal', 'preparing', 'bureau')).toMatchObject({ ok: false, field: 'level' });
    expect(checkEntry('direct', 'municipal', 'recognized', 'bureau')).toMatchObject({ ok: false, field: 'status' });
    expect(checkEntry('legacy', 'municipal', 'recognized', 'bureau')).toMatchObject({ ok: true, kind: 'legacy' });
  });

  it('promotes by recognition only a district-level platform 已备案, and keeps that move out of the status menu', () => {
    expect(checkRecognitionTransition('district', 'filed', 'bureau')).toMatchObject({ ok: true, meaning: expect.stringContaining('第十四条') });
    expect(checkRecognitionTransition('district', 'filed', 'district')).toEqual({ ok: false, message: '认定市级平台须由市人力社保局决定' });
    expect(checkRecognitionTransition('district', 'rectifying', 'bureau')).toMatchObject({ ok: false, message: expect.stringContaining('「整改中」') });
    expect(checkRecognitionTransition('municipal', 'recognized', 'bureau').ok).toBe(false);
    // 筹建 (Art 15): a passed acceptance goes through publicity and recognition like any application.
    expect(checkRecognitionTransition('municipal', 'preparing', 'bureau')).toMatchObject({ ok: true, meaning: expect.stringContaining('第十五条') });
    expect(checkRecognitionTransition('municipal', 'preparing', 'district').ok).toBe(false);
    expect(checkTransition('district', 'filed', 'recognized', 'bureau').ok).toBe(false);
    expect(availableTransitions('district', 'filed', 'bureau').filter((t) => t.to === 'recognized')).toHaveLength(0);
  });

  it('moves 待备案 to 已备案 only by the bureau\'s acknowledgement of the filing, never through the status menu (Art 16)', () => {
    expect(checkFilingTransition('district', 'pending_filing', 'bureau')).toMatchObject({ ok: true });
    expect(checkFilingTransition('district', 'pending_filing', 'district')).toEqual({ ok: false, message: '确认备案须由市人力社保局办理' });
    expect(checkFilingTransition('district', 'filed', 'bureau').ok).toBe(false);
    expect(checkFilingTransition('municipal', 'pending_filing', 'bureau').ok).toBe(false);
    expect(checkTransition('district', 'pending_filing', 'filed', 'bureau').ok).toBe(false);
    expect(availableTransitions('district', 'pending_filing', 'district').map((t) => t.to)).toEqual(['exited']);
  });
});
