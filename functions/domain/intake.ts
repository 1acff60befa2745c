import { createHash, randomBytes } from 'node:crypto';
import type { Intake } from '../../schemas/intake.js';

/** Pure intake rules: identity for the duplicate check, references, hashes. No I/O here. */

/** Crockford base32 without I, L, O, U: no letters that read like digits, none that spell words. */
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A reference a person can read out on the phone: 8 characters in two groups, e.g. "7KQM-4XPD". */
export function newReference(): string {
  // 32 symbols: each random byte's low five bits pick one, uniformly.
  const bytes = randomBytes(8);
  let s = '';
  for (const b of bytes) s += REFERENCE_ALPHABET[b & 31];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** Reads a reference as people type or say it: any case, spaces or dashes, O for 0, I/L for 1. */
export function normaliseReference(input: string): string | undefined {
  const s = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (s.length !== 8 || [...s].some((c) => !REFERENCE_ALPHABET.includes(c))) return undefined;
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** Letters that carry no combining accent to strip but are commonly typed without it. */
const LETTER_FOLDS: Record<string, string> = { ı: 'i', ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', þ: 'th', ß: 'ss' };

/**
 * For names: case, accents, spacing, hyphens and apostrophes do not make a different person, and
 * neither does the German transliteration of an umlaut: "Müller", "Mueller" and "Muller" are one
 * spelling (ä/ae/a, ö/oe/o, ü/ue/u, ß/ss). Folding "ae", "oe", "ue" everywhere also merges some
 * names that differ only there (e.g. "Manuel" and "Manul") — harmless, because the identity also
 * needs the other name, the postcode and the date of birth to match.
 */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ıłøæœđðþß]/g, (c) => LETTER_FOLDS[c] ?? c)
    .replace(/[^\p{L}\p{N}]/gu, '')
    .replace(/([aou])e/g, '$1');
}

/**
 * The duplicate-check identity (docs/domain.md: first name, last name, postcode, plus date of birth),
 * hashed so that the key item holds no readable personal data. It lives only beside the
 * participant it points to and is erased with it.
 */
export function identityHash(intake: Pick<Intake, 'person'>, projectId: string): string {
  const p = intake.person;
  const parts = [projectId, foldName(p.firstName), foldName(p.lastName), p.address.postcode.trim(), p.dateOfBirth];
  return createHash('sha256').update(parts.join('\u001f')).digest('hex');
}

/** Canonical JSON (sorted keys) so that key order or whitespace do not change a body's hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('base64url');
}

/** Idempotency keys: opaque client tokens (the page sends a UUID), bounded and printable. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_\-:.]{8,128}$/;

/**
 * The submission's id: derived from the client's Idempotency-Key (so a retry lands on the same
 * item) or random. Hashing keeps client-chosen strings out of our keys.
 */
export function submissionId(idempotencyKey: string | undefined): string {
  if (idempotencyKey) return createHash('sha256').update(`idempotency:${idempotencyKey}`).digest('hex').slice(0, 32);
  return randomBytes(16).toString('hex');
}

/**
 * A new person's participant id: derived from their first submission and its time, so a retried
 * step finds the same id, while a submission id reused much later (an Idempotency-Key sent again
 * after its record expired) can never land on an existing participant.
 */
export function participantIdFor(s: { id: string; receivedAt: string }): string {
  return createHash('sha256').update(`participant:${s.id}:${s.receivedAt}`).digest('hex').slice(0, 32);
}

/** A honeypot counts as filled when the hidden field holds anything but whitespace. */
export function isHoneypotFilled(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const v = (body as Record<string, unknown>)['website'];
  return v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');
}
