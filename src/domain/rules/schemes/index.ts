/** The registry of scheme versions; an evaluation names the version it was scored with. */
import type { ScoreScheme } from '../scheme-types.js';
import { cq2025 } from './cq-2025.js';

export const SCHEME_IDS = ['cq-2025'] as const;
export type SchemeId = (typeof SCHEME_IDS)[number];
export const DEFAULT_SCHEME_ID: SchemeId = 'cq-2025';

const SCHEMES: ReadonlyMap<string, ScoreScheme> = new Map([['cq-2025', cq2025]]);

export function findScheme(id: string): ScoreScheme | undefined {
  return SCHEMES.get(id);
}
