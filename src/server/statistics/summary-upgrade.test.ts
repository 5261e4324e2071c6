import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import { migrationsFolder } from '../../db/migrate.js';
import { seedReference } from '../bootstrap/reference.js';
import { installFieldKeys } from '../crypto/field-keys.js';
import { testFieldKeys } from '../../../test/keys.js';
import { makeEnterprise, makePlatform, makeResidence, makeYearData } from '../../../test/factories.js';
import { expectedSummary, summaryRows } from '../../../test/figures-summary.js';

/**
 * An existing deployment upgrading: its residences and year data were written before the summary
 * table's triggers. The triggers' migration fills the table, and writes after it keep it equal.
 */
const name = `hrsp_up_${crypto.randomBytes(6).toString('hex')}`;
const adminUrl = inject('dbAdminUrl');
let database: Database;

async function runSql(file: string): Promise<void> {
  for (const statement of fs.readFileSync(path.join(migrationsFolder, file), 'utf8').split('--> statement-breakpoint')) {
    if (statement.trim() !== '') await database.pool.query(statement);
  }
}

const files = fs.readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort();
const triggers = files.find((f) => f.endsWith('_statistics_summary_triggers.sql'));

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  installFieldKeys(testFieldKeys);
  database = openDatabase(url.toString(), 2);
});
afterAll(async () => {
  await database.close();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe('upgrading a database with residences and year data', () => {
  it('fills the per-platform-year summary from the existing rows, and keeps it after', async () => {
    expect(triggers).toBeDefined();
    for (const f of files.slice(0, files.indexOf(triggers ?? ''))) await runSql(f);
    const db = database.db;
    await seedReference(db);
    const park = await makePlatform(db, { districtCode: '500107', type: 'comprehensive_park' });
    const market = await makePlatform(db, { districtCode: '500101', type: 'specialized_market' });
    const waiting = await makeEnterprise(db);
    await database.pool.query(`update enterprises set uscc_override_reason = '待核实' where id = $1`, [waiting.id]);
    for (const year of [2024, 2025]) {
      for (const p of [park, market]) {
        await makeResidence(db, { platformId: p, year, aboveScale: true, revenueYuan: 3_000_000, taxYuan: 30_000 });
        await makeResidence(db, { platformId: p, year, revenueYuan: 1_000_000, exitDate: `${year}-03-01` });
      }
      await makeResidence(db, { platformId: park, enterpriseId: waiting.id, year, revenueYuan: 9_000_000 });
    }
    await makeYearData(db, market, 2025, { personTimesServed: { bachelorOrBelow: 500 }, placedInChongqing: { postgraduate: 40 } });
    await makeYearData(db, park, 2023, { jobsPromoted: 77 });
    expect(await summaryRows(database.pool)).toEqual([]);

    await runSql(triggers ?? '');
    const filled = await summaryRows(database.pool);
    expect(filled).toHaveLength(5);
    expect(filled).toEqual(await expectedSummary(database.pool));
    expect(filled.find((r) => r[0] === park && r[1] === 2025)?.slice(2)).toEqual(['1', '1', '3000000', '30000', '0', '0']);

    await makeResidence(db, { platformId: market, year: 2025, revenueYuan: 500 });
    expect(await summaryRows(database.pool)).toEqual(await expectedSummary(database.pool));
  });
});
