import { describe, expect, it } from 'vitest';
import { grantWarning } from '../../functions/domain/recognition-case.js';
import { newChecklist, outstandingDocuments, setDocumentState } from '../../functions/domain/recognition-checklist.js';
import { recognitionDeadlines } from '../../functions/domain/recognition-deadlines.js';
import type { Fact } from '../../functions/domain/recognition-facts.js';
import {
  adaptationFollowUp,
  deadlineReminders,
  nextReminder,
  recognitionReminders,
  translationReminders,
} from '../../functions/domain/recognition-reminders.js';
import {
  analysisStarted,
  complete,
  confirmed,
  correcting,
  decided,
  NON_REGULATED,
  planned,
  received,
  upToComplete,
  withdrawn,
} from './recognition-fixtures.js';

describe('the §5 checklist', () => {
  it('starts with every document missing, except what the intake had at hand', () => {
    const c = newChecklist('2027-02-01', ['cv_german', 'transcripts', 'something_else']);
    expect(c).toEqual({
      cv_german: { state: 'at_hand', since: '2027-02-01' },
      id_document: { state: 'missing', since: '2027-02-01' },
      certificates: { state: 'at_hand', since: '2027-02-01' },
      work_experience: { state: 'missing', since: '2027-02-01' },
      no_earlier_application: { state: 'missing', since: '2027-02-01' },
      translations: { state: 'missing', since: '2027-02-01' },
    });
    expect(outstandingDocuments(c)).toEqual(['id_document', 'work_experience', 'no_earlier_application', 'translations']);
  });

  it('records since when a document is in its state; the same state keeps the first day', () => {
    let c = newChecklist('2027-02-01');
    c = setDocumentState(c, 'certificates', 'translation_ordered', '2027-03-01');
    c = setDocumentState(c, 'certificates', 'translation_ordered', '2027-03-10');
    expect(c.certificates).toEqual({ state: 'translation_ordered', since: '2027-03-01' });
    expect(outstandingDocuments(c)).toContain('certificates');
    c = setDocumentState(c, 'certificates', 'translated', '2027-03-15');
    expect(c.certificates).toEqual({ state: 'translated', since: '2027-03-15' });
    expect(outstandingDocuments(c)).not.toContain('certificates');
  });

  it('refuses a date that is not one', () => {
    expect(() => newChecklist('2027-02-30')).toThrow(RangeError);
    expect(() => setDocumentState(newChecklist('2027-02-01'), 'cv_german', 'submitted', '1.3.2027')).toThrow(RangeError);
  });
});

