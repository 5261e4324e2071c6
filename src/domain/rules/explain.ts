/** Chinese explanations that show each row's arithmetic, read off the evaluation trace. */
import { formatScaled, groupThousands } from '../shared/decimal.js';
import type { CRow } from './compile.js';
import type { LeafTrace, RowEval, TermTrace } from './evaluate.js';
import { capSuffix, effText, placesOf, pts, qty, score } from './format.js';

function termText(t: TermTrace, unitLabel: string, withLabel: boolean, factorText: string): string {
  const head = `${withLabel ? `${t.label} ` : ''}${qty(t.valueS, t.scale, unitLabel)}`;
  switch (t.mode) {
    case 'plain':
      return `${head} × ${pts(t.pointsH)}`;
    case 'floor':
      return `${head} ÷ ${effText(t.eff, unitLabel)} 取整 ${t.n} × ${pts(t.pointsH)}`;
    case 'proportional':
      return `${head} × ${pts(t.pointsH)} ÷ ${factorText}`;
  }
}

function leafText(p: LeafTrace, factorText: string): string {
  if (p.kind === 'above') {
    const l = p.leaf.kind === 'above_base' ? p.leaf : null;
    const unit = l?.unitLabel ?? '';
    const head = `${p.label} ${qty(p.valueS, p.scale, unit)}`;
    const baseText = effText(p.base, unit);
    if (p.below) return `${head}，未达 ${baseText} → 0`;
    // The excess v − base, written exactly with a common power-of-ten denominator.
    const places = Math.max(p.scale, placesOf(p.base.den));
    const excess = p.valueS * 10 ** (places - p.scale) - p.base.num * 10 ** (places - placesOf(p.base.den));
    return `${head}，超出 ${baseText}的部分 ${groupThousands(formatScaled(excess, places))} ${unit} ÷ ${effText(p.step, unit)} 取整 ${p.n} × ${pts(p.pointsH)}`;
  }
  const l = p.leaf;
  if (l.kind === 'above_base') return '';
  const multi = l.kind === 'categories';
  const shown = multi ? p.terms.filter((t) => t.valueS > 0) : p.terms;
  const prefix = p.label === '' ? '' : `${p.label} `;
  if (shown.length === 0) return `${prefix}0 ${l.unitLabel} → 0`;
  const premiumNote = l.kind === 'categories' && l.premium !== null && l.premium.additional
    ? `（${l.terms[l.premium.base]?.label ?? ''}含${l.terms[l.premium.premium]?.label ?? ''}）` : '';
  return `${prefix}${shown.map((t) => termText(t, l.unitLabel, multi, factorText)).join(' + ')}${premiumNote}`;
}

function listH(xs: readonly number[]): string {
  return xs.map((x) => pts(x)).join('、');
}

function totalText(rawH: number, capH: number | null): string {
  return `= ${score(rawH)}${capSuffix(rawH, capH)}`;
}

