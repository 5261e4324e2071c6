import type { CliCommand } from '../command.js';
import { loadConfig } from '../../config.js';
import { checkFieldKeys, rotateFieldKey } from '../../server/crypto/service.js';
import { signPublishedResults } from '../../server/evaluations/5-publication/service.js';
import { cliDatabase } from './database.js';

/**
 * Key rotation: add a line `v<N+1>:<new key>` to the key file, restart, run this, then remove the old
 * line. Re-running it changes nothing.
 */
export const rotateKeyCommand: CliCommand = {
  name: 'rotate-key',
  summary: 'rotate-key — 用当前（版本号最高的）密钥重新加密全部个人信息，并重签已公布结果的校验码',
  async run() {
    const db = await cliDatabase(loadConfig());
    try {
      await checkFieldKeys(db.db);
      const r = await rotateFieldKey(db.db);
      const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
      console.log(`已用密钥 v${r.keyVersion} 重新加密 ${total} 项个人信息（${Object.entries(r.counts).map(([k, n]) => `${k} ${n}`).join('，')}）。`);
      const results = await signPublishedResults(db.db, true);
      if (results.signed.length > 0) console.log(`已用密钥 v${r.keyVersion} 重签评估结果校验码：${results.signed.join('、')} 年度。`);
      if (results.refused.length > 0) {
        console.error(`未重签（结果与原校验码不符，请先用 verify-results 核查）：${results.refused.join('、')} 年度。旧密钥须保留。`);
        return 1;
      }
      return 0;
    } finally {
      await db.shutdown();
    }
  },
};
