/**
 * What the published results propose (Art 32 (二) removal, Art 33 direct recognition), confirmed or
 * rejected by the bureau. Confirming changes the platform's status through the registry's transition
 * table (src/domain/platforms/lifecycle.ts), in the same transaction as the decision and its audit rows.
 */
import type { Db } from '../../../db/client.js';
import { checkTransition } from '../../../domain/platforms/lifecycle.js';
import { audit } from '../../audit/audit.js';
import { todayIso } from '../../clock.js';
import type { RequestContext } from '../../context.js';
import { errors } from '../../errors.js';
import { applyStatusChange } from '../../platforms/status.js';
import { loadCampaign } from '../4-panel/service.js';
import * as repo from '../4-panel/repository.js';
import type { ProposalRow } from '../4-panel/schema.js';

const KIND_TEXT = { removal: '不再纳入市级平台管理', promotion: '直接认定为市级平台' } as const;

function toRow(p: repo.ProposalRecord): ProposalRow {
  const { recognizedAt: _r, districtCode: _d, ...rest } = p;
  return { ...rest, decidedAt: p.decidedAt?.toISOString() ?? null };
}

export async function listProposals(db: Db, evaluationId: string): Promise<ProposalRow[]> {
  await loadCampaign(db, evaluationId);
  return (await repo.listProposals(db, evaluationId)).map(toRow);
}

async function loadOpen(db: Db, id: string): Promise<repo.ProposalRecord> {
  const p = await repo.findProposal(db, id);
  if (!p) throw errors.notFound('评估结果运用建议');
  if (p.status !== 'proposed') throw errors.conflict(`该建议已${p.status === 'confirmed' ? '确认' : '驳回'}，不能重复处理`);
  return p;
}

export async function confirmProposal(db: Db, ctx: RequestContext, id: string, note: string | null): Promise<ProposalRow> {
  const p = await loadOpen(db, id);
  const to = p.kind === 'removal' ? 'exited' as const : 'recognized' as const;
  const check = checkTransition(p.level, p.platformStatus, to, ctx.actor.role);
  if (!check.ok) throw errors.conflict(`不能${KIND_TEXT[p.kind]}：${check.message}`);
  await db.transaction(async (tx) => {
    if (!(await repo.decideProposal(tx, id, 'confirmed', ctx.actor.userId, note))) throw errors.conflict('该建议已被他人处理，请刷新后重试');
    await applyStatusChange(
      tx, ctx, { id: p.platformId, level: p.level, status: p.platformStatus, recognizedAt: p.recognizedAt },
      { to, reason: `${p.year} 年度评估结果运用：${p.reason}${note === null ? '' : `。${note}`}`, effectiveDate: todayIso() },
      check.meaning, { proposalId: id },
    );
    await audit(tx, ctx, {
      action: 'evaluation.proposal.confirm', entityType: 'evaluation_proposal', entityId: id,
      summary: { evaluationId: p.evaluationId, platformId: p.platformId, kind: p.kind, status: [p.platformStatus, to], note },
    });
  });
  const done = await repo.findProposal(db, id);
  if (!done) throw errors.notFound('评估结果运用建议');
  return toRow(done);
}

export async function rejectProposal(db: Db, ctx: RequestContext, id: string, note: string): Promise<ProposalRow> {
  const p = await loadOpen(db, id);
  await db.transaction(async (tx) => {
    if (!(await repo.decideProposal(tx, id, 'rejected', ctx.actor.userId, note))) throw errors.conflict('该建议已被他人处理，请刷新后重试');
    await audit(tx, ctx, {
      action: 'evaluation.proposal.reject', entityType: 'evaluation_proposal', entityId: id,
      summary: { evaluationId: p.evaluationId, platformId: p.platformId, kind: p.kind, note },
    });
  });
  const done = await repo.findProposal(db, id);
  if (!done) throw errors.notFound('评估结果运用建议');
  return toRow(done);
}