export function explainRow(row: CRow, ev: RowEval, factorText: string): string {
  const rule = row.rule;
  const t = ev.trace;
  const capH = row.capH;
  switch (t.kind) {
    case 'volume': {
      if (t.parts.length === 0) return '未填报 → 0.00';
      const proportional = t.parts.some((p) => p.kind === 'terms' && p.terms.some((x) => x.mode === 'proportional' && x.valueS > 0));
      const note = proportional ? '（按比例折算，四舍五入到 0.01）' : '';
      if (t.parts.length === 1 && rule.kind !== 'sum') {
        const [only] = t.parts;
        return only === undefined ? '' : `${leafText(only, factorText)} ${totalText(ev.rawH, capH)}${note}`;
      }
      const parts = t.parts.map((p) => `${leafText(p, factorText)} = ${score(p.scoreH)}`);
      return `${parts.join('；')}；合计 ${score(ev.rawH)}${capSuffix(ev.rawH, capH)}${note}`;
    }
    case 'events_attendance': {
      if (rule.kind !== 'events_attendance') return '';
      if (ev.missing) return '未填报 → 0.00';
      const terms = rule.tiers.flatMap((tier, i) => {
        const c = t.counts[i] ?? 0;
        return c > 0 ? [`参会超过 ${tier.over} 人 ${c} 场 × ${pts(tier.pointsH)}`] : [];
      });
      const rest = t.rest > 0 ? `（${t.rest} 场参会未超过 ${rule.tiers[rule.tiers.length - 1]?.over ?? 0} 人，不计分）` : '';
      if (terms.length === 0) return `共 ${t.total} 场${rest} → 0.00`;
      return `共 ${t.total} 场：${terms.join(' + ')} ${totalText(ev.rawH, capH)}${rest}`;
    }
    case 'events_leader': {
      if (rule.kind !== 'events_leader') return '';
      if (ev.missing) return '未填报 → 0.00';
      const terms = rule.tiers.flatMap((tier, i) => {
        const c = t.counts[i] ?? 0;
        return c > 0 ? [`${tier.label} ${c} 场 × ${pts(tier.pointsH)}`] : [];
      });
      if (t.base > 0) terms.push(`其他 ${t.base} 场 × ${pts(rule.baseH)}`);
      const notes: string[] = [];
      if (t.below > 0) notes.push(`${t.below} 场参会不足 ${rule.minAttendance} 人，不计分`);
      if (t.assumed > 0) notes.push(`${t.assumed} 场未填参会人数，按已达 ${rule.minAttendance} 人计`);
      const tail = notes.length > 0 ? `（${notes.join('；')}）` : '';
      if (terms.length === 0) return `共 ${t.total} 场${tail} → 0.00`;
      return `共 ${t.total} 场：${terms.join(' + ')} ${totalText(ev.rawH, capH)}${tail}`;
    }
    case 'judged': {
      const proposal = t.proposedH === null ? '' : `（自评建议 ${pts(t.proposedH)} 分，仅供参考，不计入）`;
      if (t.method === 'panel') {
        return t.panelH === null ? `尚无评审组评分，暂计 0.00${proposal}` : `评审组评分 ${pts(t.panelH)} → ${score(t.panelH)}${proposal}`;
      }
      const unusedPanel = t.panelH === null ? '' : `（评审组评分 ${pts(t.panelH)} 未采用：本方案取专家评分平均值）`;
      if (t.scoresH.length === 0) return `尚无专家评分，暂计 0.00${unusedPanel}${proposal}`;
      if (t.scoresH.length === 1) return `专家评分 ${listH(t.scoresH)} → ${score(ev.rawH)}${proposal}`;
      let used: number[] = [...t.scoresH];
      let dropped = '';
      if (t.dropped !== null) {
        const [hi, lo] = t.dropped;
        used.splice(used.indexOf(hi), 1);
        used.splice(used.indexOf(lo), 1);
        dropped = `，去掉最高 ${pts(hi)}、最低 ${pts(lo)}`;
      } else used = [...t.scoresH];
      return `专家评分 ${listH(t.scoresH)}${dropped}，(${used.map((x) => pts(x)).join(' + ')}) ÷ ${used.length} = ${score(ev.rawH)}（四舍五入到 0.01）${proposal}`;
    }
    case 'tier': {
      if (rule.kind !== 'tier') return '';
      const tier = rule.tiers[t.index];
      return tier === undefined ? '未填报 → 0.00' : `${tier.label} → ${score(tier.pointsH)}`;
    }
    case 'deduction': {
      if (t.count === 0) return ev.missing ? '未填报 → 0.00' : '未发生 → 0.00';
      const unit = rule.kind === 'deduction' ? rule.unitLabel : '次';
      return `${t.count} ${unit} × ${pts(t.pointsH)} 分，扣 ${score(-ev.rawH)} → ${score(ev.rawH)}`;
    }
  }
}
