/**
 * The public side of objections: the form's data, filing (during the period, on an item of the
 * notice, with a valid contact, a right and unused challenge, within the address's budget, with
 * attachments that pass the content check) and the lookup by receipt and contact. A refused filing
 * stores nothing: every check runs before the one transaction that writes the objection, its files
 * and its audit row.
 */
import crypto from 'node:crypto';
import type { Db } from '../../db/client.js';
import {
  checkContact, contactMatches, filingRefusal, GROUNDS_MAX, GROUNDS_MIN, makeReceipt, MAX_OBJECTION_FILES, normalizeReceipt, OBJECTOR_NAME_MAX,
  objectionStatusLabels, RECEIPT_RANDOM_CHARS, replyMethodLabels,
} from '../../domain/publicity/objection.js';
import { auditPublic } from '../audit/audit.js';
import { countRateLimitHit } from '../cluster/repository.js';
import { now, todayIso } from '../clock.js';
import { AppError, errors, type FieldError } from '../errors.js';
import * as filesRepo from '../files/repository.js';
import { maskName, maskPhone } from '../pagination.js';
import type { CheckedUpload } from '../recognition/materials.js';
import { checkAnswer } from './challenge.js';
import * as repo from './repository.js';
import type { FilingOut, LookupOut, ObjectionFormOut } from './schema.js';

const HOUR_MS = 3_600_000;

/** The text fields of the public form, as received (multipart). */
export interface FilingFields { name?: string; phone?: string; email?: string; itemId?: string; grounds?: string; challengeToken?: string; challengeAnswer?: string }

/** Characters as a reader counts them (a character outside the BMP is one, not two). */
const charCount = (s: string): number => s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '_').length;

const refused = (details: FieldError[]): AppError => new AppError('OBJECTION_REFUSED', 400, details.map((d) => d.message).join('；'), details);

async function noticeOrNotFound(db: Db, id: string): Promise<repo.NoticeRow> {
  const n = await repo.findNotice(db, id);
  if (!n) throw errors.notFound('公示');
  return n;
}

export async function objectionForm(db: Db, noticeId: string, maxFileBytes: number): Promise<ObjectionFormOut> {
  const n = await noticeOrNotFound(db, noticeId);
  const items = await repo.noticeItems(db, n.id);
  const refusal = filingRefusal(n, todayIso());
  return {
    noticeId: n.id, title: n.title, postedOn: n.postedOn, firstDay: n.firstDay, lastDay: n.lastDay,
    items: items.map((i) => ({ id: i.id, title: i.title, detail: i.detail })), filingOpen: refusal === null, filingRefusal: refusal,
    limits: { nameMax: OBJECTOR_NAME_MAX, groundsMin: GROUNDS_MIN, groundsMax: GROUNDS_MAX, maxFiles: MAX_OBJECTION_FILES, maxFileBytes },
  };
}

/** The fields' own problems (each message names its field), without touching the database. */
function fieldProblems(f: FilingFields): { details: FieldError[]; name: string; grounds: string; contact: { phone: string | null; email: string | null } } {
  const details: FieldError[] = [];
  const name = (f.name ?? '').trim();
  if (name === '') details.push({ field: 'name', message: '姓名：请填写' });
  else if (charCount(name) > OBJECTOR_NAME_MAX) details.push({ field: 'name', message: `姓名：不超过 ${OBJECTOR_NAME_MAX} 个字` });
  const grounds = (f.grounds ?? '').trim();
  const length = charCount(grounds);
  if (length < GROUNDS_MIN) details.push({ field: 'grounds', message: `异议理由：请写明事实和理由，不少于 ${GROUNDS_MIN} 个字` });
  else if (length > GROUNDS_MAX) details.push({ field: 'grounds', message: `异议理由：不超过 ${GROUNDS_MAX} 个字（现有 ${length} 个字）` });
  if ((f.itemId ?? '').trim() === '') details.push({ field: 'itemId', message: '异议对象：请选择公示名单中的一项' });
  const contact = checkContact(f.phone, f.email);
  if (!contact.ok) details.push(...contact.errors.map((e) => ({ field: e.path ?? 'phone', message: e.message })));
  return { details, name, grounds, contact: contact.ok ? contact.value : { phone: null, email: null } };
}

/** A receipt not used yet (55 random bits: a collision is unlikely, and then another is drawn). */
async function freshReceipt(db: Db): Promise<string> {
  for (;;) {
    const values = [...crypto.randomBytes(RECEIPT_RANDOM_CHARS)].map((b) => b & 31);
    const receipt = makeReceipt(values);
    if ((await repo.findByReceipt(db, receipt)) === null) return receipt;
  }
}

export interface FilingRequest { noticeId: string; fields: FilingFields; uploads: readonly CheckedUpload[]; ip: string; ratePerHour: number }

