import { describe, expect, it } from 'vitest';
import { availableTransitions, checkTransition, initialStatuses, platformStatuses, platformTransitions } from './lifecycle.js';

describe('platform lifecycle', () => {
  it('lets the bureau accept a platform in preparation, and refuses everyone else', () => {
    expect(checkTransition('municipal', 'preparing', 'recognized', 'bureau')).toMatchObject({ ok: true });
    expect(checkTransition('municipal', 'preparing', 'recognized', 'district')).toEqual({ ok: false, message: '「筹建中」→「已认定」须由市人力社保局决定' });
    expect(checkTransition('municipal', 'preparing', 'recognized', 'operator').ok).toBe(false);
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
    expect(checkTransition('district', 'filed', 'recognized', 'bureau').ok).toBe(true);
    expect(checkTransition('municipal', 'filed', 'recognized', 'bureau').ok).toBe(false);
    expect(checkTransition('national', 'preparing', 'recognized', 'bureau').ok).toBe(false);
  });

  it('offers exactly the allowed changes, and each listed transition is unique', () => {
    expect(availableTransitions('district', 'filed', 'district').map((t) => t.to).sort()).toEqual(['exited', 'rectifying', 'revoked']);
    expect(availableTransitions('municipal', 'recognized', 'operator')).toEqual([]);
    const keys = platformTransitions.flatMap((t) => t.levels.map((l) => `${l}:${t.from}>${t.to}`));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('starts district-level platforms as filed, others as recognized or preparing', () => {
    expect(initialStatuses('district')).toEqual(['filed']);
    expect(initialStatuses('municipal')).toContain('preparing');
  });
});
