import { customType } from 'drizzle-orm/pg-core';
import { AppError } from '../errors.js';
import { FieldKeyError, fieldKeys, openField, sealField } from './field-keys.js';

/**
 * A text column holding personal data SM4-sealed as `v<key version>:<base64>`. Encryption happens in
 * Drizzle's value mapping, so every repository reads and writes plaintext and services, masking and
 * the API are unchanged. Such a column cannot be compared or sorted in SQL (each seal is random).
 */
export const sealedText = customType<{ data: string; driverData: string }>({
  dataType() {
    return 'text';
  },
  toDriver(value) {
    return sealField(fieldKeys(), value);
  },
  fromDriver(value) {
    try {
      return openField(fieldKeys(), value);
    } catch (e) {
      if (e instanceof FieldKeyError) throw new AppError('FIELD_KEY_MISMATCH', 500, `${e.message}；请检查密钥文件（HRSP_SECRET_KEY_FILE；内嵌数据库默认为数据目录下的 secret.key）`);
      throw e;
    }
  },
});
