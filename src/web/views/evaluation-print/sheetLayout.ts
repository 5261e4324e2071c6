/**
 * The printed 附表 layout of one platform's sheet: 一级指标 spanning its rows, a 选其一 pair sharing its cap,
 * the 评分标准 of the scheme the campaign adopted.
 */
import type { ScoreSheet } from '../../../domain/rules/score-sheet';
import type { ScoreScheme, ScoreTable } from '../../../domain/rules/scheme-types';

export interface PrintRow {
  code: string;
  group: string;
  /** Rows the 一级指标 cell spans; 0 where the row above's cell covers it. */
  groupSpan: number;
  name: string;
  criteria: string | null;
  cap: string;
  capSpan: number;
  score: string;
  reviewed: string | null;
  explanation: string;
  counted: boolean;
}

export function tableOf(scheme: ScoreScheme | null, sheet: ScoreSheet): ScoreTable | null {
  return scheme?.tables[sheet.type] ?? null;
}

export function printRows(sheet: ScoreSheet, table: ScoreTable | null, reviewed: ScoreSheet | null): PrintRow[] {
  const byCode = new Map((table?.rows ?? []).map((r) => [r.code, r]));
  const reviewedScores = new Map((reviewed?.rows ?? []).map((r) => [r.code, r.score]));
  const pairFirst = new Map((table?.pairs ?? []).map((p) => [p.rows[0], p.rows[1]]));
  const pairSecond = new Set((table?.pairs ?? []).map((p) => p.rows[1]));
  const rows = sheet.rows;
  return rows.map((r, i) => {
    const first = i === 0 || rows[i - 1]?.group !== r.group;
    let groupSpan = 0;
    if (first) {
      groupSpan = 1;
      while (rows[i + groupSpan]?.group === r.group) groupSpan++;
    }
    const partner = pairFirst.get(r.code);
    const capSpan = partner !== undefined && rows[i + 1]?.code === partner ? 2 : pairSecond.has(r.code) && rows[i - 1] !== undefined && pairFirst.get(rows[i - 1]?.code ?? '') === r.code ? 0 : 1;
    return {
      code: r.code, group: r.group, groupSpan, name: r.name, criteria: byCode.get(r.code)?.criteria ?? null,
      // The scheme writes caps as the measures do (10, not 10.00).
      cap: (byCode.get(r.code)?.cap ?? r.cap) ?? '—', capSpan,
      score: r.score, reviewed: reviewedScores.get(r.code) ?? null, explanation: r.explanation, counted: r.counted,
    };
  });
}

/** 「…绩效评估评分表」 → 「…绩效评估自评报告」. */
export const reportTitle = (sheetTitle: string): string => `${sheetTitle.replace(/评分表$/, '')}自评报告`;
