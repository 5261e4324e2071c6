/**
 * Anomaly rules for the statistics screen (M25): pure checks on figures already loaded, each
 * returning why it fired, so the list can explain itself. Money and counts arrive as bigint.
 */

export const anomalyRules = ['duplicate_residence', 'revenue_jump', 'enterprise_jump', 'prefill_changed', 'score_gap'] as const;
export type AnomalyRule = (typeof anomalyRules)[number];

/** Defaults of the two thresholds (the screen may ask for others): a year-on-year change over 50 %, a score gap of 10 points or more. */
export const ANOMALY_DEFAULTS = { jumpPercent: 50, scoreGap: 10 } as const;

export interface Jump { previous: bigint; current: bigint; percent: number }

/**
 * A change by more than `percent` % of last year's figure, either way. A platform with nothing last
 * year has no base to compare with, so a first year is never a jump.
 */
export function yearOnYearJump(previous: bigint, current: bigint, percent: number): Jump | null {
  if (previous <= 0n) return null;
  const diff = current > previous ? current - previous : previous - current;
  // diff / previous > percent / 100, in integers so 10^15 yuan stays exact.
  if (diff * 100n <= BigInt(Math.round(percent)) * previous) return null;
  const shown = Number((diff * 1000n) / previous) / 10;
  return { previous, current, percent: current > previous ? shown : -shown };
}

/** Scores are numeric(6,2) strings: compared in hundredths so 0.1 + 0.2 never matters. */
function hundredths(score: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(score.trim());
  if (!m) throw new Error(`not a score: ${score}`);
  const [, sign, whole = '0', frac = ''] = m;
  const v = BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'));
  return sign === '-' ? -v : v;
}

/** The self total and the reviewed total differ by `gap` points or more. */
export function scoreGap(selfTotal: string, reviewedTotal: string, gap: number): string | null {
  const d = hundredths(reviewedTotal) - hundredths(selfTotal);
  const abs = d < 0n ? -d : d;
  if (abs < BigInt(Math.round(gap * 100))) return null;
  const sign = d < 0n ? '-' : '+';
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** A scalar figure of the facts: a count or a whole-yuan string. Objects and lists are not compared. */
function scalar(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return v;
  return null;
}

export interface ChangedFigure { path: string[]; registry: string; self: string }

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The registry's scalar figures (nested objects walked, lists skipped) the self-evaluation shows
 * differently: what the operator changed after the sheet was pre-filled, or what the registry
 * changed since. Keys only the self-evaluation has are left out; a figure it lacks reads as 0.
 */
export function changedFigures(registry: Readonly<Record<string, unknown>>, self: Readonly<Record<string, unknown>>, path: string[] = []): ChangedFigure[] {
  const out: ChangedFigure[] = [];
  for (const [key, value] of Object.entries(registry)) {
    const other = self[key];
    if (isRecord(value)) {
      out.push(...changedFigures(value, isRecord(other) ? other : {}, [...path, key]));
      continue;
    }
    const r = scalar(value);
    if (r === null) continue;
    const s = scalar(other) ?? '0';
    if (s !== r) out.push({ path: [...path, key], registry: r, self: s });
  }
  return out;
}

export const anomalyRuleLabels: Readonly<Record<AnomalyRule, string>> = {
  duplicate_residence: '同一企业多园区线下入驻',
  revenue_jump: '营业收入同比异常变动',
  enterprise_jump: '入驻企业数同比异常变动',
  prefill_changed: '自评数据与登记数据不一致',
  score_gap: '自评与评审得分差异较大',
};

export const statisticsChartLabels = {
  figures: '主要指标',
  districts: '分区县',
  trends: '年度趋势',
  grades: '评估等次分布',
} as const;
