/**
 * The reviewed sheet: the rule engine on the entry's facts with the experts' corrections applied and
 * the judged rows fed with the experts' scores (trimmed mean by the scheme's settings), beside the
 * self-evaluated sheet. Pure: the callers choose whose work counts.
 */
import type { PlatformType, Rule, ScoreScheme, ScoreSheet } from '../../../domain/index.js';
import { scoreSheet } from '../../../domain/index.js';
import { formatHundredths, toHundredths } from '../../../domain/shared/decimal.js';
import { comprehensiveParkFactsSchema, specializedMarketFactsSchema, specializedParkFactsSchema } from '../../rules/schema.js';
import type { ReviewSheet } from './schema.js';
import { factsRecord, readFacts } from '../entries/scoring.js';

export interface JudgedRow { code: string; name: string; fact: string; cap: string; step: string }

/** The judged rows of the type's table: scored by experts only. */
export function judgedRows(scheme: ScoreScheme, type: PlatformType): JudgedRow[] {
  return scheme.tables[type].rows.flatMap((r) => (r.rule.kind === 'judged' ? [{ code: r.code, name: r.name, fact: r.rule.fact, cap: r.cap ?? '0', step: r.rule.step }] : []));
}

/** The judged rows the review panel scores, when the scheme takes them from the panel (RULES.md §8); else none. */
export function panelRows(scheme: ScoreScheme, type: PlatformType): JudgedRow[] {
  return scheme.settings.judged === 'panel' ? judgedRows(scheme, type) : [];
}

/** The panel scores kept in frozen reviewed facts, by fact. */
export function panelScoresIn(scheme: ScoreScheme, type: PlatformType, facts: unknown): Record<string, string> {
  const base = factsRecord(facts);
  const out: Record<string, string> = {};
  for (const row of panelRows(scheme, type)) {
    const { panel } = factsRecord(base[row.fact]);
    if (typeof panel === 'string' || typeof panel === 'number') out[row.fact] = String(panel);
  }
  return out;
}

/** The fact keys of the type (the rule engine's facts schema), which an expert may correct. */
export function factKeys(type: PlatformType): Set<string> {
  switch (type) {
    case 'comprehensive_park':
      return new Set(Object.keys(comprehensiveParkFactsSchema.shape));
    case 'specialized_park':
      return new Set(Object.keys(specializedParkFactsSchema.shape));
    case 'specialized_market':
      return new Set(Object.keys(specializedMarketFactsSchema.shape));
  }
}

function factsOf(rule: Rule): string[] {
  return rule.kind === 'sum' ? rule.parts.map((p) => p.rule.fact) : [rule.fact];
}

/** One expert's contribution, in the order it counts (a later correction of the same fact wins). */
export interface Contribution {
  expertName: string;
  corrections: readonly { fact: string; value: unknown; reason: string }[];
  judgedScores: Readonly<Record<string, string>>;
}

export interface ReviewedFacts { facts: Record<string, unknown>; applied: ReviewSheet['corrections']; conflicts: ReviewSheet['conflicts'] }

/**
 * The entry's facts with the corrections applied and the judged facts carrying the experts' scores,
 * and the review panel's score where the scheme takes judged rows from the panel (RULES.md §8).
 */