export async function fileObjection(db: Db, r: FilingRequest): Promise<FilingOut> {
  const n = await noticeOrNotFound(db, r.noticeId);
  const today = todayIso();
  const closed = filingRefusal(n, today);
  if (closed !== null) throw new AppError('OBJECTION_CLOSED', 409, closed, [{ field: 'notice', message: closed }]);
  const { details, name, grounds, contact } = fieldProblems(r.fields);
  const items = await repo.noticeItems(db, n.id);
  const item = items.find((i) => i.id === (r.fields.itemId ?? '').trim());
  if (item === undefined && !details.some((d) => d.field === 'itemId')) details.push({ field: 'itemId', message: '异议对象：不是该公示名单中的一项' });
  if (details.length > 0) throw refused(details);
  const challenge = checkAnswer(r.fields.challengeToken ?? '', r.fields.challengeAnswer ?? '');
  if (!challenge.ok) throw refused([{ field: 'challengeAnswer', message: challenge.message }]);
  if (item === undefined) throw refused([{ field: 'itemId', message: '异议对象：不是该公示名单中的一项' }]);

  // Counted only for filings that would be stored: a citizen correcting a refused form does not use up the budget.
  const hits = await countRateLimitHit(db, `objection-file ${r.ip}`, HOUR_MS);
  if (hits.count > r.ratePerHour) {
    throw new AppError('RATE_LIMITED', 429, `提交过于频繁：同一网络地址每小时最多提交 ${r.ratePerHour} 件异议，请稍后再试`, [], undefined, {}, { 'retry-after': String(Math.ceil(hits.ttl / 1000)) });
  }
  const receiptNo = await freshReceipt(db);
  await db.transaction(async (tx) => {
    if (!(await repo.useChallenge(tx, challenge.claims.id, new Date(challenge.claims.expiresAt)))) {
      throw refused([{ field: 'challengeAnswer', message: '验证问题：已使用过，请换一题后重新作答' }]);
    }
    const id = await repo.insertObjection(tx, {
      noticeId: n.id, itemId: item.id, source: 'public', receiptNo, objectorName: name, objectorPhone: contact.phone, objectorEmail: contact.email,
      receivedOn: today, summary: grounds, status: 'received',
    });
    const fileIds: string[] = [];
    for (const [i, u] of r.uploads.entries()) {
      // The purpose numbers the attachments in the order sent (they share one transaction's time).
      const fileId = await filesRepo.insertFile(tx, {
        platformId: null, ownerType: repo.OBJECTION_FILE_OWNER, ownerId: id, purpose: `attachment-${i + 1}`, year: null, originalName: u.originalName, mimeType: u.mime,
        sizeBytes: u.size, storedName: null, sha256: u.sha256, uploadedBy: null,
      });
      await filesRepo.storeContent(tx, fileId, u.content, u.sm3);
      fileIds.push(fileId);
    }
    await auditPublic(tx, r.ip, {
      action: 'publicity.objection.file', entityType: 'publicity_objection', entityId: id,
      summary: {
        noticeId: n.id, itemId: item.id, receiptNo, receivedOn: today, objectorName: maskName(name), objectorPhone: maskPhone(contact.phone),
        objectorEmail: contact.email === null ? null : contact.email.replace(/^(.).*(@.*)$/, '$1***$2'), files: r.uploads.map((u, i) => ({ fileId: fileIds[i], filename: u.originalName, sm3: u.sm3 })),
      },
    });
  });
  await repo.deleteExpiredChallenges(db, now());
  return { receiptNo, receivedOn: today, noticeTitle: n.title, itemTitle: item.title };
}

const NOT_FOUND_LOOKUP = '回执编号或联系方式不正确：请核对回执编号，并填写提交异议时留下的联系电话或电子邮箱';

/** The objector's view: status, dates and, once sent, the reply; the same refusal whether the receipt or the contact is wrong. */
export async function lookupObjection(db: Db, receipt: string, contact: string, ip: string, ratePerHour: number): Promise<LookupOut> {
  const hits = await countRateLimitHit(db, `objection-lookup ${ip}`, HOUR_MS);
  // Lookups are cheap for a citizen and the only way to guess a receipt, so each one counts; ten times the filing budget.
  if (hits.count > ratePerHour * 10) throw new AppError('RATE_LIMITED', 429, '查询过于频繁，请稍后再试', [], undefined, {}, { 'retry-after': String(Math.ceil(hits.ttl / 1000)) });
  const details: FieldError[] = [];
  if (receipt.trim() === '') details.push({ field: 'receipt', message: '回执编号：请填写' });
  if (contact.trim() === '') details.push({ field: 'contact', message: '联系方式：请填写提交异议时留下的联系电话或电子邮箱' });
  if (details.length > 0) throw refused(details);
  const normalized = normalizeReceipt(receipt);
  if (normalized === null) throw refused([{ field: 'receipt', message: '回执编号：格式不正确或校验位不符（形如 ABCD-EFGH-JK12）' }]);
  const o = await repo.findByReceipt(db, normalized);
  if (o === null || !contactMatches(contact, { phone: o.phone, email: o.email })) throw new AppError('NOT_FOUND', 404, NOT_FOUND_LOOKUP, [{ field: 'receipt', message: NOT_FOUND_LOOKUP }]);
  return {
    receiptNo: normalized, noticeTitle: o.noticeTitle, itemTitle: o.itemTitle, status: o.status, statusLabel: objectionStatusLabels[o.status],
    receivedOn: o.receivedOn, decidedOn: o.resolvedOn,
    reply: o.status === 'replied' && o.replyText !== null && o.repliedOn !== null && o.replyMethod !== null
      ? { text: o.replyText, repliedOn: o.repliedOn, methodLabel: replyMethodLabels[o.replyMethod] } : null,
  };
}
