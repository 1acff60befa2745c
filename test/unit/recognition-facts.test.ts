import { describe, expect, it } from 'vitest';
import { RecognitionFactRefused, StateConflict } from '../../functions/domain/errors.js';
import { isEuQualification } from '../../functions/domain/recognition-case.js';
import {
  allowedNextFacts,
  decisionOf,
  effectiveFacts,
  recognitionState,
  recordFact,
  type Fact,
} from '../../functions/domain/recognition-facts.js';
import { statusOf } from '../../functions/lib/errors.js';
import { FACT_TYPES, type FactType } from '../../schemas/recognition.js';
import {
  adaptationCompleted,
  adaptationStarted,
  analysisEnded,
  analysisStarted,
  complete,
  confirmed,
  correcting,
  decided,
  EU_REGULATED,
  extended,
  fact,
  NON_REGULATED,
  planned,
  received,
  REGULATED,
  requested,
  withdrawn,
} from './recognition-fixtures.js';

/** A valid fact of each type on `date`. */
function sample(type: FactType, date: string): Fact {
  switch (type) {
    case 'documents_requested':
      return requested(date, '2027-12-31');
    case 'extension_granted':
      return extended(date, { months: 1 });
    case 'decision':
      return decided(date, 'partial');
    case 'withdrawn':
      return withdrawn(date);
    default:
      return fact(type, date);
  }
}

/** Builds a history fact by fact through recordFact, so every scenario is itself a recorded one. */
function history(...facts: Fact[]): Fact[] {
  return facts.reduce<Fact[]>((acc, f) => recordFact(acc, f, NON_REGULATED), []);
}

function refusal(fn: () => unknown): RecognitionFactRefused {
  try {
    fn();
  } catch (err) {
    if (err instanceof RecognitionFactRefused) return err;
    throw err;
  }
  throw new Error('not refused');
}

const base = () => [received('2027-03-01'), confirmed('2027-03-10')];
const inReview = () => [...base(), complete('2027-04-03')];

// state, facts, what may follow (in the order of FACT_TYPES)
const SCENARIOS: Array<[string, string, () => Fact[], FactType[]]> = [
  ['preparing', 'preparing', () => [], ['application_received', 'withdrawn']],
  ['submitted', 'submitted', () => [received('2027-03-01')], ['receipt_confirmed', 'withdrawn']],
  ['receipt_confirmed', 'receipt_confirmed', base, ['documents_requested', 'skills_analysis_started', 'documents_complete', 'withdrawn']],
  [
    'receipt_confirmed, skills analysis running',
    'receipt_confirmed',
    () => [...base(), analysisStarted('2027-03-15')],
    ['documents_requested', 'skills_analysis_ended', 'documents_complete', 'withdrawn'],
  ],
  ['in_review', 'in_review', inReview, ['documents_requested', 'skills_analysis_started', 'extension_granted', 'decision', 'withdrawn']],
  [
    'in_review, skills analysis running',
    'suspended',
    () => [...inReview(), analysisStarted('2027-04-10')],
    ['documents_requested', 'skills_analysis_ended', 'extension_granted', 'withdrawn'],
  ],
  [
    'in_review, after a skills analysis',
    'in_review',
    () => [...inReview(), analysisStarted('2027-04-10'), analysisEnded('2027-04-20')],
    ['documents_requested', 'skills_analysis_started', 'extension_granted', 'decision', 'withdrawn'],
  ],
  ['in_review, extended', 'in_review', () => [...inReview(), extended('2027-06-01', { months: 1 })], ['documents_requested', 'skills_analysis_started', 'decision', 'withdrawn']],
  ['decided, full', 'decided', () => [...inReview(), decided('2027-06-01', 'full')], []],
  ['decided, none', 'decided', () => [...inReview(), decided('2027-06-01', 'none')], []],
  ['decided, partial', 'decided', () => [...inReview(), decided('2027-06-01', 'partial')], ['adaptation_planned', 'adaptation_started', 'withdrawn']],
  ['adaptation planned', 'adaptation', () => [...inReview(), decided('2027-06-01', 'partial'), planned('2027-06-10')], ['adaptation_started', 'withdrawn']],
  [
    'adaptation started (without a plan)',
    'adaptation',
    () => [...inReview(), decided('2027-06-01', 'partial'), adaptationStarted('2027-06-10')],
    ['adaptation_completed', 'withdrawn'],
  ],
  [
    'closed',
    'closed',
    () => [...inReview(), decided('2027-06-01', 'partial'), planned('2027-06-10'), adaptationStarted('2027-07-01'), adaptationCompleted('2027-12-01')],
    [],
  ],
  ['withdrawn before the application', 'withdrawn', () => [withdrawn('2027-02-01')], []],
  ['withdrawn in review', 'withdrawn', () => [...inReview(), withdrawn('2027-05-01')], []],
];

