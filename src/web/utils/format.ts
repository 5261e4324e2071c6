// Times are shown, and days counted, in China time (Asia/Shanghai) as the server counts them
// (src/server/clock.ts), whatever the time zone of the browser's clock.
const chinaDateTime = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** ISO string → "YYYY-MM-DD HH:mm" in China time; empty values render as a dash. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return chinaDateTime.format(d);
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? formatDateTime(iso).slice(0, 10) : '—';
}

/**
 * A date-range picker value → ISO bounds covering whole local days,
 * so "to 3月5日" includes everything that happened on March 5.
 */
export function dayRangeToIso(range: [Date, Date] | null | undefined): { from?: string; to?: string } {
  if (!range) return {};
  const [start, end] = range;
  const from = new Date(start.getFullYear(), start.getMonth(), start.getDate());
  const to = new Date(end.getFullYear(), end.getMonth(), end.getDate() + 1, 0, 0, 0, -1);
  return { from: from.toISOString(), to: to.toISOString() };
}

export function isFuture(iso: string | null | undefined): boolean {
  return !!iso && new Date(iso).getTime() > Date.now();
}

const grouped = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

/** Whole yuan with thousands separators: 12,345,678. */
export function formatYuan(yuan: number | string | null | undefined): string {
  if (yuan === null || yuan === undefined || yuan === '') return '—';
  const n = typeof yuan === 'string' ? Number(yuan) : yuan;
  return Number.isFinite(n) ? grouped.format(n) : String(yuan);
}

/** The same amount in 万元, as a reading aid next to yuan figures: 约 1,234.57 万元. */
export function wanYuanHint(yuan: number | string | null | undefined): string {
  if (yuan === null || yuan === undefined || yuan === '') return '';
  const n = typeof yuan === 'string' ? Number(yuan) : yuan;
  if (!Number.isFinite(n) || n < 10_000) return '';
  return `约 ${grouped.format(n / 10_000)} 万元`;
}

/** m² with separators and up to two decimals. */
export function formatArea(m2: number | string | null | undefined): string {
  if (m2 === null || m2 === undefined || m2 === '') return '—';
  const n = typeof m2 === 'string' ? Number(m2) : m2;
  return Number.isFinite(n) ? grouped.format(n) : String(m2);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const chinaDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' });

/**
 * Today in China (Asia/Shanghai) as 'YYYY-MM-DD', the day the server judges dates by (src/server/clock.ts):
 * a browser whose clock runs in another time zone would otherwise default a form to a day the
 * server calls yesterday or tomorrow (a reply dated before its decision, between 00:00 and 08:00).
 */
export function todayIso(at: Date = new Date()): string {
  return chinaDate.format(at);
}
