/**
 * Chinese explanations that show each row's arithmetic, read off the evaluation trace. The
 * constant pieces come from the plan; only numbers are formatted here, and strings are
 * concatenated directly (no arrays, joins or closures per row: this runs for every row of
 * every sheet).
 */
import { formatGrouped, formatHundredths as score, formatPoints as pts, formatScaled, groupThousands } from '../shared/decimal.js';
import { termN, type LeafTrace, type RowEval, type RowTrace } from './evaluate.js';
import { effText, placesOf, type AboveLeafPlan, type TermPlan } from './plan.js';

type Trace<K extends RowTrace['kind']> = Extract<RowTrace, { kind: K }>;

const NOT_REPORTED = '未填报 → 0.00';
const PROPORTIONAL_NOTE = '（按比例精确折算，合计后四舍五入到 0.01）';

/** The cap's "，上限 10 → 10.00" when the raw score passes it. */
const capTail = (row: { readonly capH: number | null; readonly capSuffix: string }, rawH: number): string =>
  row.capH !== null && rawH > row.capH ? row.capSuffix : '';

/** The floor term's "÷ unit 取整" piece when the plan could not format it (see plan.ts piece()). */
const floorAfter = (p: TermPlan): string => ` ${p.unit} ÷ ${effText(p.eff, p.unit)} 取整 `;

/**
 * Appends a term's text for `valueS` to `acc`; `n` (its units counted) is only shown for
 * floor terms. Texts are built by appending to the text so far, left to right: adding to a
 * long string makes a cons cell, while joining two short pieces first copies them (and
 * through the runtime when one is Chinese and the other ASCII).
 */
function termText(acc: string, p: TermPlan, valueS: number, n: number): string {
  const head = p.lead === '' ? acc + formatGrouped(valueS, p.scale) : acc + p.lead + formatGrouped(valueS, p.scale);
  if (p.mode !== 'floor') return p.after === null ? head : head + p.after;
  return head + (p.after ?? floorAfter(p)) + String(n) + p.times;
}

/** A row of one per-unit term: the term and " = score" built from merged pieces. */
function singleTermText(t: Extract<LeafTrace, { kind: 'term' }>, scoreText: string): string {
  const p = t.plan;
  const q = formatGrouped(t.valueS, p.scale);
  // The long constant with the score first: two cons cells, where "7" + " 家 × 0.2 = " would
  // be copied (a join under 13 characters is flattened).
  if (p.mode !== 'floor') return q + (p.afterEq + scoreText);
  return q + (p.after ?? floorAfter(p)) + String(t.n) + (p.timesEq + scoreText);
}

/** The original composition of an above-base text, for pieces the plan could not format. */
function aboveTextSlow(l: AboveLeafPlan, head: string, below: boolean, excess: number, places: number, n: number): string {
  const baseText = effText(l.base, l.unit);
  if (below) return `${head} ${l.unit}，未达 ${baseText} → 0`;
  return `${head} ${l.unit}，超出 ${baseText}的部分 ${groupThousands(formatScaled(excess, places))} ${l.unit} ÷ ${effText(l.step, l.unit)} 取整 ${n}${l.times}`;
}

/** Appends a leaf's text to `acc`. */
function leafText(acc: string, p: LeafTrace): string {
  if (p.kind === 'term') return termText(p.leaf.prefix === '' ? acc : acc + p.leaf.prefix, p.plan, p.valueS, p.n);
  if (p.kind === 'above') {
    const l = p.leaf;
    const head = acc + l.lead + formatGrouped(p.valueS, l.scale);
    if (p.below) return l.belowTail === null ? aboveTextSlow(l, head, true, 0, 0, 0) : head + l.belowTail;
    // The excess v − base, written exactly with a common power-of-ten denominator.
    const places = Math.max(l.scale, placesOf(l.base.den));
    const excess = p.valueS * 10 ** (places - l.scale) - l.base.num * 10 ** (places - placesOf(l.base.den));
    if (l.overMid === null || l.overTail === null) return aboveTextSlow(l, head, false, excess, places, p.n);
    return head + l.overMid + formatGrouped(excess, places) + l.overTail + String(p.n) + l.times;
  }
  const l = p.leaf;
  let text = l.prefix === '' ? acc : acc + l.prefix;
  let empty = true;
  for (let i = 0; i < l.terms.length; i++) {
    const t = l.terms[i];
    const v = p.values[i] ?? 0;
    if (t === undefined || (l.multi && v <= 0)) continue;
    text = termText(empty ? text : text + ' + ', t, v, t.mode === 'floor' ? termN(t, v) : 0);
    empty = false;
  }
  if (empty) return acc + l.zeroText;
  return l.premiumNote === '' ? text : text + l.premiumNote;
}

/** Some term is scored proportionally and counts something: the rounding note applies. */
function roundedProportionally(parts: readonly LeafTrace[], count: number): boolean {
  for (let j = 0; j < count; j++) if ((parts[j]?.propNum ?? 0) > 0) return true;
  return false;
}

