import type { Executor } from '../../db/client.js';
import { GENESIS_HASH, type ChainName } from './chain.js';
import { chainHead, chainPage } from './repository.js';

export type BrokenKind = 'missing' | 'link' | 'content' | 'unsealed' | 'head';

export interface ChainReport {
  chain: ChainName;
  ok: boolean;
  /** Rows checked and found linked, from seq 1 up to the first broken one. */
  count: number;
  /** The last row's hash: note it down; a later verify ending elsewhere shows rows rewritten since. */
  headHash: string;
  broken: { seq: number; at: string | null; kind: BrokenKind; message: string } | null;
}

const chainLabel: Record<ChainName, string> = { audit: '审计日志', login: '登录日志' };

/** Walks the chain from seq 1 and stops at the first broken link. */
export async function verifyChain(db: Executor, chain: ChainName, pageSize = 2000): Promise<ChainReport> {
  const label = chainLabel[chain];
  let hash = GENESIS_HASH;
  let last = 0;
  const fail = (seq: number, at: Date | null, kind: BrokenKind, message: string): ChainReport =>
    ({ chain, ok: false, count: last, headHash: hash, broken: { seq, at: at?.toISOString() ?? null, kind, message } });
  for (;;) {
    const page = await chainPage(db, chain, last, pageSize);
    if (page.length === 0) break;
    for (const link of page) {
      const seq = last + 1;
      if (link.seq !== seq) return fail(seq, null, 'missing', `${label}缺少第 ${seq} 条（至第 ${link.seq - 1} 条），记录被删除`);
      if (link.hash === null) return fail(seq, link.at, 'unsealed', `${label}第 ${seq} 条没有哈希（旧记录尚未封存，请以数据库所有者执行 hrsp migrate）`);
      if (link.prevHash !== hash) {
        return fail(seq, link.at, 'link', `${label}第 ${seq} 条记录的前序哈希与第 ${seq - 1} 条不符：前一条记录被改写或替换（存 ${link.prevHash ?? '空'}，应为 ${hash}）`);
      }
      const expected = link.computed(hash);
      if (expected !== link.hash) {
        return fail(seq, link.at, 'content', `${label}第 ${seq} 条记录的内容与其哈希不符：该记录被修改（存 ${link.hash}，按内容计算为 ${expected}）`);
      }
      hash = link.hash;
      last = seq;
    }
  }
  const head = await chainHead(db, chain);
  if (!head || head.seq !== last || head.hash !== hash) {
    return fail(last + 1, null, 'head', `${label}链头记录第 ${head?.seq ?? '?'} 条，但表中只连续到第 ${last} 条：末尾的记录被删除，或链头被改动`);
  }
  return { chain, ok: true, count: last, headHash: hash, broken: null };
}
