import type pg from 'pg';

/** One platform-year of platform_year_figures, every value as text. */
export type SummaryRow = [platformId: string, year: number, enterprises: string, aboveScale: string, revenue: string, tax: string, served: string, placed: string];

const num = (v: unknown): bigint => (typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : typeof v === 'string' && /^\d+$/.test(v) ? BigInt(v) : 0n);
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v)) : {});
const people = (data: Record<string, unknown>, field: string): bigint => {
  const f = obj(data[field]);
  return num(f.bachelorOrBelow) + num(f.postgraduate) + num(f.talentCard) + num(f.academician);
};

/**
 * The whole summary as it should be, recomputed here in JS from the source tables (not by the
 * triggers' SQL): residents at year end whose code does not wait for a reviewer, 规模以上 flags,
 * revenue and tax, people served / placed by the platform's type; a row for every platform-year with
 * a counted resident or year data. Sorted like `summaryRows`.
 */
export async function expectedSummary(pool: pg.Pool): Promise<SummaryRow[]> {
  const types = new Map((await pool.query<{ id: string; type: string }>('select id, type from platforms')).rows.map((r) => [r.id, r.type]));
  const waiting = new Set((await pool.query<{ id: string; o: string | null; a: string | null }>('select id, uscc_override_reason o, uscc_accepted_reason a from enterprises')).rows
    .filter((r) => r.o !== null && r.o !== r.a).map((r) => r.id));
  const above = new Set((await pool.query<{ e: string; y: number }>('select enterprise_id e, year y from enterprise_years where above_scale')).rows.map((r) => `${r.e}:${r.y}`));
  const acc = new Map<string, { p: string; y: number; ent: bigint; above: bigint; rev: bigint; tax: bigint; served: bigint; placed: bigint }>();
  const at = (p: string, y: number) => {
    const k = `${p}:${y}`;
    const row = acc.get(k) ?? { p, y, ent: 0n, above: 0n, rev: 0n, tax: 0n, served: 0n, placed: 0n };
    acc.set(k, row);
    return row;
  };
  const res = await pool.query<{ p: string; e: string; y: number; entry: string | null; exit: string | null; rev: string; tax: string }>(
    `select platform_id p, enterprise_id e, year y, entry_date::text entry, exit_date::text exit, revenue_yuan::text rev, tax_yuan::text tax from residences`);
  for (const r of res.rows) {
    const yearEnd = `${r.y}-12-31`;
    if ((r.entry !== null && r.entry > yearEnd) || (r.exit !== null && r.exit <= yearEnd) || waiting.has(r.e)) continue;
    const row = at(r.p, r.y);
    row.ent += 1n;
    if (above.has(`${r.e}:${r.y}`)) row.above += 1n;
    row.rev += BigInt(r.rev);
    row.tax += BigInt(r.tax);
  }
  for (const d of (await pool.query<{ p: string; y: number; data: unknown }>('select platform_id p, year y, data from platform_year_data')).rows) {
    const data = obj(d.data);
    const row = at(d.p, d.y);
    switch (types.get(d.p)) {
      case 'specialized_market': row.served = people(data, 'personTimesServed'); row.placed = people(data, 'placedInChongqing'); break;
      case 'specialized_park': row.served = people(data, 'serviceLineTalentServed'); row.placed = people(data, 'industryTalentSupplied'); break;
      default: row.served = 0n; row.placed = num(data.jobsPromoted);
    }
  }
  return [...acc.values()]
    .map((r): SummaryRow => [r.p, r.y, String(r.ent), String(r.above), String(r.rev), String(r.tax), String(r.served), String(r.placed)])
    .sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1));
}

/** The summary table as stored. */
export async function summaryRows(pool: pg.Pool): Promise<SummaryRow[]> {
  const rows = await pool.query<{ p: string; y: number; e: string; a: string; r: string; t: string; s: string; pl: string }>(
    `select platform_id::text p, year y, enterprises::text e, above_scale::text a, revenue_yuan::text r, tax_yuan::text t, served::text s, placed::text pl
     from platform_year_figures order by platform_id::text collate "C", year`);
  return rows.rows.map((r): SummaryRow => [r.p, r.y, r.e, r.a, r.r, r.t, r.s, r.pl]);
}
