import { sql } from 'drizzle-orm';
import { z } from 'zod';

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** One page of a list: the repository's rows and total, each row shaped for the response. */
export function toPage<R, T>(result: { rows: R[]; total: number }, q: { page: number; pageSize: number }, shape: (row: R) => T): Page<T> {
  return { items: result.rows.map(shape), total: result.total, page: q.page, pageSize: q.pageSize };
}

/**
 * A page and the list's total, asked for together: the total by a count of its own rather than
 * `count(*) over()`, which makes PostgreSQL build every matching row (with all its columns and
 * subqueries) before it can keep the page; the page then stops at its LIMIT. The total stays
 * exact, also on a page past the end.
 */
export async function pageAndTotal<R>(rows: Promise<R[]>, count: Promise<{ n: number }[]>): Promise<{ rows: R[]; total: number }> {
  const [page, counted] = await Promise.all([rows, count]);
  return { rows: page, total: counted[0]?.n ?? 0 };
}

/** What a list route's API description says of its `total`. */
export const EXACT_TOTAL_NOTE = '合计（total）为精确值：按范围和筛选条件单独计数，每页都重新计数。';

/** The select list of a list's count (`pageAndTotal`). */
export const countColumn = { n: sql<number>`count(*)`.mapWith(Number) };

export function offsetOf(q: { page: number; pageSize: number }): number {
  return (q.page - 1) * q.pageSize;
}

/** Masks a person's name for the audit log, which keeps it for good: 陈晓东 → 陈**. */
export function maskName(name: string | null): string | null {
  if (name === null) return null;
  const chars = Array.from(new Intl.Segmenter('zh').segment(name), (s) => s.segment);
  return `${chars[0] ?? ''}${'*'.repeat(Math.max(chars.length - 1, 1))}`;
}

/** Masks the middle of a phone number for lists: 13812345678 → 138****5678. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  if (phone.length <= 7) return phone.replace(/.(?=.{2})/g, '*');
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** LIKE pattern for a keyword, with the wildcard characters escaped. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