describe('reminders a workflow waits for (once each, the day after `due`)', () => {
  it('a translation ordered for more than 3 weeks: ordered Mon 1 Mar → due Mon 22 Mar → 23 Mar 00:00 Berlin', () => {
    const c = setDocumentState(newChecklist('2027-02-01'), 'certificates', 'translation_ordered', '2027-03-01');
    expect(translationReminders(c)).toEqual([
      {
        kind: 'translation_pending',
        key: 'translation_pending:certificates:2027-03-22',
        due: '2027-03-22',
        remindAt: '2027-03-22T23:00:00.000Z', // winter time, UTC+1
        document: 'certificates',
      },
    ]);
    expect(translationReminders(setDocumentState(c, 'certificates', 'translated', '2027-03-15'))).toEqual([]);
  });

  it('a translation re-ordered later counts from the new day', () => {
    let c = setDocumentState(newChecklist('2027-02-01'), 'work_experience', 'translation_ordered', '2027-03-01');
    c = setDocumentState(setDocumentState(c, 'work_experience', 'at_hand', '2027-03-05'), 'work_experience', 'translation_ordered', '2027-04-01');
    expect(translationReminders(c).map((r) => [r.due, r.remindAt])).toEqual([['2027-04-22', '2027-04-22T22:00:00.000Z']]); // summer time
  });

  it('a partial decision with nothing recorded within 4 weeks: decision 5 Jul → due 2 Aug', () => {
    const facts = [...upToComplete('2027-04-03'), decided('2027-07-05', 'partial')];
    expect(adaptationFollowUp(facts)).toEqual({
      kind: 'adaptation_follow_up',
      key: 'adaptation_follow_up:2027-08-02',
      due: '2027-08-02',
      remindAt: '2027-08-02T22:00:00.000Z',
    });
    expect(adaptationFollowUp([...facts, planned('2027-07-20')])).toBeNull();
    expect(adaptationFollowUp([...facts, withdrawn('2027-07-20')])).toBeNull();
    expect(adaptationFollowUp([...upToComplete('2027-04-03'), decided('2027-07-05', 'full')])).toBeNull();
    expect(adaptationFollowUp(upToComplete('2027-04-03'))).toBeNull();
  });

  it('a decision corrected from full to partial starts the follow-up', () => {
    const full = decided('2027-07-05', 'full');
    const facts: Fact[] = [...upToComplete('2027-04-03'), full];
    expect(adaptationFollowUp(facts)).toBeNull();
    expect(adaptationFollowUp([...facts, correcting(full, decided('2027-07-05', 'partial'))])?.due).toBe('2027-08-02');
  });

  it('the unmet deadlines with a known due day: what to wait for', () => {
    const facts = [received('2027-03-03'), confirmed('2027-03-20'), complete('2027-04-03')];
    const deadlines = recognitionDeadlines(NON_REGULATED, facts, '2027-04-10');
    expect(deadlineReminders(deadlines)).toEqual([
      { kind: 'decision_overdue', key: 'decision_overdue:2027-07-05', due: '2027-07-05', remindAt: '2027-07-05T22:00:00.000Z' },
    ]);
    expect(deadlineReminders(recognitionDeadlines(NON_REGULATED, [received('2027-03-03')], '2027-03-04')).map((r) => r.key)).toEqual([
      'receipt_overdue:2027-04-05',
    ]);
    expect(deadlineReminders(recognitionDeadlines(NON_REGULATED, [...facts, analysisStarted('2027-05-01')], '2027-05-02'))).toEqual([]); // due open
    expect(deadlineReminders(recognitionDeadlines(NON_REGULATED, [...facts, decided('2027-06-01')], '2027-06-02'))).toEqual([]);
  });

  it('all of a case, earliest first; the next one not yet sent', () => {
    const facts = [received('2027-03-03'), confirmed('2027-03-20'), complete('2027-04-03')];
    const checklist = setDocumentState(newChecklist('2027-02-01'), 'translations', 'translation_ordered', '2027-06-01');
    const all = recognitionReminders({ deadlines: recognitionDeadlines(NON_REGULATED, facts, '2027-06-02'), checklist, facts });
    expect(all.map((r) => r.key)).toEqual(['translation_pending:translations:2027-06-22', 'decision_overdue:2027-07-05']);
    expect(nextReminder(all, [])?.key).toBe('translation_pending:translations:2027-06-22');
    expect(nextReminder(all, ['translation_pending:translations:2027-06-22'])?.key).toBe('decision_overdue:2027-07-05');
    expect(nextReminder(all, all.map((r) => r.key))).toBeUndefined();
  });

  it('translation reminders stop with the decision or a withdrawal', () => {
    const checklist = setDocumentState(newChecklist('2027-02-01'), 'translations', 'translation_ordered', '2027-06-01');
    const facts = [...upToComplete('2027-04-03'), decided('2027-06-10', 'partial')];
    const all = recognitionReminders({ deadlines: recognitionDeadlines(NON_REGULATED, facts, '2027-06-11'), checklist, facts });
    expect(all.map((r) => r.kind)).toEqual(['adaptation_follow_up']);
    const gone = [received('2027-03-03'), withdrawn('2027-03-10')];
    expect(recognitionReminders({ deadlines: recognitionDeadlines(NON_REGULATED, gone, '2027-03-11'), checklist, facts: gone })).toEqual([]);
  });
});

describe('the Anerkennungszuschuss must be applied for before costs arise', () => {
  const costs = [{ date: '2027-03-10' }, { date: '2027-02-20' }, { date: '2027-04-01' }];

  it('warns about costs dated before the application, naming the first', () => {
    expect(grantWarning({ payer: 'anerkennungszuschuss', grantAppliedOn: '2027-03-01' }, costs)).toEqual({
      code: 'costs_before_grant_application',
      firstCostOn: '2027-02-20',
      grantAppliedOn: '2027-03-01',
    });
    expect(grantWarning({ payer: 'anerkennungszuschuss' }, costs)).toEqual({ code: 'costs_before_grant_application', firstCostOn: '2027-02-20', grantAppliedOn: null });
  });

  it('is quiet when the application came first (the same day is in time), without costs, or for another payer', () => {
    expect(grantWarning({ payer: 'anerkennungszuschuss', grantAppliedOn: '2027-02-20' }, costs)).toBeNull();
    expect(grantWarning({ payer: 'anerkennungszuschuss' }, [])).toBeNull();
    expect(grantWarning({ payer: 'jobcenter' }, costs)).toBeNull();
    expect(grantWarning({}, costs)).toBeNull();
  });
});
