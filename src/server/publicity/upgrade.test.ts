import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useDatabaseBefore } from '../../../test/upgrade.js';

/**
 * A deployment upgrading to notices that list items: each existing notice published one
 * application, so it gets that application as its single item, and its objections point to it.
 */
const upgrade = useDatabaseBefore('notice_items');
const query = <T extends object>(sql: string, args: unknown[] = []) => upgrade.database.pool.query<T & Record<string, unknown>>(sql, args);

describe('upgrading notices to listed items', () => {
  it('makes each old notice list its one subject and ties its objections to that item', async () => {
    const subject = crypto.randomUUID();
    const { rows: [notice] } = await query<{ id: string }>(`insert into publicity_notices
      (subject_type, subject_id, title, posted_on, days, first_day, last_day, decision_from)
      values ('recognition_application', $1, '关于拟认定某平台的公示', '2025-09-27', 5, '2025-09-28', '2025-10-09', '2025-10-10') returning id`, [subject]);
    await query(`insert into publicity_objections (notice_id, received_on, summary) values ($1, '2025-09-29', '营业收入有误')`, [notice?.id]);
    await upgrade.migrateToLatest();

    const items = await query<{ id: string; subject_id: string; title: string; position: number }>('select id, subject_id, title, position from publicity_notice_items');
    expect(items.rows).toEqual([{ id: expect.any(String), subject_id: subject, title: '关于拟认定某平台的公示', position: 1 }]);
    const objections = await query<{ item_id: string }>('select item_id from publicity_objections');
    expect(objections.rows).toEqual([{ item_id: items.rows[0]?.id }]);
  });
});
