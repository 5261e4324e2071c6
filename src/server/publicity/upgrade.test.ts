import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { migrationsFolder } from '../../db/migrate.js';

/**
 * A deployment upgrading to notices that list items: each existing notice published one
 * application, so it gets that application as its single item, and its objections point to it.
 */
const name = `hrsp_up_${crypto.randomBytes(6).toString('hex')}`;
const adminUrl = inject('dbAdminUrl');
let client: pg.Client;

async function runSql(file: string): Promise<void> {
  for (const statement of fs.readFileSync(path.join(migrationsFolder, file), 'utf8').split('--> statement-breakpoint')) {
    if (statement.trim() !== '') await client.query(statement);
  }
}

const files = fs.readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort();
const itemsMigration = files.find((f) => f.endsWith('_notice_items.sql'));

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe('upgrading notices to listed items', () => {
  it('makes each old notice list its one subject and ties its objections to that item', async () => {
    expect(itemsMigration).toBeDefined();
    for (const f of files.slice(0, files.indexOf(itemsMigration ?? ''))) await runSql(f);
    const subject = crypto.randomUUID();
    const { rows: [notice] } = await client.query<{ id: string }>(`insert into publicity_notices
      (subject_type, subject_id, title, posted_on, days, first_day, last_day, decision_from)
      values ('recognition_application', $1, '关于拟认定某平台的公示', '2025-09-27', 5, '2025-09-28', '2025-10-09', '2025-10-10') returning id`, [subject]);
    await client.query(`insert into publicity_objections (notice_id, received_on, summary) values ($1, '2025-09-29', '营业收入有误')`, [notice?.id]);
    await runSql(itemsMigration ?? '');

    const items = await client.query<{ id: string; subject_id: string; title: string; position: number }>('select id, subject_id, title, position from publicity_notice_items');
    expect(items.rows).toEqual([{ id: expect.any(String), subject_id: subject, title: '关于拟认定某平台的公示', position: 1 }]);
    const objections = await client.query<{ item_id: string }>('select item_id from publicity_objections');
    expect(objections.rows).toEqual([{ item_id: items.rows[0]?.id }]);
  });
});