function volumeText(t: Trace<'volume'>, ev: RowEval): string {
  const parts = t.parts;
  const count = t.partCount;
  if (count === 0) return NOT_REPORTED;
  const plan = t.plan;
  const tail = capTail(plan.row, ev.rawH) + (plan.proportional && roundedProportionally(parts, count) ? PROPORTIONAL_NOTE : '');
  const only = parts[0];
  if (count === 1 && !plan.sum && only !== undefined) {
    if (only.kind === 'term' && only.leaf.prefix === '') return singleTermText(only, tail === '' ? score(ev.rawH) : score(ev.rawH) + tail);
    return leafText('', only) + ' = ' + score(ev.rawH) + tail;
  }
  let text = '';
  for (let j = 0; j < count; j++) {
    const p = parts[j];
    // A part with proportional terms has no rounded score of its own (the row is rounded
    // once, RULES.md §4): it shows its terms only, so the parts still add up to the total.
    if (p !== undefined) text = p.propNum > 0 ? leafText(text, p) + '；' : leafText(text, p) + ' = ' + score(p.scoreH) + '；';
  }
  return text + '合计 ' + score(ev.rawH) + tail;
}

function attendanceText(t: Trace<'events_attendance'>, ev: RowEval): string {
  if (ev.missing) return NOT_REPORTED;
  const terms = t.plan.terms;
  const head = '共 ' + String(t.total) + ' 场';
  let text = head + '：';
  let empty = true;
  for (let i = 0; i < terms.length; i++) {
    const c = t.counts[i] ?? 0;
    const piece = terms[i];
    if (c <= 0 || piece === undefined) continue;
    text = (empty ? text : text + ' + ') + piece[0] + String(c) + piece[1];
    empty = false;
  }
  const rest = t.rest > 0 ? '（' + String(t.rest) + t.plan.restTail : '';
  if (empty) return head + rest + ' → 0.00';
  return text + ' = ' + score(ev.rawH) + capTail(t.plan.row, ev.rawH) + rest;
}

function leaderText(t: Trace<'events_leader'>, ev: RowEval): string {
  if (ev.missing) return NOT_REPORTED;
  const plan = t.plan;
  const head = '共 ' + String(t.total) + ' 场';
  let text = head + '：';
  let empty = true;
  for (let i = 0; i < plan.terms.length; i++) {
    const c = t.counts[i] ?? 0;
    const piece = plan.terms[i];
    if (c <= 0 || piece === undefined) continue;
    text = (empty ? text : text + ' + ') + piece[0] + String(c) + piece[1];
    empty = false;
  }
  if (t.base > 0) {
    text = (empty ? text : text + ' + ') + '其他 ' + String(t.base) + plan.baseTail;
    empty = false;
  }
  const below = t.below > 0 ? String(t.below) + plan.belowTail : '';
  const assumed = t.assumed > 0 ? String(t.assumed) + plan.assumedTail : '';
  const tail = below === '' && assumed === '' ? '' : '（' + below + (below !== '' && assumed !== '' ? '；' : '') + assumed + '）';
  if (empty) return head + tail + ' → 0.00';
  return text + ' = ' + score(ev.rawH) + capTail(plan.row, ev.rawH) + tail;
}


function judgedText(t: Trace<'judged'>, ev: RowEval): string {
  const proposal = t.proposedH === null ? '' : `（自评建议 ${pts(t.proposedH)} 分，仅供参考，不计入）`;
  if (t.method === 'panel') {
    return t.panelH === null ? `尚无评审组评分，暂计 0.00${proposal}` : `评审组评分 ${pts(t.panelH)} → ${score(t.panelH)}${proposal}`;
  }
  const unusedPanel = t.panelH === null ? '' : `（评审组评分 ${pts(t.panelH)} 未采用：本方案取专家评分平均值）`;
  const all = t.scoresH;
  const count = t.scoreCount;
  if (count === 0) return `尚无专家评分，暂计 0.00${unusedPanel}${proposal}`;
  if (count === 1) return `专家评分 ${pts(all[0] ?? 0)} → ${score(ev.rawH)}${proposal}`;
  // One pass over the scores writes the list ("4.5、3、5") straight into the text and
  // builds the sum of those used ("4.5 + 3"): all of them, or all but the first occurrence
  // of the highest, then of the lowest. Appending to the long text makes each step a cheap
  // cons; joining short pieces first would copy them.
  const hi = t.trimmed ? t.hi : Number.NaN;
  const lo = t.trimmed ? t.lo : Number.NaN;
  let text = '专家评分 ';
  let used = '';
  let hiDropped = false;
  let loDropped = false;
  for (let i = 0; i < count; i++) {
    const x = all[i] ?? 0;
    const p = pts(x);
    text = i === 0 ? text + p : text + '、' + p;
    if (!hiDropped && x === hi) hiDropped = true;
    else if (!loDropped && x === lo) loDropped = true;
    else used = used === '' ? p : used + ' + ' + p;
  }
  if (!t.trimmed) return text + '，(' + used + ') ÷ ' + String(count) + ' = ' + score(ev.rawH) + '（四舍五入到 0.01）' + proposal;
  return text + '，去掉最高 ' + pts(hi) + '、最低 ' + pts(lo) + '，(' + used + ') ÷ ' + String(count - 2) + ' = ' + score(ev.rawH) + '（四舍五入到 0.01）' + proposal;
}

export function explainRow(ev: RowEval): string {
  const t = ev.trace;
  switch (t.kind) {
    case 'volume':
      return volumeText(t, ev);
    case 'events_attendance':
      return attendanceText(t, ev);
    case 'events_leader':
      return leaderText(t, ev);
    case 'judged':
      return judgedText(t, ev);
    case 'tier':
      return t.plan.texts[t.index] ?? NOT_REPORTED;
    case 'deduction':
      if (t.count === 0) return ev.missing ? NOT_REPORTED : '未发生 → 0.00';
      return String(t.count) + t.plan.mid + score(-ev.rawH) + ' → ' + score(ev.rawH);
  }
}
