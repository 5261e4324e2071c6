/**
 * The self-hosted challenge of the objection form: a small sum in words (screen readers read it; no
 * picture, no outside service), its token signed with a sub-key of the server's key ring so every
 * server on the database checks every token, valid for 10 minutes, usable once (its id is stored).
 */
import crypto from 'node:crypto';
import { CHALLENGE_TTL_MS, challengeQuestion, challengeToken, verifyChallenge, type ChallengeClaims } from '../../domain/publicity/objection.js';
import { fieldKeys } from '../crypto/field-keys.js';
import { hmacSm3 } from '../crypto/gm.js';
import { now } from '../clock.js';

function sign(text: string): string {
  const key = Buffer.from(hmacSm3(fieldKeys().current.key, 'objection-challenge-v1'), 'hex');
  return hmacSm3(key, text);
}

const equal = (a: string, b: string): boolean => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function newChallenge(): { token: string; question: string; expiresAt: string } {
  const q = challengeQuestion(crypto.randomInt(10), crypto.randomInt(10), crypto.randomInt(2));
  const claims: ChallengeClaims = { id: crypto.randomBytes(16).toString('base64url'), expiresAt: now().getTime() + CHALLENGE_TTL_MS };
  return { token: challengeToken(claims, q.answer, sign), question: q.question, expiresAt: new Date(claims.expiresAt).toISOString() };
}

/** The answered token's claims, or the refusal naming the field. */
export function checkAnswer(token: string, answer: string): ReturnType<typeof verifyChallenge> {
  return verifyChallenge(token, answer, now().getTime(), sign, equal);
}
