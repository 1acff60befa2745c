import type { ExitOutcome, ImprovedReason } from '../../schemas/exits.js';
import type { Participant } from '../../schemas/model/participant.js';
import type { Placement } from '../../schemas/model/placement.js';
import { isRecognitionDraft, type RecognitionCase, type RecognitionDraft } from '../../schemas/model/recognition.js';
import type { Problem } from '../../schemas/validation-errors.js';
import { decisionOf } from './recognition-facts.js';

/** The exit's rules: when it may be recorded or corrected, its date, and the outcome offered. */

/** Why an exit cannot be recorded now (a 409 code), or undefined when it can. */
export function exitRefusal(p: Pick<Participant, 'status' | 'firstContact'>): string | undefined {
  if (p.status === 'withdrawn') return 'participant_withdrawn_exit';
  if (p.status === 'exited') return 'participant_exited';
  if (p.status !== 'contacted' || !p.firstContact) return 'exit_needs_first_contact';
  return undefined;
}

/** Why an exit cannot be corrected now, or undefined when it can. */
export function correctionRefusal(p: Pick<Participant, 'status' | 'exit'>): string | undefined {
  return p.status === 'exited' && p.exit ? undefined : 'exit_not_recorded';
}

/** The exit day: not in the future (Berlin `today`), not before the first contact. */
export function exitDateProblems(date: string, today: string, firstContactDate: string | undefined): Problem[] {
  if (date > today) return [{ path: ['date'], code: 'date_in_future' }];
  if (firstContactDate && date < firstContactDate) return [{ path: ['date'], code: 'exit_before_first_contact' }];
  return [];
}

export interface SuggestedOutcome {
  outcome: ExitOutcome;
  improvedReason: ImprovedReason | null;
  source: 'placement' | 'recognition';
  sourceId: string;
  at: string;
}

/**
 * The likely outcome, offered to the counsellor and never recorded by itself: the newest trial
 * placement whose feedback was employment (→ employment) or an apprenticeship (→ training), else
 * a full recognition decision (→ improved prospects, recognition achieved). Employment and
 * training come first: they are what the placement rate counts.
 */
export function suggestedOutcome(placements: readonly Placement[], cases: readonly (RecognitionCase | RecognitionDraft)[]): SuggestedOutcome | undefined {
  const hired = placements
    .filter((p) => p.feedback && p.feedback.outcome !== 'none')
    .sort((a, b) => (b.feedback!.at < a.feedback!.at ? -1 : 1))[0];
  if (hired?.feedback) {
    return { outcome: hired.feedback.outcome === 'employment' ? 'employment' : 'training', improvedReason: null, source: 'placement', sourceId: hired.id, at: hired.feedback.at };
  }
  for (const c of cases) {
    if (isRecognitionDraft(c)) continue;
    const decision = decisionOf(c.facts);
    if (decision?.result === 'full') {
      return { outcome: 'improved_prospects', improvedReason: 'recognition_achieved', source: 'recognition', sourceId: c.id, at: (decision as { recordedAt?: string }).recordedAt ?? c.updatedAt };
    }
  }
  return undefined;
}
