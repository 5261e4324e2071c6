const pad = (n: number) => String(n).padStart(2, '0');

/** ISO string → local "YYYY-MM-DD HH:mm"; empty values render as a dash. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
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
