import type { Answers } from './answers.js';

/**
 * What the page keeps while it is open: the answers, the step and the Idempotency-Key of this
 * fill. sessionStorage, not localStorage: phones are shared, and the tab's end is the answers' end.
 * Cleared after a successful submission.
 */
export interface Session {
  answers: Answers;
  /** Id of the section on screen. */
  step?: string;
  /** Idempotency-Key of this attempt: a retry after a network failure sends the same one. */
  key: string;
  /** The body last sent with `key`; a changed body gets a new key (the server refuses a reused key with another body). */
  sentBody?: string;
}

const STORAGE_KEY = 'biwaq-intake';

/** crypto.randomUUID needs a secure context; a phone on the LAN over plain http still gets a v4 UUID. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined; // storage blocked: the page still works, it just forgets on reload
  }
}

export function loadSession(): Session {
  try {
    const raw = storage()?.getItem(STORAGE_KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<Session>) : undefined;
    if (parsed && typeof parsed.answers === 'object' && parsed.answers && typeof parsed.key === 'string') {
      return {
        answers: parsed.answers,
        key: parsed.key,
        ...(typeof parsed.step === 'string' ? { step: parsed.step } : {}),
        ...(typeof parsed.sentBody === 'string' ? { sentBody: parsed.sentBody } : {}),
      };
    }
  } catch {
    // unreadable: start afresh
  }
  return { answers: {}, key: newKey() };
}

export function saveSession(session: Session): void {
  try {
    storage()?.setItem(STORAGE_KEY, JSON.stringify(session));
  } catch {
    // full or blocked: nothing to do
  }
}

export function clearSession(): void {
  try {
    storage()?.removeItem(STORAGE_KEY);
  } catch {
    // blocked: nothing stored anyway
  }
}
