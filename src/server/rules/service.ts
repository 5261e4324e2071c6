/**
 * Plain functions behind POST /api/v1/rules/score and /check and the CLI: pick the scheme
 * version, call the domain, shape the response. No transport code here.
 */
import {
  checkConditions, DEFAULT_SCHEME_ID, findScheme, resolveFactor, scoreSheet,
  type DomainError, type ScoreScheme,
} from '../../domain/index.js';
import type { CheckInput, CheckResponse, ErrorResponse, ScoreInput, ScoreResponse } from './schema.js';

export type ServiceResult<T> = { ok: true; value: T } | { ok: false; value: ErrorResponse };

const failed = (errors: DomainError[]): { ok: false; value: ErrorResponse } => ({ ok: false, value: { errors } });

function pickScheme(id: string | undefined): ScoreScheme | DomainError {
  const wanted = id ?? DEFAULT_SCHEME_ID;
  return findScheme(wanted) ?? { code: 'SCHEME_UNKNOWN', message: `未知的评分方案“${wanted}”，可用：cq-2025`, path: 'scheme' };
}

export function scoreDocument(input: ScoreInput): ServiceResult<ScoreResponse> {
  const scheme = pickScheme(input.scheme);
  if ('code' in scheme) return failed([scheme]);
  const factor = resolveFactor(scheme, input.level, input.factor);
  if (!factor.ok) return failed(factor.errors);
  const sheet = scoreSheet(scheme, input.type, factor.value, input.facts);
  if (!sheet.ok) return failed(sheet.errors);
  return { ok: true, value: { ...sheet.value, level: input.level ?? null } };
}

/** Checks the conditions under the named built-in scheme, or under `inForce` (a stored scheme) when given. */
export function checkDocument(input: CheckInput, inForce?: ScoreScheme): ServiceResult<CheckResponse> {
  const scheme = inForce ?? pickScheme(input.scheme);
  if ('code' in scheme) return failed([scheme]);
  const policy = input.districtPolicy === undefined
    ? { recognition: scheme.recognition, settings: scheme.settings }
    : { recognition: scheme.recognition, settings: scheme.settings, district: input.districtPolicy };
  const res = checkConditions(input.type, input.level, input.facts, policy, input.adjustments ?? {});
  return res.ok ? { ok: true, value: res.value } : failed(res.errors);
}
