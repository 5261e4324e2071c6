import type { Db } from '../../db/client.js';
import type { AuditAction } from '../../domain/labels/index.js';
import { auditSystem } from '../audit/audit.js';
import { FieldKeyError, fieldKeys, openField, sealField } from './field-keys.js';
import * as repo from './repository.js';

/**
 * Refuses to go on when the key ring cannot open what the database holds: one value per key version
 * and column is opened, so a wrong or missing key is named at start instead of failing per request.
 */
export async function checkFieldKeys(db: Db): Promise<void> {
  const keys = fieldKeys();
  for (const c of repo.sealedColumns) {
    for (const { value } of await repo.onePerKeyVersion(db, c)) {
      try {
        openField(keys, value);
      } catch (e) {
        if (e instanceof FieldKeyError) throw new FieldKeyError(`${e.message}（${c.label}）。请检查密钥文件（HRSP_SECRET_KEY_FILE；内嵌数据库默认为数据目录下的 secret.key）`);
        throw e;
      }
    }
  }
}

/**
 * Re-seals every stored value not sealed with `target`'s version: plaintext (null: only plaintext,
 * the start-up step for data written before encryption) or, for rotation, older key versions.
 * Idempotent: a second run finds nothing. Returns how many values per column were changed.
 */
async function reseal(db: Db, onlyPlaintext: boolean, action: AuditAction, username: string): Promise<Record<string, number>> {
  const keys = fieldKeys();
  return db.transaction(async (tx) => {
    const counts: Record<string, number> = {};
    for (const c of repo.sealedColumns) {
      let n = 0;
      for (const row of await repo.valuesNotSealedWith(tx, c, onlyPlaintext ? null : keys.current.version)) {
        if (await repo.replaceStored(tx, c, row.id, row.value, sealField(keys, openField(keys, row.value)))) n += 1;
      }
      counts[c.label] = n;
    }
    if (Object.values(counts).some((n) => n > 0)) {
      await auditSystem(tx, { action, entityType: 'field_encryption', username, summary: { keyVersion: keys.current.version, counts } });
    }
    return counts;
  });
}

/** At start (and `hrsp migrate`): seals personal data still stored in plaintext. */
export async function sealPlaintextFields(db: Db): Promise<Record<string, number>> {
  return reseal(db, true, 'crypto.seal_plaintext', 'system');
}

/** `hrsp rotate-key`: every sealed value re-encrypted with the current key version. */
export async function rotateFieldKey(db: Db): Promise<{ keyVersion: number; counts: Record<string, number> }> {
  const counts = await reseal(db, false, 'crypto.rotate_key', 'hrsp rotate-key');
  return { keyVersion: fieldKeys().current.version, counts };
}