describe('the order of facts (state machine)', () => {
  describe.each(SCENARIOS)('%s', (_name, state, facts, allowed) => {
    const recorded = () => history(...facts());
    const NEXT = '2027-12-15';

    it(`is ${state}, and names what may follow`, () => {
      expect(recognitionState(recorded(), '2027-12-14')).toBe(state);
      expect(allowedNextFacts(recorded())).toEqual(allowed);
    });

    it.each(FACT_TYPES.filter((t) => allowed.includes(t)))('allows %s', (type) => {
      const before = recorded();
      const next = sample(type, NEXT);
      expect(recordFact(before, next, NON_REGULATED)).toEqual([...before, next]);
    });

    const refused = FACT_TYPES.filter((t) => !allowed.includes(t));
    if (refused.length) {
      it.each(refused)('refuses %s, naming what is allowed next (409)', (type) => {
        const err = refusal(() => recordFact(recorded(), sample(type, NEXT), NON_REGULATED));
        expect(err).toBeInstanceOf(StateConflict);
        expect(statusOf(err)).toBe(409);
        if (type === 'extension_granted' && _name === 'in_review, extended') {
          expect(err.code).toBe('recognition_second_extension');
          return;
        }
        expect(err.code).toBe('recognition_fact_out_of_order');
        expect(err.params).toMatchObject({ type, date: NEXT, allowed });
        expect(err.message).toContain(allowed.length ? `allowed next: ${allowed.join(', ')}` : 'nothing can follow');
      });
    }
  });

  it('says why in words', () => {
    const err = refusal(() => recordFact<Fact>([received('2027-03-01')], decided('2027-04-01'), NON_REGULATED));
    expect(err.message).toBe('"decision" of 2027-04-01 is not possible when the case is submitted; allowed next: receipt_confirmed, withdrawn.');
    const running = refusal(() => recordFact(history(...inReview(), analysisStarted('2027-04-10')), decided('2027-05-01'), NON_REGULATED));
    expect(running.message).toContain('with a skills analysis running; allowed next: documents_requested, skills_analysis_ended, extension_granted, withdrawn');
  });

  it('reads facts by date: a fact dated before its prerequisite is refused where it falls', () => {
    const facts = history(received('2027-03-01'), confirmed('2027-03-10'));
    const err = refusal(() => recordFact(facts, complete('2027-03-05'), NON_REGULATED));
    expect(err.params).toMatchObject({ state: 'submitted', allowed: ['receipt_confirmed', 'withdrawn'] });
  });

  it('accepts a late-recorded fact dated between others when it fits there', () => {
    const facts = history(...inReview(), analysisStarted('2027-05-01'));
    const late = requested('2027-04-20', '2027-05-05');
    expect(recordFact(facts, late, NON_REGULATED)).toHaveLength(facts.length + 1);
    expect(effectiveFacts([...facts, late]).map((f) => f.type)).toEqual([
      'application_received',
      'receipt_confirmed',
      'documents_complete',
      'documents_requested',
      'skills_analysis_started',
    ]);
  });

  it('refuses a fact that would make a later one impossible, naming that one', () => {
    const decision = decided('2027-07-01');
    const facts = history(...inReview(), decision);
    const err = refusal(() => recordFact(facts, withdrawn('2027-05-01'), NON_REGULATED));
    expect(err.code).toBe('recognition_fact_out_of_order');
    expect(err.params).toMatchObject({ type: 'decision', state: 'withdrawn', conflictsWith: decision.id });
    expect(err.message).toContain('With this fact, the recorded "decision" of 2027-07-01 no longer fits');
  });

  it('a skills analysis ending before it started is refused', () => {
    const facts = history(...inReview(), analysisStarted('2027-05-01'));
    expect(refusal(() => recordFact(facts, analysisEnded('2027-04-20'), NON_REGULATED)).params).toMatchObject({ type: 'skills_analysis_ended', state: 'in_review' });
  });

  it('same-day facts keep the order they were recorded in', () => {
    const facts = history(received('2027-03-01'), confirmed('2027-03-01'), complete('2027-03-01'), decided('2027-03-01'));
    expect(recognitionState(facts, '2027-03-02')).toBe('decided');
  });
});