export function reviewedFacts(
  scheme: ScoreScheme, type: PlatformType, facts: unknown, contributions: readonly Contribution[], panel: Readonly<Record<string, string>> = {},
): ReviewedFacts {
  const base = factsRecord(facts);
  const byFact = new Map<string, { expertName: string; value: unknown; reason: string }[]>();
  for (const c of contributions) {
    for (const x of c.corrections) byFact.set(x.fact, [...(byFact.get(x.fact) ?? []), { expertName: c.expertName, value: x.value, reason: x.reason }]);
  }
  const out: Record<string, unknown> = { ...base };
  const applied: ReviewSheet['corrections'] = [];
  const conflicts: ReviewSheet['conflicts'] = [];
  for (const [fact, list] of byFact) {
    const last = list[list.length - 1];
    if (!last) continue;
    out[fact] = last.value;
    applied.push({ fact, before: base[fact] ?? null, after: last.value, reason: last.reason, expertName: last.expertName });
    if (new Set(list.map((x) => JSON.stringify(x.value))).size > 1) conflicts.push({ fact, values: list, applied: last.expertName });
  }
  for (const row of judgedRows(scheme, type)) {
    const scores = contributions.flatMap((c) => {
      const s = c.judgedScores[row.fact];
      return s === undefined ? [] : [s];
    });
    const panelScore = panel[row.fact];
    if (scores.length === 0 && panelScore === undefined) continue;
    // The operator's proposal stays beside the experts' scores (shown, never used).
    const { proposed } = factsRecord(base[row.fact]);
    out[row.fact] = { ...(proposed === undefined ? {} : { proposed }), experts: scores, ...(panelScore === undefined ? {} : { panel: panelScore }) };
  }
  return { facts: out, applied, conflicts };
}

function sheetOf(scheme: ScoreScheme, type: PlatformType, factor: string, facts: unknown): { sheet: ScoreSheet | null; problems: string[] } {
  const read = readFacts(type, facts);
  if (read === null) return { sheet: null, problems: ['事实数据格式不正确'] };
  const r = scoreSheet(scheme, type, factor, read);
  return r.ok ? { sheet: r.value, problems: [] } : { sheet: null, problems: r.errors.map((e) => e.message) };
}

function minus(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return null;
  const ha = toHundredths(a);
  const hb = toHundredths(b);
  return ha === null || hb === null ? null : formatHundredths(ha - hb);
}

/** The reviewed sheet beside the self-evaluated one, row by row. */
export function reviewSheetOf(
  scheme: ScoreScheme, entry: { type: PlatformType; factor: string; facts: unknown; selfTotal: string | null }, contributions: readonly Contribution[],
  panel: Readonly<Record<string, string>> = {},
): ReviewSheet & { reviewedFacts: Record<string, unknown> } {
  const reviewed = reviewedFacts(scheme, entry.type, entry.facts, contributions, panel);
  const self = sheetOf(scheme, entry.type, entry.factor, entry.facts);
  const after = sheetOf(scheme, entry.type, entry.factor, reviewed.facts);
  const correctedFacts = new Set(reviewed.applied.map((a) => a.fact));
  const base = factsRecord(entry.facts);
  const rows = scheme.tables[entry.type].rows.map((row) => {
    const s = self.sheet?.rows.find((x) => x.code === row.code) ?? null;
    const r = after.sheet?.rows.find((x) => x.code === row.code) ?? null;
    const selfScore = s?.score ?? null;
    const reviewedScore = r?.score ?? null;
    const difference = minus(reviewedScore, selfScore);
    const proposed = row.rule.kind === 'judged' ? factsRecord(base[row.rule.fact]).proposed : undefined;
    return {
      code: row.code, name: row.name, kind: row.rule.kind, counted: r?.counted ?? s?.counted ?? true,
      selfScore, proposed: typeof proposed === 'number' || typeof proposed === 'string' ? String(proposed) : null,
      reviewedScore, difference,
      changed: difference === null ? selfScore !== reviewedScore : difference !== '0.00',
      corrected: factsOf(row.rule).filter((f) => correctedFacts.has(f)),
      pending: r?.pending ?? true,
    };
  });
  const selfTotal = entry.selfTotal ?? self.sheet?.total ?? null;
  const reviewedTotal = after.sheet?.total ?? null;
  return {
    selfTotal, reviewedTotal, difference: minus(reviewedTotal, selfTotal), rows,
    corrections: reviewed.applied, conflicts: reviewed.conflicts, problems: after.problems, sheet: after.sheet,
    reviewedFacts: reviewed.facts,
  };
}
