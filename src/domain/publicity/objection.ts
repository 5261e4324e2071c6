/**
 * Objections to a publicity notice (Art 14 (三)): anyone may object to a listed item during the
 * period; the bureau assigns the objection to a colleague, investigates, decides (upheld / not
 * upheld, with reasons) and records the reply sent to the objector. Objections are never public:
 * the objector follows its own with the receipt number and the contact given at filing.
 */
import type { Result } from '../shared/result.js';
import { err, fail, ok } from '../shared/result.js';

/** received (待处理) → assigned (已分派) → decided (已决定) → replied (已答复); reassigning is allowed until decided. */
export const objectionStatuses = ['received', 'assigned', 'decided', 'replied'] as const;
export type ObjectionStatus = (typeof objectionStatuses)[number];
export const objectionStatusLabels: Record<ObjectionStatus, string> = { received: '待处理', assigned: '已分派', decided: '已作出处理决定', replied: '已答复' };

/** An objection is open until the bureau has decided it: an open one holds the item's decision back. */
export const openObjectionStatuses = ['received', 'assigned'] as const satisfies readonly ObjectionStatus[];
export function isOpenObjection(status: ObjectionStatus): boolean {
  return (openObjectionStatuses as readonly ObjectionStatus[]).includes(status);
}

/** How a decided objection came out: upheld (异议成立) stops the item, dismissed (异议不成立) lets it go on. */
export const objectionOutcomes = ['upheld', 'dismissed'] as const;
export type ObjectionOutcome = (typeof objectionOutcomes)[number];
export const objectionOutcomeLabels: Record<ObjectionOutcome, string> = { upheld: '异议成立', dismissed: '异议不成立' };

/** Filed by the objector on the public page, or recorded by the bureau from a letter, a call or a visit. */
export const objectionSources = ['public', 'bureau'] as const;
export type ObjectionSource = (typeof objectionSources)[number];
export const objectionSourceLabels: Record<ObjectionSource, string> = { public: '网上提交', bureau: '市局登记（来信、来电、来访）' };

export const replyMethods = ['letter', 'email', 'phone', 'sms', 'in_person', 'online'] as const;
export type ReplyMethod = (typeof replyMethods)[number];
export const replyMethodLabels: Record<ReplyMethod, string> = { letter: '书面函件', email: '电子邮件', phone: '电话', sms: '短信', in_person: '当面答复', online: '网上答复（凭回执查询）' };

export const objectionActions = ['assign', 'decide', 'reply'] as const;
export type ObjectionAction = (typeof objectionActions)[number];
export const objectionActionLabels: Record<ObjectionAction, string> = { assign: '分派', decide: '作出处理决定', reply: '记录答复' };

interface ObjectionTransition { action: ObjectionAction; from: readonly ObjectionStatus[]; to: ObjectionStatus }

export const objectionTransitions: readonly ObjectionTransition[] = [
  // Assigning again (to another colleague) is allowed until the decision.
  { action: 'assign', from: ['received', 'assigned'], to: 'assigned' },
  { action: 'decide', from: ['assigned'], to: 'decided' },
  { action: 'reply', from: ['decided'], to: 'replied' },
];

export type ObjectionTransitionCheck = { ok: true; to: ObjectionStatus } | { ok: false; message: string };

/** Why an action cannot be taken in this status (the message buttons show), or the status it leads to. */
export function checkObjectionAction(status: ObjectionStatus, action: ObjectionAction): ObjectionTransitionCheck {
  const t = objectionTransitions.find((x) => x.action === action);
  if (t?.from.includes(status)) return { ok: true, to: t.to };
  switch (action) {
    case 'assign':
      return { ok: false, message: `「${objectionStatusLabels[status]}」的异议不能再分派` };
    case 'decide':
      return { ok: false, message: status === 'received' ? '请先分派承办人，再作出处理决定' : `「${objectionStatusLabels[status]}」的异议不能再作出处理决定` };
    case 'reply':
      return { ok: false, message: isOpenObjection(status) ? '作出处理决定后才能记录答复' : '答复已记录' };
  }
}

/** Investigation notes may be added while the objection is open, and the decision leaves room for a last one before the reply. */
export function mayAddNote(status: ObjectionStatus): boolean {
  return status !== 'replied';
}

