import { describe, expect, it } from 'vitest';
import {
  addMonths,
  addPeriod,
  countSuspendedDays,
  deadlineBasis,
  germanDate,
  germanLength,
  nextWorkingDay,
  recognitionDeadlines,
} from '../../functions/domain/recognition-deadlines.js';
import type { Fact } from '../../functions/domain/recognition-facts.js';
import {
  analysisEnded,
  analysisStarted,
  complete,
  confirmed,
  correcting,
  decided,
  extended,
  FAST_TRACK,
  NON_REGULATED,
  received,
  REGULATED,
  requested,
  upToComplete,
  withdrawn,
} from './recognition-fixtures.js';

const TODAY = '2027-01-10';
const decisionOf = (facts: Fact[], today = TODAY, terms = NON_REGULATED) => recognitionDeadlines(terms, facts, today).decision;
const receiptOf = (facts: Fact[], today = TODAY, terms = NON_REGULATED) => recognitionDeadlines(terms, facts, today).receipt;

describe('period arithmetic (§§187–193 BGB)', () => {
  it.each([
    ['2027-01-31', 1, '2027-02-28'],
    ['2028-01-31', 1, '2028-02-29'], // leap year
    ['2027-12-31', 2, '2028-02-29'], // across the year, into a leap February
    ['2100-01-31', 1, '2100-02-28'], // 2100 is no leap year
    ['2027-03-31', 1, '2027-04-30'],
    ['2027-04-03', 3, '2027-07-03'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2027-11-15', 3, '2028-02-15'],
    ['2027-05-31', 12, '2028-05-31'],
  ])('%s + %i months → %s', (from, months, end) => {
    expect(addMonths(from, months)).toBe(end);
  });

  it('ends a period of weeks on the same weekday', () => {
    expect(addPeriod('2027-03-03', { weeks: 2 })).toBe('2027-03-17'); // Wednesday → Wednesday
    expect(addPeriod('2027-02-22', { weeks: 1 })).toBe('2027-03-01');
    expect(addPeriod('2028-02-22', { weeks: 1 })).toBe('2028-02-29');
  });

  it('moves a weekend or NRW holiday to the next working day, and leaves a working day', () => {
    expect(nextWorkingDay('2027-07-05')).toBe('2027-07-05');
    expect(nextWorkingDay('2027-07-03')).toBe('2027-07-05'); // Saturday
    expect(nextWorkingDay('2027-02-28')).toBe('2027-03-01'); // Sunday
    expect(nextWorkingDay('2027-05-27')).toBe('2027-05-28'); // Fronleichnam (NRW)
    expect(nextWorkingDay('2027-03-26')).toBe('2027-03-30'); // Karfreitag, weekend, Ostermontag
  });

  it('counts suspended days once, both ends, only from the first day', () => {
    const span = (from: string, to: string) => ({ from, to });
    expect(countSuspendedDays([span('2027-04-28', '2027-05-03')], '2027-04-04')).toBe(6);
    expect(countSuspendedDays([span('2027-05-01', '2027-05-10'), span('2027-05-05', '2027-05-20')], '2027-04-04')).toBe(20);
    expect(countSuspendedDays([span('2027-05-01', '2027-05-31'), span('2027-05-10', '2027-05-12')], '2027-04-04')).toBe(31); // nested
    expect(countSuspendedDays([span('2027-05-01', '2027-05-05'), span('2027-05-06', '2027-05-10')], '2027-04-04')).toBe(10); // adjacent
    expect(countSuspendedDays([span('2027-05-05', '2027-05-05'), span('2027-05-05', '2027-05-05')], '2027-04-04')).toBe(1);
    expect(countSuspendedDays([span('2027-03-25', '2027-04-10')], '2027-04-04')).toBe(7);
    expect(countSuspendedDays([span('2027-03-01', '2027-04-03')], '2027-04-04')).toBe(0); // over before the period began
  });

  it('writes dates and lengths in German', () => {
    expect(germanDate('2026-10-31')).toBe('31.10.2026');
    expect([{ months: 1 }, { months: 3 }, { weeks: 1 }, { weeks: 2 }].map(germanLength)).toEqual(['1 Monat', '3 Monate', '1 Woche', '2 Wochen']);
  });
});

describe('the basis: § 6 (non-regulated), § 13 (regulated), § 14a (fast track); Abs. 2 receipt, Abs. 3 decision', () => {
  it.each([
    [false, false, '§ 6 Abs. 2 BQFG', '§ 6 Abs. 3 BQFG'],
    [true, false, '§ 13 Abs. 2 BQFG', '§ 13 Abs. 3 BQFG'],
    [false, true, '§ 14a Abs. 2 BQFG', '§ 14a Abs. 3 BQFG'],
    [true, true, '§ 14a Abs. 2 BQFG', '§ 14a Abs. 3 BQFG'],
  ])('regulated %s, fast track %s', (regulated, fastTrack, receipt, decision) => {
    expect(deadlineBasis('receipt', { regulated, fastTrack })).toBe(receipt);
    expect(deadlineBasis('decision', { regulated, fastTrack })).toBe(decision);
    const d = recognitionDeadlines({ regulated, fastTrack }, upToComplete('2027-04-03'), '2027-04-05');
    expect([d.receipt?.basis, d.decision?.basis]).toEqual([receipt, decision]);
  });
});

describe('the receipt deadline: one month after the application (fast track: two weeks)', () => {
  it('is absent before the application is received', () => {
    expect(recognitionDeadlines(NON_REGULATED, [], TODAY)).toEqual({});
  });

  it('ends on the last day of a shorter month: 31 Jan 2028 → 29 Feb 2028 (leap year)', () => {
    const r = receiptOf([received('2028-01-31')], '2028-02-01');
    expect(r).toMatchObject({ due: '2028-02-29', status: 'open', metOn: null, basis: '§ 6 Abs. 2 BQFG' });
    expect(r?.explanation).toBe('1 Monat ab 31.01.2028 → 29.02.2028');
    expect(r?.steps).toEqual({
      start: '2028-01-31',
      period: { months: 1 },
      originalEnd: '2028-02-29',
      extension: null,
      suspensions: [],
      suspendedDays: 0,
      end: '2028-02-29',
      shiftedBecause: null,
    });
  });

  it('31 Jan 2027 → 28 Feb 2027, a Sunday → Monday 1 March', () => {
    const r = receiptOf([received('2027-01-31')], '2027-02-01');
    expect(r).toMatchObject({ due: '2027-03-01', steps: { originalEnd: '2027-02-28', end: '2027-02-28', shiftedBecause: 'Sonntag' } });
    expect(r?.explanation).toBe('1 Monat ab 31.01.2027 → 28.02.2027 (Sonntag) → nächster Werktag 01.03.2027');
  });

  it('an end on an NRW holiday (Allerheiligen) moves to the next working day', () => {
    const r = receiptOf([received('2027-10-01')], '2027-10-02');
    expect(r).toMatchObject({ due: '2027-11-02', steps: { end: '2027-11-01', shiftedBecause: 'Allerheiligen' } });
  });

  it('fast track: two weeks, same weekday', () => {
    const r = receiptOf([received('2027-03-03')], '2027-03-04', FAST_TRACK);
    expect(r).toMatchObject({ due: '2027-03-17', basis: '§ 14a Abs. 2 BQFG', steps: { period: { weeks: 2 } } });
    expect(r?.explanation).toBe('2 Wochen ab 03.03.2027 → 17.03.2027');
  });

  it('is open up to and on the due day, overdue the day after, met once receipt is confirmed (late or not)', () => {
    const facts = [received('2027-03-03')];
    expect(receiptOf(facts, '2027-04-03')?.status).toBe('open');
    expect(receiptOf(facts, '2027-04-05')?.status).toBe('open'); // 3 Apr is a Saturday: due Monday 5 April
    expect(receiptOf(facts, '2027-04-06')?.status).toBe('overdue');
    expect(receiptOf([...facts, confirmed('2027-03-20')], '2027-04-06')).toMatchObject({ status: 'met', metOn: '2027-03-20' });
    expect(receiptOf([...facts, confirmed('2027-04-20')], '2027-04-21')).toMatchObject({ status: 'met', metOn: '2027-04-20', due: '2027-04-05' });
  });

  it('ends with a withdrawal unless it was met', () => {
    expect(receiptOf([received('2027-03-03'), withdrawn('2027-03-10')])).toBeUndefined();
    expect(receiptOf([received('2027-03-03'), confirmed('2027-03-05'), withdrawn('2027-03-10')])?.status).toBe('met');
  });
});

describe('the decision deadline: three months after the documents are complete (fast track: two months)', () => {
  it('is absent until the documents are complete', () => {
    expect(decisionOf([received('2027-03-01'), confirmed('2027-03-05')])).toBeUndefined();
  });

  it('the worked example of docs/domain.md: complete 2027-04-03 → 2027-07-03, a Saturday → 2027-07-05', () => {
    const d = decisionOf(upToComplete('2027-04-03'), '2027-05-01', REGULATED);
    expect(d).toMatchObject({ due: '2027-07-05', basis: '§ 13 Abs. 3 BQFG', status: 'open', suspendedDays: 0, extended: false, metOn: null });
    expect(d?.steps).toMatchObject({ start: '2027-04-03', period: { months: 3 }, originalEnd: '2027-07-03', end: '2027-07-03', shiftedBecause: 'Samstag' });
    expect(d?.explanation).toBe('3 Monate ab 03.04.2027 → 03.07.2027 (Samstag) → nächster Werktag 05.07.2027');
  });

  it('month end: complete 2026-11-30 → 28 Feb 2027 (Sunday) → 1 March', () => {
    expect(decisionOf(upToComplete('2026-11-30'))).toMatchObject({ due: '2027-03-01', steps: { originalEnd: '2027-02-28' } });
  });

  it('an end on Fronleichnam (an NRW holiday) moves to Friday', () => {
    expect(decisionOf(upToComplete('2027-02-27'))).toMatchObject({ due: '2027-05-28', steps: { end: '2027-05-27', shiftedBecause: 'Fronleichnam' } });
  });

  it('an end on Holy Saturday skips Easter Sunday and Monday', () => {
    expect(decisionOf(upToComplete('2026-12-27'))?.due).toBe('2027-03-30');
  });

  it('fast track: two months', () => {
    expect(decisionOf(upToComplete('2027-03-10'), TODAY, FAST_TRACK)).toMatchObject({ due: '2027-05-10', basis: '§ 14a Abs. 3 BQFG', steps: { period: { months: 2 } } });
    // 17 May 2027 is Pfingstmontag.
    expect(decisionOf(upToComplete('2027-03-17'), TODAY, FAST_TRACK)).toMatchObject({ due: '2027-05-18', steps: { shiftedBecause: 'Pfingstmontag' } });
  });

  describe('extension, counted from the end of the original period (§190 BGB)', () => {
    it('in months: 31 Oct 2026 → 31 Jan 2027 + 1 month → 28 Feb 2027 (Sunday) → 1 March', () => {
      const d = decisionOf([...upToComplete('2026-10-31'), extended('2027-01-15', { months: 1 })]);
      expect(d).toMatchObject({ due: '2027-03-01', extended: true });
      expect(d?.steps.extension).toEqual({ length: { months: 1 }, end: '2027-02-28', reason: 'Gutachten eingeholt' });
      expect(d?.explanation).toBe('3 Monate ab 31.10.2026, verlängert um 1 Monat → 28.02.2027 (Sonntag) → nächster Werktag 01.03.2027');
    });

    it('from the unshifted original end: 3 Jul 2027 (Saturday) + 1 month → 3 Aug, not 5 Aug', () => {
      expect(decisionOf([...upToComplete('2027-04-03'), extended('2027-06-01', { months: 1 })])?.due).toBe('2027-08-03');
    });

    it('in weeks: 3 Jul 2027 + 2 weeks → 17 Jul (Saturday) → 19 Jul', () => {
      const d = decisionOf([...upToComplete('2027-04-03'), extended('2027-06-01', { weeks: 2 })]);
      expect(d).toMatchObject({ due: '2027-07-19', steps: { extension: { length: { weeks: 2 }, end: '2027-07-17' } } });
      expect(d?.explanation).toBe('3 Monate ab 03.04.2027, verlängert um 2 Wochen → 17.07.2027 (Samstag) → nächster Werktag 19.07.2027');
    });

    it('extension and suspension together: "3 Monate ab 31.10.2026, verlängert um 1 Monat, 12 Tage gehemmt"', () => {
      const facts = [...upToComplete('2026-10-31'), requested('2026-12-01', '2026-12-12'), extended('2027-01-15', { months: 1 })];
      const d = decisionOf(facts);
      expect(d).toMatchObject({ due: '2027-03-12', suspendedDays: 12, extended: true });
      expect(d?.explanation).toBe('3 Monate ab 31.10.2026, verlängert um 1 Monat, 12 Tage gehemmt → 12.03.2027');
    });
  });

  describe('suspension', () => {
    const base = () => upToComplete('2027-04-03'); // original end 2027-07-03

    it('a skills analysis across a month end: 28 Apr – 3 May = 6 days → 9 Jul', () => {
      const d = decisionOf([...base(), analysisStarted('2027-04-28'), analysisEnded('2027-05-03')]);
      expect(d).toMatchObject({ due: '2027-07-09', suspendedDays: 6 });
      expect(d?.steps.suspensions).toEqual([{ kind: 'skills_analysis', from: '2027-04-28', to: '2027-05-03' }]);
      expect(d?.explanation).toBe('3 Monate ab 03.04.2027, 6 Tage gehemmt → 09.07.2027');
    });

    it('overlapping suspensions count each day once: 1–10 May and 5–20 May = 20 days → 23 Jul', () => {
      const d = decisionOf([...base(), analysisStarted('2027-05-01'), requested('2027-05-05', '2027-05-20'), analysisEnded('2027-05-10')]);
      expect(d).toMatchObject({ due: '2027-07-23', suspendedDays: 20 });
    });

    it('a request sent before the decision period counts only from its first day (4 Apr): 7 days → 10 Jul (Sat) → 12 Jul', () => {
      const facts = [received('2027-03-01'), confirmed('2027-03-10'), requested('2027-03-25', '2027-04-10'), complete('2027-04-03')];
      expect(decisionOf(facts)).toMatchObject({ due: '2027-07-12', suspendedDays: 7, steps: { end: '2027-07-10' } });
    });

    it('the day the documents became complete is not suspended: a request 3–5 Apr adds 2 days', () => {
      expect(decisionOf([...base(), requested('2027-04-03', '2027-04-05')])?.suspendedDays).toBe(2);
    });

    it('a skills analysis over before the period began adds nothing', () => {
      const facts = [received('2027-03-01'), confirmed('2027-03-02'), analysisStarted('2027-03-05'), analysisEnded('2027-03-20'), complete('2027-04-03')];
      expect(decisionOf(facts)).toMatchObject({ due: '2027-07-05', suspendedDays: 0 });
    });

    it('a skills analysis without an end leaves the date open (null), counting the rest', () => {
      const facts = [...base(), requested('2027-04-10', '2027-04-14'), analysisStarted('2027-05-01')];
      const d = decisionOf(facts, '2027-09-01');
      expect(d).toMatchObject({ due: null, status: 'open', suspendedDays: 5, steps: { end: null, shiftedBecause: null } });
      expect(d?.explanation).toBe('3 Monate ab 03.04.2027, 5 Tage gehemmt, Qualifikationsanalyse seit 01.05.2027 ohne Ende: Fristende offen');
      expect(decisionOf([...facts, analysisEnded('2027-05-10')])).toMatchObject({ due: '2027-07-19', suspendedDays: 15 });
    });

    it('a skills analysis begun before the documents were complete and still running: open', () => {
      const facts = [received('2027-03-01'), confirmed('2027-03-02'), analysisStarted('2027-03-20'), complete('2027-04-03')];
      expect(decisionOf(facts)?.due).toBeNull();
    });
  });

  it('status: open up to the due day, overdue after, met with the decision', () => {
    const facts = upToComplete('2027-04-03');
    expect(decisionOf(facts, '2027-07-05')?.status).toBe('open');
    expect(decisionOf(facts, '2027-07-06')?.status).toBe('overdue');
    expect(decisionOf([...facts, decided('2027-06-30', 'partial')], '2027-07-06')).toMatchObject({ status: 'met', metOn: '2027-06-30' });
    expect(decisionOf([...facts, decided('2027-07-20')], '2027-07-21')).toMatchObject({ status: 'met', metOn: '2027-07-20', due: '2027-07-05' });
  });

  it('ends with a withdrawal before the decision', () => {
    expect(decisionOf([...upToComplete('2027-04-03'), withdrawn('2027-05-01')])).toBeUndefined();
  });
});

describe('corrections: only facts in force count', () => {
  it('a corrected completion date moves the deadline', () => {
    const wrong = complete('2027-04-03');
    const facts = [received('2027-03-01'), confirmed('2027-03-02'), wrong];
    expect(decisionOf(facts)?.due).toBe('2027-07-05');
    expect(decisionOf([...facts, correcting(wrong, complete('2027-04-10'))])).toMatchObject({ due: '2027-07-12', steps: { start: '2027-04-10' } });
  });

  it('a corrected extension replaces the first one', () => {
    const two = extended('2027-06-01', { months: 2 });
    const facts = [...upToComplete('2027-04-03'), two];
    expect(decisionOf(facts)?.due).toBe('2027-09-03');
    expect(decisionOf([...facts, correcting(two, extended('2027-06-01', { weeks: 1 }))])).toMatchObject({ due: '2027-07-12', extended: true });
  });

  it('a corrected request period changes the suspended days', () => {
    const req = requested('2027-05-01', '2027-05-31');
    const facts = [...upToComplete('2027-04-03'), req];
    expect(decisionOf(facts)?.suspendedDays).toBe(31);
    expect(decisionOf([...facts, correcting(req, requested('2027-05-01', '2027-05-10'))])?.suspendedDays).toBe(10);
  });

  it('a corrected receipt confirmation date changes metOn', () => {
    const c = confirmed('2027-04-20');
    const facts = [received('2027-03-03'), c];
    expect(receiptOf([...facts, correcting(c, confirmed('2027-03-20'))], '2027-04-21')).toMatchObject({ status: 'met', metOn: '2027-03-20' });
  });
});
