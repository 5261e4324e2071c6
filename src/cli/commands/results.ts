import fs from 'node:fs';
import type { CliCommand } from '../command.js';
import { loadConfig } from '../../config.js';
import { installFieldKeys, loadFieldKeys } from '../../server/crypto/field-keys.js';
import { verifyPublishedResults, verifyResultsFile, type ResultsVerification } from '../../server/evaluations/5-publication/service.js';
import { cliDatabase } from './database.js';

function print(v: ResultsVerification): number {
  console.log(`${v.year} 年度评估结果：${v.ok ? '一致' : '不一致'}（${v.reason}）`);
  if (v.keyVersion !== null) console.log(`  密钥版本 v${v.keyVersion}`);
  if (v.expected !== null) console.log(`  校验码   ${v.expected}`);
  if (v.computed !== null && v.computed !== v.expected) console.log(`  重新计算 ${v.computed}`);
  return v.ok ? 0 : 1;
}

/**
 * `verify-results YEAR`: recomputes the published results' code from the database. `verify-results
 * FILE [--code HEX]`: checks a downloaded results.json against the code shown on the public page (or,
 * without --code, the one stored for its year). Exit code 1 on 不一致.
 */
export const verifyResultsCommand: CliCommand = {
  name: 'verify-results',
  summary: 'verify-results 年度|文件 [--code 校验码] — 核对已公布评估结果的校验码（SM3-HMAC），一致返回 0',
  async run(argv) {
    const [target, flag, code] = argv;
    if (!target || (flag !== undefined && (flag !== '--code' || !code))) {
      console.error('用法：hrsp verify-results 年度|results.json [--code 校验码]');
      return 2;
    }
    const config = loadConfig();
    if (/^\d{4}$/.test(target)) {
      const db = await cliDatabase(config);
      try {
        return print(await verifyPublishedResults(db.db, Number(target)));
      } finally {
        await db.shutdown();
      }
    }
    const text = fs.readFileSync(target, 'utf8');
    if (code) {
      installFieldKeys(loadFieldKeys(config));
      return print(await verifyResultsFile(null, text, code));
    }
    const db = await cliDatabase(config);
    try {
      return print(await verifyResultsFile(db.db, text, null));
    } finally {
      await db.shutdown();
    }
  },
};
