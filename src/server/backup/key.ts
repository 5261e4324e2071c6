import fs from 'node:fs';

/**
 * The backup key: 32 random bytes in the file named by HRSP_BACKUP_KEY_FILE, written as 64 hex
 * digits or as base64 (44 characters), e.g. `openssl rand -hex 32 > /etc/hrsp/backup.key`.
 */
export function loadBackupKey(file: string | null): Buffer | null {
  if (file === null) return null;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch {
    throw new Error(`无法读取备份密钥文件 ${file}（HRSP_BACKUP_KEY_FILE）`);
  }
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/]{43}=$/.test(text)) return Buffer.from(text, 'base64');
  throw new Error(`备份密钥文件 ${file} 的内容须为 32 字节随机数的十六进制（64 位）或 base64（44 位）写法，例如 openssl rand -hex 32`);
}
