import type { Participant } from '../../schemas/model/participant.js';
import type { Placement } from '../../schemas/model/placement.js';
import { dueAfter, recordDueAt } from '../../schemas/retention.js';
import { berlinDate } from './working-days.js';

/**
 * The rules of erasure (Art. 17 GDPR) and restriction (Art. 18), pure. Retention periods come from
 * schemas/retention.ts; this module only decides which one applies to a person and when it ends.
 */

/** Whether the person took part: a first contact makes them a participant whose records the funder may audit. */
export const tookPart = (p: Pick<Participant, 'firstContact'>) => p.firstContact !== undefined;

/**
 * Whether the funder's retention duty applies to the person on `today` (Art. 17(3)(b)): they took
 * part, and the ESF Plus retention period has not ended. Then an erasure request restricts them
 * until it ends; otherwise they are erased at once.
 */
export function retentionDutyApplies(p: Pick<Participant, 'firstContact'>, today: string, funderRetentionEnd: string): boolean {
  return tookPart(p) && today <= funderRetentionEnd;
}

/** When a restricted person's records are erased: the end of the funder's duty. */
export const restrictionErasureDueAt = (funderRetentionEnd: string) => dueAfter(funderRetentionEnd);

/**
 * When a person's records are due by their retention rule once they leave: withdrawn before taking
 * part → six months after the withdrawal; taken part (withdrawn later, or exited) → the end of the
 * funder's duty.
 */
export function retentionDueAt(p: Pick<Participant, 'firstContact'>, leftOn: string, funderRetentionEnd: string): string {
  return recordDueAt(tookPart(p) ? 'participant_after_exit' : 'participant_withdrawn_before_start', leftOn, funderRetentionEnd);
}

/** A record staff of `site` may see: theirs, and not restricted (a restricted one answers like an unknown id). */
export function visibleTo<T extends { site: string; restricted?: unknown }>(me: { site: string }, x: T | undefined): x is T {
  return x !== undefined && x.site === me.site && !x.restricted;
}

/**
 * The day a trial placement ended, if it has by `today`: the day it was declined, expired or
 * cancelled; a confirmed one's last day once passed; a completed one's last day or its feedback,
 * whichever came later. Undefined while it still runs or waits.
 */
export function placementEndedOn(p: Pick<Placement, 'status' | 'endDate' | 'answer' | 'expiredAt' | 'cancellation' | 'feedback'>, today: string): string | undefined {
  const day = (iso: string | undefined) => (iso ? berlinDate(new Date(iso)) : undefined);
  switch (p.status) {
    case 'declined': return day(p.answer?.at) ?? today;
    case 'expired': return day(p.expiredAt) ?? today;
    case 'cancelled': return day(p.cancellation?.at) ?? today;
    case 'completed': { const f = day(p.feedback?.at) ?? p.endDate; return f > p.endDate ? f : p.endDate; }
    case 'confirmed': return p.endDate < today ? p.endDate : undefined;
    case 'requested': return undefined;
  }
}

/**
 * When the employer's contact on a placement is due for anonymisation (12 months after it ended),
 * or — while it has not ended — the earliest it could be (counted from `today`): the sweep looks
 * then and either anonymises or looks again at the new due time, so it is never late.
 */
export function employerContactDueAt(p: Parameters<typeof placementEndedOn>[0], today: string): { dueAt: string; ended: boolean } {
  const ended = placementEndedOn(p, today);
  return { dueAt: recordDueAt('employer_contact', ended ?? today), ended: ended !== undefined };
}
