import type { RecognitionFactInput } from '../../schemas/recognition.js';
import { FACT_TYPES, type DecisionResult, type FactType, type RecognitionState } from '../../schemas/recognition-values.js';
import { RecognitionFactRefused } from './errors.js';
import { extensionIsCapped, type CaseTerms } from './recognition-case.js';

/**
 * The facts of a recognition procedure and the order they may come in, pure.
 *
 * - Facts are appended, never edited. A correction is a new fact whose `supersedes` names the
 *   fact it replaces; only facts in force (not superseded) count. A correction takes the place of
 *   the fact it corrects among facts of the same date.
 * - Facts are read in date order (same date: in the order recorded). Each must be allowed at its
 *   place; a fact that breaks the order, or makes a later one impossible, is refused (409) with the
 *   facts allowed there:
 *
 *   | state              | allowed next                                                                  |
 *   |--------------------|-------------------------------------------------------------------------------|
 *   | preparing          | application_received, withdrawn                                               |
 *   | submitted          | receipt_confirmed, withdrawn                                                  |
 *   | receipt_confirmed  | documents_requested, skills_analysis_started/_ended, documents_complete, withdrawn |
 *   | in_review          | documents_requested, skills_analysis_started/_ended, extension_granted (once), decision (no skills analysis running), withdrawn |
 *   | decided            | partial: adaptation_planned, adaptation_started, withdrawn; full or none: nothing |
 *   | adaptation         | planned: adaptation_started, withdrawn; started: adaptation_completed, withdrawn |
 *   | closed, withdrawn  | nothing                                                                       |
 *
 *   One skills analysis at a time (`_started` when none runs, `_ended` when one does). A decision
 *   that names a compensation measure (regulated professions) is recorded as `partial`.
 * - The decision period is extended once (§ 6 / § 13 Abs. 3 Satz 3 BQFG): a second extension is
 *   refused. For an EU, EEA or Swiss qualification in a regulated profession the extension is at
 *   most one month or four weeks (§ 13 Abs. 3 Satz 4 BQFG); checked when the extension is recorded.
 */

/** A fact with its id (a stored fact has more: who recorded it, when). */
export type Fact = RecognitionFactInput & { id: string };
export type FactOf<T extends FactType> = Extract<Fact, { type: T }>;

type Stage = Exclude<RecognitionState, 'suspended'>;

interface Progress {
  stage: Stage;
  /** The start of the skills analysis that runs, if one does. */
  analysisSince: string | null;
  extendedOn: string | null;
  result: DecisionResult | null;
  adaptation: 'planned' | 'started' | null;
}

const START: Progress = { stage: 'preparing', analysisSince: null, extendedOn: null, result: null, adaptation: null };

/** The facts in force, in date order; same-date facts in the order recorded (a correction in its original's place). */
export function effectiveFacts<F extends Fact>(facts: readonly F[]): F[] {
  const position = new Map<string, number>();
  const superseded = new Set<string>();
  facts.forEach((f, i) => {
    const original = f.supersedes === undefined ? undefined : position.get(f.supersedes);
    position.set(f.id, original ?? i);
    if (f.supersedes !== undefined) superseded.add(f.supersedes);
  });
  const place = (f: F) => position.get(f.id) ?? 0;
  return facts
    .filter((f) => !superseded.has(f.id))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : place(a) - place(b)));
}

function allowedAt(p: Progress): FactType[] {
  const running = p.analysisSince !== null;
  const analysis: FactType = running ? 'skills_analysis_ended' : 'skills_analysis_started';
  const types = ((): FactType[] => {
    switch (p.stage) {
      case 'preparing':
        return ['application_received', 'withdrawn'];
      case 'submitted':
        return ['receipt_confirmed', 'withdrawn'];
      case 'receipt_confirmed':
        return ['documents_requested', analysis, 'documents_complete', 'withdrawn'];
      case 'in_review':
        return ['documents_requested', analysis, ...(p.extendedOn ? [] : ['extension_granted' as const]), ...(running ? [] : ['decision' as const]), 'withdrawn'];
      case 'decided':
        return p.result === 'partial' ? ['adaptation_planned', 'adaptation_started', 'withdrawn'] : [];
      case 'adaptation':
        return [p.adaptation === 'planned' ? 'adaptation_started' : 'adaptation_completed', 'withdrawn'];
      case 'closed':
      case 'withdrawn':
        return [];
    }
  })();
  return FACT_TYPES.filter((t) => types.includes(t));
}

function apply(p: Progress, f: Fact): Progress {
  switch (f.type) {
    case 'application_received':
      return { ...p, stage: 'submitted' };
    case 'receipt_confirmed':
      return { ...p, stage: 'receipt_confirmed' };
    case 'documents_requested':
      return p;
    case 'skills_analysis_started':
      return { ...p, analysisSince: f.date };
    case 'skills_analysis_ended':
      return { ...p, analysisSince: null };
    case 'documents_complete':
      return { ...p, stage: 'in_review' };
    case 'extension_granted':
      return { ...p, extendedOn: f.date };
    case 'decision':
      return { ...p, stage: 'decided', result: f.result };
    case 'adaptation_planned':
      return { ...p, stage: 'adaptation', adaptation: 'planned' };
    case 'adaptation_started':
      return { ...p, stage: 'adaptation', adaptation: 'started' };
    case 'adaptation_completed':
      return { ...p, stage: 'closed', adaptation: null };
    case 'withdrawn':
      return { ...p, stage: 'withdrawn', analysisSince: null };
  }
}