// ---- the receipt number ----

/** Crockford's base32 alphabet: no I, L, O or U, so a receipt read aloud or copied by hand is not misread. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECEIPT_RANDOM_CHARS = 11;

/** The check character: Luhn mod 32 over the alphabet, catching any single wrong character and most swapped neighbours. */
export function receiptCheckChar(body: string): string {
  let sum = 0;
  let double = true;
  for (let i = body.length - 1; i >= 0; i--) {
    let v = CROCKFORD.indexOf(body[i] ?? '');
    if (v < 0) throw new Error(`not a Crockford base32 character: ${body[i] ?? ''}`);
    if (double) {
      v *= 2;
      v = Math.floor(v / 32) + (v % 32);
    }
    sum += v;
    double = !double;
  }
  return CROCKFORD[(32 - (sum % 32)) % 32] ?? '0';
}

/** A receipt from 11 random values (0–31 each, 55 bits): 12 characters with the check last, shown as XXXX-XXXX-XXXX. */
export function makeReceipt(randomValues: readonly number[]): string {
  if (randomValues.length !== RECEIPT_RANDOM_CHARS) throw new Error(`a receipt needs ${RECEIPT_RANDOM_CHARS} random values`);
  const body = randomValues.map((v) => CROCKFORD[v & 31] ?? '0').join('');
  const all = body + receiptCheckChar(body);
  return `${all.slice(0, 4)}-${all.slice(4, 8)}-${all.slice(8, 12)}`;
}

/**
 * The receipt as typed (lower case, spaces, hyphens, I/L for 1 and O for 0, full-width characters) in
 * its stored form, or null when it is not a receipt (wrong length or a wrong check character).
 */
export function normalizeReceipt(input: string): string | null {
  const plain = input.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (plain.length !== RECEIPT_RANDOM_CHARS + 1 || !/^[0-9A-HJKMNP-TV-Z]+$/.test(plain)) return null;
  const body = plain.slice(0, RECEIPT_RANDOM_CHARS);
  if (receiptCheckChar(body) !== plain.slice(RECEIPT_RANDOM_CHARS)) return null;
  return `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8, 12)}`;
}

// ---- the objector's contact ----

export const OBJECTOR_NAME_MAX = 50;
export const GROUNDS_MIN = 10;
export const GROUNDS_MAX = 2000;
export const MAX_OBJECTION_FILES = 5;

/** Mainland mobile (1 + 10 digits) or landline (area code 0xx(x), 7–8 digits, optional extension), hyphens and spaces ignored. */
export function normalizePhone(input: string): string | null {
  const t = input.normalize('NFKC').trim().replace(/[\s()（）]/g, '');
  if (/^(\+?86-?)?1[3-9]\d{9}$/.test(t.replace(/-/g, ''))) return t.replace(/-/g, '').replace(/^\+?86/, '');
  const m = /^(0\d{2,3})-?(\d{7,8})(?:-(\d{1,6}))?$/.exec(t);
  if (m?.[1] && m[2]) return `${m[1]}-${m[2]}${m[3] ? `-${m[3]}` : ''}`;
  return null;
}

export function normalizeEmail(input: string): string | null {
  const t = input.normalize('NFKC').trim().toLowerCase();
  return t.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(t) ? t : null;
}

export interface ObjectorContact { phone: string | null; email: string | null }

/** The objector's contact: at least one of phone and e-mail, each valid; refusals name the field. */
export function checkContact(phone: string | undefined, email: string | undefined): Result<ObjectorContact> {
  const p = phone?.trim() ?? '';
  const e = email?.trim() ?? '';
  if (p === '' && e === '') return fail([err('CONTACT_REQUIRED', '联系电话或电子邮箱：请至少填写一项，以便答复', 'phone')]);
  const errors = [];
  const np = p === '' ? null : normalizePhone(p);
  if (p !== '' && np === null) errors.push(err('PHONE_INVALID', '联系电话：请填写 11 位手机号码或带区号的固定电话（如 023-12345678）', 'phone'));
  const ne = e === '' ? null : normalizeEmail(e);
  if (e !== '' && ne === null) errors.push(err('EMAIL_INVALID', '电子邮箱：格式不正确（如 name@example.com）', 'email'));
  return errors.length > 0 ? fail(errors) : ok({ phone: np, email: ne });
}

