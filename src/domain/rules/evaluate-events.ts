/**
 * Rows scored per event: by attendance tier (附表2 3.2) or by the highest leader present
 * (附表3 3.2, 附表4 2.3). An event's path (`events[2]`) is composed only for an error.
 * Like every row, they are evaluated into the row's own buffer (see RowEval).
 */
import type { EvalContext, RowEval, RowTrace } from './evaluate.js';
import { isPlainCount, isRecord, type FactRecord } from './read-facts.js';

type Trace<K extends RowTrace['kind']> = Extract<RowTrace, { kind: K }>;

/** The i-th event as a record; null when it is not a record (an error is reported). */
function eventAt(list: readonly unknown[], fact: string, i: number, ctx: EvalContext): FactRecord | null {
  const e = list[i];
  return isRecord(e) ? e : (ctx.reader.record(e, `${fact}[${i}]`) ?? null);
}

/** An event's attendance: undefined when not given, null when invalid (an error is reported). */
function attendanceOf(obj: FactRecord, fact: string, i: number, ctx: EvalContext): number | undefined | null {
  const a = obj.attendance;
  return isPlainCount(a) ? a : ctx.reader.quantity(a, 'count', `${fact}[${i}]`, 'attendance');
}

function byAttendance(ev: RowEval, t: Trace<'events_attendance'>, list: readonly unknown[] | undefined, ctx: EvalContext): void {
  const { fact, tiers } = t.plan.rule;
  const counts = t.counts;
  counts.fill(0);
  let rest = 0;
  let rawH = 0;
  const n = list?.length ?? 0;
  for (let i = 0; i < n && list !== undefined; i++) {
    const obj = eventAt(list, fact, i, ctx);
    if (obj === null) continue;
    const a = attendanceOf(obj, fact, i, ctx);
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
  t.rest = rest;
  t.total = n;
  ev.rawH = rawH;
  ev.missing = list === undefined;
  ev.pending = false;
}

function byLeader(ev: RowEval, t: Trace<'events_leader'>, list: readonly unknown[] | undefined, ctx: EvalContext): void {
  const rule = t.plan.rule;
  const { fact, tiers } = rule;
  const counts = t.counts;
  counts.fill(0);
  let base = 0;
  let below = 0;
  let assumed = 0;
  let rawH = 0;
  const n = list?.length ?? 0;
  for (let i = 0; i < n && list !== undefined; i++) {
    const obj = eventAt(list, fact, i, ctx);
    if (obj === null) continue;
    const a = attendanceOf(obj, fact, i, ctx);
    const level = obj.leaderLevel ?? 'none';
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
  t.base = base;
  t.below = below;
  t.assumed = assumed;
  t.total = n;
  ev.rawH = rawH;
  ev.missing = list === undefined;
  ev.pending = false;
}

export function evaluateEvents(ev: RowEval, t: Trace<'events_attendance' | 'events_leader'>, facts: FactRecord, ctx: EvalContext): void {
  const fact = t.plan.rule.fact;
  const raw = facts[fact];
  const list = Array.isArray(raw) ? (raw as readonly unknown[]) : (ctx.reader.list(raw, fact) ?? undefined);
  if (t.kind === 'events_attendance') byAttendance(ev, t, list, ctx);
  else byLeader(ev, t, list, ctx);
}