function refusal(p: Progress, f: Fact): RecognitionFactRefused | null {
  if (f.type === 'extension_granted' && p.stage === 'in_review' && p.extendedOn) {
    return new RecognitionFactRefused(
      'recognition_second_extension',
      `The decision period may be extended only once (§ 6 Abs. 3 Satz 3, § 13 Abs. 3 Satz 3 BQFG); it was extended on ${p.extendedOn}. Correct that extension instead (supersedes).`,
      { extendedOn: p.extendedOn },
    );
  }
  const allowed = allowedAt(p);
  if (allowed.includes(f.type)) return null;
  const next = allowed.length ? `allowed next: ${allowed.join(', ')}` : 'nothing can follow';
  return new RecognitionFactRefused(
    'recognition_fact_out_of_order',
    `"${f.type}" of ${f.date} is not possible when the case is ${p.stage}${p.analysisSince ? ' with a skills analysis running' : ''}; ${next}.`,
    { type: f.type, date: f.date, state: p.stage, allowed },
  );
}

/** Reads facts in force in order; stops at the first one not allowed at its place. */
function replay(facts: readonly Fact[]): { progress: Progress; failure: { fact: Fact; error: RecognitionFactRefused } | null } {
  let progress = START;
  for (const fact of facts) {
    const error = refusal(progress, fact);
    if (error) return { progress, failure: { fact, error } };
    progress = apply(progress, fact);
  }
  return { progress, failure: null };
}

const refused = (code: string, rule: string, params: Record<string, unknown> = {}) => new RecognitionFactRefused(code, rule, params);

/**
 * The facts with `fact` appended, if the rules allow it; else a RecognitionFactRefused naming
 * the rule and what is allowed. `fact.id` is new; `fact.supersedes`, if set, names a fact in
 * force. E.g. facts [application_received 2027-03-01], new decision → refused: allowed next
 * receipt_confirmed, withdrawn.
 */
export function recordFact<F extends Fact>(facts: readonly F[], fact: F, terms: CaseTerms): F[] {
  if (facts.some((f) => f.id === fact.id)) throw refused('recognition_fact_exists', `A fact with id ${fact.id} is already recorded.`);
  if (fact.supersedes !== undefined) {
    if (!facts.some((f) => f.id === fact.supersedes)) {
      throw refused('recognition_fact_unknown', `The fact to supersede (${fact.supersedes}) is not on this case.`, { supersedes: fact.supersedes });
    }
    const by = facts.find((f) => f.supersedes === fact.supersedes);
    if (by) {
      throw refused('recognition_fact_already_superseded', `Fact ${fact.supersedes} was already superseded by ${by.id}; correct that one instead.`, { supersededBy: by.id });
    }
  }
  const next = [...facts, fact];
  const { failure } = replay(effectiveFacts(next));
  if (failure && failure.fact.id === fact.id) throw failure.error;
  if (failure) {
    const { fact: later, error } = failure;
    throw refused(error.code, `With this fact, the recorded "${later.type}" of ${later.date} no longer fits: ${error.message}`, { ...error.params, conflictsWith: later.id });
  }
  if (fact.type === 'extension_granted' && extensionIsCapped(terms) && ((fact.months ?? 0) > 1 || (fact.weeks ?? 0) > 4)) {
    throw refused(
      'recognition_extension_too_long',
      'For an EU, EEA or Swiss qualification in a regulated profession the decision period may be extended by at most one month or four weeks (§ 13 Abs. 3 Satz 4 BQFG).',
      { maxMonths: 1, maxWeeks: 4 },
    );
  }
  return next;
}

/** The fact types that may be recorded next (in the order of FACT_TYPES). */
export function allowedNextFacts(facts: readonly Fact[]): FactType[] {
  return allowedAt(replay(effectiveFacts(facts)).progress);
}

/**
 * The case's state on `today` (a Berlin date). `suspended` while the documents are complete and
 * today a skills analysis runs or a request for documents is within the period the body set.
 * Facts that do not fit (recorded under other rules) are ignored from the first one on.
 */
export function recognitionState(facts: readonly Fact[], today: string): RecognitionState {
  const inForce = effectiveFacts(facts);
  const { progress } = replay(inForce);
  if (progress.stage !== 'in_review') return progress.stage;
  const analysis = progress.analysisSince !== null && progress.analysisSince <= today;
  const request = inForce.some((f) => f.type === 'documents_requested' && f.date <= today && today <= f.periodEnds);
  return analysis || request ? 'suspended' : 'in_review';
}

/** The decision in force, if any (its result and date). */
export function decisionOf(facts: readonly Fact[]): FactOf<'decision'> | undefined {
  return effectiveFacts(facts).find((f): f is FactOf<'decision'> => f.type === 'decision');
}