/** Whether what the citizen types at lookup is the contact given at filing (either the phone or the e-mail). */
export function contactMatches(given: string, stored: ObjectorContact): boolean {
  const p = normalizePhone(given);
  const e = normalizeEmail(given);
  return (p !== null && stored.phone !== null && p === stored.phone) || (e !== null && stored.email !== null && e === stored.email);
}

// ---- the self-hosted challenge ----

/** How long a challenge may be answered (10 minutes). */
export const CHALLENGE_TTL_MS = 10 * 60_000;

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export interface ChallengeQuestion { question: string; answer: number }

/**
 * A question a screen reader reads as well as a screen shows (no picture): the sum or difference of two
 * small numbers, from two random values 0–9 and a third choosing the operation.
 */
export function challengeQuestion(a: number, b: number, op: number): ChallengeQuestion {
  const x = (Math.abs(a) % 9) + 1;
  const y = (Math.abs(b) % 9) + 1;
  if (op % 2 === 0) return { question: `${x} 加 ${y} 等于几？`, answer: x + y };
  const [hi, lo] = x >= y ? [x, y] : [y, x];
  return { question: `${DIGITS[hi] ?? hi} 减去 ${lo} 等于几？`, answer: hi - lo };
}

/** The number the citizen typed (digits, full-width digits or 零–十, 十一–十八), or null. */
export function parseAnswer(input: string): number | null {
  const t = input.normalize('NFKC').trim();
  if (/^\d{1,3}$/.test(t)) return Number(t);
  const idx = DIGITS.indexOf(t);
  if (idx >= 0) return idx;
  const m = /^十([一二三四五六七八九])$/.exec(t);
  if (m?.[1]) return 10 + DIGITS.indexOf(m[1]);
  return null;
}

/** What a challenge token carries: its id (stored once used), and when it expires. The answer is only inside the signature. */
export interface ChallengeClaims { id: string; expiresAt: number }

export type Sign = (text: string) => string;

const signedText = (c: ChallengeClaims, answer: number): string => `objection-challenge|${c.id}|${c.expiresAt}|${answer}`;

/** The token handed out with the question: `id.expiresAt.signature`, the signature over the answer too. */
export function challengeToken(c: ChallengeClaims, answer: number, sign: Sign): string {
  return `${c.id}.${c.expiresAt}.${sign(signedText(c, answer))}`;
}

export type ChallengeCheck = { ok: true; claims: ChallengeClaims } | { ok: false; message: string };

/**
 * Whether the answer is right for the token and the token still valid at `now` (its single use is the
 * caller's: it stores the id). A forged token, a wrong answer and an expired one are refused alike in words.
 */
export function verifyChallenge(token: string, answerText: string, now: number, sign: Sign, equal: (a: string, b: string) => boolean): ChallengeCheck {
  const m = /^([A-Za-z0-9_-]{16,64})\.(\d{10,16})\.([0-9a-f]{64})$/.exec(token.trim());
  if (!m?.[1] || !m[2] || !m[3]) return { ok: false, message: '验证问题：请重新获取验证问题后作答' };
  const claims = { id: m[1], expiresAt: Number(m[2]) };
  const answer = parseAnswer(answerText);
  if (answer === null) return { ok: false, message: '验证问题：请填写数字答案' };
  if (!equal(sign(signedText(claims, answer)), m[3])) return { ok: false, message: '验证问题：答案不正确，请重新作答' };
  if (now > claims.expiresAt) return { ok: false, message: '验证问题：已超过 10 分钟，请换一题后重新作答' };
  return { ok: true, claims };
}

// ---- when objections are received ----

export interface FilingWindow { postedOn: string; lastDay: string; withdrawn?: boolean }

/** Why the public cannot object to the notice on `today` (posted, not withdrawn, postedOn ≤ today ≤ lastDay), or null. */
export function filingRefusal(n: FilingWindow, today: string): string | null {
  if (n.withdrawn === true) return '公示：该公示已撤回，不再受理异议';
  if (today < n.postedOn) return `公示：尚未发布（${n.postedOn} 发布），暂不受理异议`;
  if (today > n.lastDay) return `公示：公示期已于 ${n.lastDay} 结束，不再受理网上异议`;
  return null;
}
