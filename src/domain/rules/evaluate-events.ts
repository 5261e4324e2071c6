/**
 * Rows scored per event: by attendance tier (附表2 3.2) or by the highest leader present
 * (附表3 3.2, 附表4 2.3). An event's path (`events[2]`) is composed only for an error.
 */
import type { EvalContext, RowEval } from './evaluate.js';
import type { RowPlan } from './plan.js';
import { isPlainCount, isRecord, type FactRecord } from './read-facts.js';

type Plan<K extends RowPlan['kind']> = Extract<RowPlan, { kind: K }>;

interface Event { readonly obj: FactRecord; readonly attendance: number | undefined | null }

/** The i-th event as a record and its attendance; null when it is not a record. */
function readEvent(e: unknown, fact: string, i: number, ctx: EvalContext): Event | null {
  const obj = isRecord(e) ? e : ctx.reader.record(e, `${fact}[${i}]`);
  if (obj === undefined || obj === null) return null;
  const a = obj.attendance;
  return { obj, attendance: isPlainCount(a) ? a : ctx.reader.quantity(a, 'count', `${fact}[${i}]`, 'attendance') };
}

function byAttendance(plan: Plan<'events_attendance'>, list: readonly unknown[] | undefined, ctx: EvalContext): RowEval {
  const { fact, tiers } = plan.rule;
  const counts: number[] = new Array<number>(tiers.length).fill(0);
  let rest = 0;
  let rawH = 0;
  const n = list?.length ?? 0;
  for (let i = 0; i < n; i++) {
    const ev = readEvent(list?.[i], fact, i, ctx);
    if (ev === null) continue;
    const a = ev.attendance;
    if (a === undefined) ctx.reader.invalid(`facts.${fact}[${i}].attendance`, '须填写参会人数');
    if (a === undefined || a === null) continue;
    // Each event scores its highest tier; tiers run from the highest down.
    let k = 0;
    while (k < tiers.length && !(a > (tiers[k]?.over ?? 0))) k++;
    const tier = tiers[k];
    if (tier === undefined) rest += 1;
    else {
      counts[k] = (counts[k] ?? 0) + 1;
      rawH += tier.pointsH;
    }
  }
  return { rawH, missing: list === undefined, pending: false, trace: { kind: 'events_attendance', plan, counts, rest, total: n } };
}

function byLeader(plan: Plan<'events_leader'>, list: readonly unknown[] | undefined, ctx: EvalContext): RowEval {
  const rule = plan.rule;
  const { fact, tiers } = rule;
  const counts: number[] = new Array<number>(tiers.length).fill(0);
  let base = 0;
  let below = 0;
  let assumed = 0;
  let rawH = 0;
  const n = list?.length ?? 0;
  for (let i = 0; i < n; i++) {
    const ev = readEvent(list?.[i], fact, i, ctx);
    if (ev === null) continue;
    const a = ev.attendance;
    const level = ev.obj.leaderLevel ?? 'none';
    const known = level === 'ministerial' || level === 'bureau' || level === 'none' ? level : undefined;
    if (known === undefined) ctx.reader.invalid(`facts.${fact}[${i}].leaderLevel`, '须为 ministerial（省部级及以上）、bureau（厅级）或 none（无）');
    if (a === null || known === undefined) continue;
    if (a === undefined) assumed += 1;
    else if (a < rule.minAttendance) {
      below += 1;
      continue;
    }
    let k = 0;
    while (k < tiers.length && tiers[k]?.level !== known) k++;
    const tier = tiers[k];
    if (tier === undefined) {
      base += 1;
      rawH += rule.baseH;
    } else {
      counts[k] = (counts[k] ?? 0) + 1;
      rawH += tier.pointsH;
    }
  }
  return { rawH, missing: list === undefined, pending: false, trace: { kind: 'events_leader', plan, counts, base, below, assumed, total: n } };
}

export function evaluateEvents(plan: Plan<'events_attendance' | 'events_leader'>, facts: FactRecord, ctx: EvalContext): RowEval {
  const raw = facts[plan.rule.fact];
  const list = Array.isArray(raw) ? (raw as readonly unknown[]) : (ctx.reader.list(raw, plan.rule.fact) ?? undefined);
  return plan.kind === 'events_attendance' ? byAttendance(plan, list, ctx) : byLeader(plan, list, ctx);
}
