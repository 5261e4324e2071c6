import type { CliCommand } from '../command.js';
import { loadConfig } from '../../config.js';
import type { ChainName } from '../../server/audit/chain.js';
import { verifyChain, type ChainReport } from '../../server/audit/verify.js';
import { cliDatabase } from './database.js';

const labels: Record<ChainName, string> = { audit: '审计日志', login: '登录日志' };

export function describeReport(r: ChainReport): string {
  if (r.ok) return `${labels[r.chain]}：完好，共 ${r.count} 条，链头哈希 ${r.headHash}`;
  const b = r.broken;
  return [
    `${labels[r.chain]}：哈希链断裂！前 ${r.count} 条完好。`,
    `  第一个断点：第 ${b?.seq ?? '?'} 条${b?.at ? `（${b.at}）` : ''}`,
    `  ${b?.message ?? ''}`,
  ].join('\n');
}

/** `hrsp audit verify`: walks both hash chains; exit code 1 when either is broken. */
export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'audit verify — 校验审计日志与登录日志的 SM3 哈希链，报告第一个断点',
  async run(argv) {
    if (argv[0] !== 'verify') {
      console.error('用法：hrsp audit verify');
      return 2;
    }
    const db = await cliDatabase(loadConfig());
    try {
      const reports = [await verifyChain(db.db, 'audit'), await verifyChain(db.db, 'login')];
      for (const r of reports) console.log(describeReport(r));
      return reports.every((r) => r.ok) ? 0 : 1;
    } finally {
      await db.shutdown();
    }
  },
};