describe('the extension of the decision period', () => {
  const reviewed = () => history(...inReview());

  it('a second extension is refused, naming the rule', () => {
    const facts = recordFact(reviewed(), extended('2027-06-01', { weeks: 2 }), NON_REGULATED);
    const err = refusal(() => recordFact(facts, extended('2027-06-20', { weeks: 2 }), NON_REGULATED));
    expect(err.code).toBe('recognition_second_extension');
    expect(err.message).toContain('may be extended only once');
    expect(err.message).toContain('§ 13 Abs. 3 Satz 3 BQFG');
    expect(err.params).toEqual({ extendedOn: '2027-06-01' });
  });

  it('correcting the extension is not a second one', () => {
    const first = extended('2027-06-01', { months: 2 });
    const facts = recordFact(reviewed(), first, NON_REGULATED);
    expect(recordFact(facts, correcting(first, extended('2027-06-01', { months: 1 })), NON_REGULATED)).toHaveLength(facts.length + 1);
  });

  it.each([
    [{ months: 2 }, 'more than one month'],
    [{ weeks: 5 }, 'more than four weeks'],
  ] as const)('EU qualification, regulated profession: %o (%s) is refused, naming the rule', (length, _why) => {
    const err = refusal(() => recordFact(reviewed(), extended('2027-06-01', length), EU_REGULATED));
    expect(err.code).toBe('recognition_extension_too_long');
    expect(err.message).toContain('at most one month or four weeks (§ 13 Abs. 3 Satz 4 BQFG)');
    expect(statusOf(err)).toBe(409);
  });

  it.each([[{ months: 1 }], [{ weeks: 4 }], [{ weeks: 1 }]] as const)('EU qualification, regulated profession: %o is allowed', (length) => {
    expect(recordFact(reviewed(), extended('2027-06-01', length), EU_REGULATED)).toHaveLength(4);
  });

  it('the cap applies only to EU qualifications in regulated professions', () => {
    const long = () => extended('2027-06-01', { months: 3 });
    expect(recordFact(reviewed(), long(), REGULATED)).toHaveLength(4); // Syrian qualification
    expect(recordFact(reviewed(), long(), { ...EU_REGULATED, regulated: false })).toHaveLength(4); // Polish, non-regulated
    expect(recordFact(reviewed(), long(), { ...EU_REGULATED, euQualification: false })).toHaveLength(4);
    expect(refusal(() => recordFact(reviewed(), long(), { ...REGULATED, euQualification: true })).code).toBe('recognition_extension_too_long');
  });

  it('a second extension that is also too long is refused as the second one', () => {
    const facts = recordFact(reviewed(), extended('2027-06-01', { weeks: 2 }), EU_REGULATED);
    expect(refusal(() => recordFact(facts, extended('2027-06-20', { months: 2 }), EU_REGULATED)).code).toBe('recognition_second_extension');
  });
});

