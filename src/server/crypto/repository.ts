import { getTableName, sql, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { platforms, publicityObjections, recognitionApplications, users } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';

/**
 * Every sealed column (personal data at rest). These queries read and write the stored text as it is
 * (no Drizzle value mapping): sealing, rotation and the key check work on the ciphertext itself.
 */
export interface SealedColumn {
  label: string;
  table: PgTable;
  column: Column;
}

export const sealedColumns: readonly SealedColumn[] = [
  { label: 'users.phone', table: users, column: users.phone },
  { label: 'users.totp_secret', table: users, column: users.totpSecret },
  { label: 'users.totp_pending_secret', table: users, column: users.totpPendingSecret },
  { label: 'platforms.contact_name', table: platforms, column: platforms.contactName },
  { label: 'platforms.contact_phone', table: platforms, column: platforms.contactPhone },
  { label: 'recognition_applications.contact_name', table: recognitionApplications, column: recognitionApplications.contactName },
  { label: 'recognition_applications.contact_phone', table: recognitionApplications, column: recognitionApplications.contactPhone },
  { label: 'publicity_objections.objector_name', table: publicityObjections, column: publicityObjections.objectorName },
  { label: 'publicity_objections.objector_phone', table: publicityObjections, column: publicityObjections.objectorPhone },
  { label: 'publicity_objections.objector_email', table: publicityObjections, column: publicityObjections.objectorEmail },
];

const ref = (c: SealedColumn) => ({ table: sql.identifier(getTableName(c.table)), column: sql.identifier(c.column.name) });

/** Stored values not sealed with `version` (null: not sealed at all, i.e. plaintext), with their row id. */
export async function valuesNotSealedWith(db: Executor, c: SealedColumn, version: number | null): Promise<{ id: string; value: string }[]> {
  const { table, column } = ref(c);
  const pattern = version === null ? '^v[0-9]+:' : `^v${version}:`;
  const result = await db.execute<{ id: string; value: string }>(sql`
    select id::text as id, ${column} as value from ${table} where ${column} is not null and ${column} !~ ${pattern} order by id`);
  return result.rows;
}

/** Replaces a stored value only if it is still `from`: a concurrent edit wins over the re-seal. */
export async function replaceStored(db: Executor, c: SealedColumn, id: string, from: string, to: string): Promise<boolean> {
  const { table, column } = ref(c);
  const result = await db.execute(sql`update ${table} set ${column} = ${to} where id = ${id}::uuid and ${column} = ${from}`);
  return result.rowCount === 1;
}

/** One stored value per key version in use, to check the key ring against the data at start. */
export async function onePerKeyVersion(db: Executor, c: SealedColumn): Promise<{ version: number; value: string }[]> {
  const { table, column } = ref(c);
  const result = await db.execute<{ version: string; value: string }>(sql`
    select distinct on (v) v as version, value from (
      select substring(${column} from '^v([0-9]+):') as v, ${column} as value from ${table} where ${column} ~ '^v[0-9]+:'
    ) s order by v`);
  return result.rows.map((r) => ({ version: Number(r.version), value: r.value }));
}