describe('corrections (supersedes)', () => {
  it('a superseded fact no longer counts, and the correction takes its place on the same day', () => {
    const app = received('2027-03-01');
    const facts = history(app, confirmed('2027-03-01'));
    const fixed = correcting(app, received('2027-03-01'));
    const next = recordFact(facts, fixed, NON_REGULATED);
    expect(effectiveFacts(next).map((f) => f.id)).toEqual([fixed.id, facts[1]!.id]);
    expect(recognitionState(next, '2027-03-02')).toBe('receipt_confirmed');
  });

  it('changes the derived state: a partial decision corrected to full', () => {
    const partial = decided('2027-06-01', 'partial');
    const facts = history(...inReview(), partial);
    expect(allowedNextFacts(facts)).toContain('adaptation_planned');
    const next = recordFact(facts, correcting(partial, decided('2027-06-01', 'full')), NON_REGULATED);
    expect(decisionOf(next)?.result).toBe('full');
    expect(allowedNextFacts(next)).toEqual([]);
  });

  it('may change the type, if the facts still fit', () => {
    const wrong = complete('2027-04-03');
    const facts = history(...base(), wrong);
    const next = recordFact(facts, correcting(wrong, requested('2027-04-03', '2027-04-30')), NON_REGULATED);
    expect(recognitionState(next, '2027-04-10')).toBe('receipt_confirmed');
  });

  it('is refused when the correction breaks the order', () => {
    const app = received('2027-03-01');
    const facts = history(app, confirmed('2027-03-10'));
    const err = refusal(() => recordFact(facts, correcting(app, received('2027-03-20')), NON_REGULATED));
    expect(err.params).toMatchObject({ type: 'receipt_confirmed', conflictsWith: facts[1]!.id });
  });

  it('refuses an unknown fact, a fact already superseded, and a reused id', () => {
    const app = received('2027-03-01');
    const facts = history(app);
    expect(refusal(() => recordFact(facts, { ...received('2027-03-01'), supersedes: 'f'.repeat(32) }, NON_REGULATED)).code).toBe('recognition_fact_unknown');
    const fixed = correcting(app, received('2027-03-02'));
    const corrected = recordFact(facts, fixed, NON_REGULATED);
    const again = refusal(() => recordFact(corrected, correcting(app, received('2027-03-03')), NON_REGULATED));
    expect(again.code).toBe('recognition_fact_already_superseded');
    expect(again.params).toEqual({ supersededBy: fixed.id });
    expect(recordFact(corrected, correcting(fixed, received('2027-03-03')), NON_REGULATED)).toHaveLength(3); // correct the correction
    expect(refusal(() => recordFact(facts, { ...confirmed('2027-03-05'), id: app.id }, NON_REGULATED)).code).toBe('recognition_fact_exists');
  });
});

describe('the derived state', () => {
  it('is suspended while a request for documents is within its period, then back in review', () => {
    const facts = history(...inReview(), requested('2027-05-01', '2027-05-31'));
    expect(recognitionState(facts, '2027-04-30')).toBe('in_review');
    expect(recognitionState(facts, '2027-05-01')).toBe('suspended');
    expect(recognitionState(facts, '2027-05-31')).toBe('suspended');
    expect(recognitionState(facts, '2027-06-01')).toBe('in_review');
  });

  it('is suspended while a skills analysis runs, also one begun before the documents were complete', () => {
    const facts = history(...base(), analysisStarted('2027-03-20'), complete('2027-04-03'));
    expect(recognitionState(facts, '2027-04-10')).toBe('suspended');
    expect(recognitionState(recordFact(facts, analysisEnded('2027-04-20'), NON_REGULATED), '2027-04-21')).toBe('in_review');
  });

  it('a request before the documents are complete leaves the state receipt_confirmed', () => {
    expect(recognitionState(history(...base(), requested('2027-03-15', '2027-04-15')), '2027-03-20')).toBe('receipt_confirmed');
  });
});

describe('the EU qualification', () => {
  it.each([
    ['PL', true],
    ['GR', true],
    ['NO', true],
    ['IS', true],
    ['LI', true],
    ['CH', true],
    ['GB', false],
    ['SY', false],
    ['TR', false],
    ['UA', false],
  ])('%s → %s', (country, eu) => {
    expect(isEuQualification({ qualification: { country } })).toBe(eu);
  });

  it('an explicit flag wins over the country', () => {
    expect(isEuQualification({ euQualification: true, qualification: { country: 'SY' } })).toBe(true);
    expect(isEuQualification({ euQualification: false, qualification: { country: 'PL' } })).toBe(false);
  });
});
