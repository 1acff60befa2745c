import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addWorkingDays,
  berlinDate,
  berlinMidnight,
  easterSunday,
  isPublicHolidayNrw,
  isWorkingDay,
  publicHolidaysNrw,
  workingDaysDeadline,
} from '../../functions/domain/working-days.js';

const at = (iso: string) => new Date(iso);
const deadline = (from: string, n: number) => workingDaysDeadline(at(from), n).toISOString();

describe('Easter Sunday (Gregorian computus)', () => {
  // Published dates of Western Easter.
  it.each([
    [1583, '1583-04-10'],
    [1818, '1818-03-22'],
    [1943, '1943-04-25'],
    [1961, '1961-04-02'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2100, '2100-03-28'],
    [2285, '2285-03-22'],
  ])('%i → %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('always falls on a Sunday between 22 March and 25 April', () => {
    for (let year = 1583; year <= 3000; year++) {
      const easter = easterSunday(year);
      expect(new Date(`${easter}T00:00:00Z`).getUTCDay()).toBe(0);
      expect(easter.slice(5) >= '03-22' && easter.slice(5) <= '04-25').toBe(true);
    }
  });

  it('rejects years outside the Gregorian calendar', () => {
    expect(() => easterSunday(1582)).toThrow(RangeError);
    expect(() => easterSunday(2026.5)).toThrow(RangeError);
  });
});

describe('public holidays in NRW', () => {
  it('lists exactly the holidays of 2026, in order, with German names', () => {
    expect(publicHolidaysNrw(2026)).toEqual([
      { date: '2026-01-01', name: 'Neujahr' },
      { date: '2026-04-03', name: 'Karfreitag' },
      { date: '2026-04-06', name: 'Ostermontag' },
      { date: '2026-05-01', name: 'Tag der Arbeit' },
      { date: '2026-05-14', name: 'Christi Himmelfahrt' },
      { date: '2026-05-25', name: 'Pfingstmontag' },
      { date: '2026-06-04', name: 'Fronleichnam' },
      { date: '2026-10-03', name: 'Tag der Deutschen Einheit' },
      { date: '2026-11-01', name: 'Allerheiligen' },
      { date: '2026-12-25', name: '1. Weihnachtstag' },
      { date: '2026-12-26', name: '2. Weihnachtstag' },
    ]);
  });

  it('includes Corpus Christi and All Saints (NRW), not Reformation Day or Christmas Eve', () => {
    expect(isPublicHolidayNrw('2026-06-04')).toBe(true); // Fronleichnam
    expect(isPublicHolidayNrw('2025-06-19')).toBe(true); // Fronleichnam
    expect(isPublicHolidayNrw('2024-11-01')).toBe(true); // Allerheiligen
    expect(isPublicHolidayNrw('2024-10-31')).toBe(false); // Reformationstag: not in NRW
    expect(isPublicHolidayNrw('2026-12-24')).toBe(false);
    expect(isPublicHolidayNrw('2026-12-31')).toBe(false);
    expect(isPublicHolidayNrw('2026-04-02')).toBe(false); // Maundy Thursday
    expect(isPublicHolidayNrw('2026-05-24')).toBe(false); // Whit Sunday: a Sunday anyway, no holiday of its own
  });

  it('includes the one-off Reformation Day of 2017 (nationwide), in that year only', () => {
    expect(isPublicHolidayNrw('2017-10-31')).toBe(true);
    expect(publicHolidaysNrw(2017)).toContainEqual({ date: '2017-10-31', name: 'Reformationstag (500 Jahre Reformation)' });
    expect(publicHolidaysNrw(2017)).toHaveLength(12);
    expect(isPublicHolidayNrw('2016-10-31')).toBe(false);
    expect(isPublicHolidayNrw('2018-10-31')).toBe(false);
    expect(isWorkingDay('2017-10-31')).toBe(false); // a Tuesday
  });

  it('computes years far ahead (nothing is hand-listed)', () => {
    expect(publicHolidaysNrw(2100).map((h) => h.date)).toEqual([
      '2100-01-01',
      '2100-03-26',
      '2100-03-29',
      '2100-05-01',
      '2100-05-06',
      '2100-05-17',
      '2100-05-27',
      '2100-10-03',
      '2100-11-01',
      '2100-12-25',
      '2100-12-26',
    ]);
    expect(isWorkingDay('2100-03-26')).toBe(false); // Good Friday
    expect(addWorkingDays('2100-03-25', 1)).toBe('2100-03-30'); // Thu → Good Friday, weekend, Easter Monday → Tue
    expect(addWorkingDays('2100-02-26', 1)).toBe('2100-03-01'); // Fri; 2100 is not a leap year
  });
});

describe('working days', () => {
  it('skips weekends and holidays', () => {
    expect(isWorkingDay('2026-03-06')).toBe(true); // Friday
    expect(isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-08')).toBe(false); // Sunday
    expect(isWorkingDay('2026-04-03')).toBe(false); // Good Friday
    expect(isWorkingDay('2026-12-24')).toBe(true); // Christmas Eve is a working day
  });

  it('counts from the day after, never the day itself', () => {
    expect(addWorkingDays('2026-03-09', 0)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-09', 1)).toBe('2026-03-10'); // Mon → Tue
    expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-09'); // Fri → Mon
    expect(addWorkingDays('2026-03-07', 1)).toBe('2026-03-09'); // Sat → Mon
    expect(addWorkingDays('2026-03-08', 2)).toBe('2026-03-10'); // Sun → Mon, Tue
    expect(addWorkingDays('2026-03-09', 5)).toBe('2026-03-16'); // a full week
  });

  it('skips Easter: Thursday before Easter → Tuesday, Wednesday after', () => {
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
    expect(addWorkingDays('2026-04-02', 2)).toBe('2026-04-08');
    expect(addWorkingDays('2026-04-02', 5)).toBe('2026-04-13');
  });

  it('spans Christmas and New Year', () => {
    // Wed 23 Dec 2026: Thu 24, (Fri 25, Sat 26, Sun 27), Mon 28, Tue 29, Wed 30, Thu 31.
    expect(addWorkingDays('2026-12-23', 2)).toBe('2026-12-28');
    expect(addWorkingDays('2026-12-23', 5)).toBe('2026-12-31');
    // Thu 31 Dec 2026: (Fri 1 Jan 2027, weekend) → Mon 4 Jan 2027.
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
  });

  it('skips Corpus Christi and All Saints in NRW', () => {
    expect(addWorkingDays('2026-06-03', 1)).toBe('2026-06-05'); // Wed → (Thu 4 Jun Fronleichnam) → Fri
    expect(addWorkingDays('2024-10-31', 1)).toBe('2024-11-04'); // Thu → (Fri 1 Nov Allerheiligen, weekend) → Mon
    expect(addWorkingDays('2027-10-29', 1)).toBe('2027-11-02'); // Fri → (weekend, Mon 1 Nov) → Tue
  });

  it('rejects malformed dates and counts', () => {
    for (const bad of ['2026-02-29', '2026-4-1', '2026-13-01', '26-04-01', '2026-04-01T00:00', '']) {
      expect(() => addWorkingDays(bad, 1), bad).toThrow(RangeError);
      expect(() => isWorkingDay(bad), bad).toThrow(RangeError);
    }
    expect(() => addWorkingDays('2026-04-01', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-04-01', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-04-01', Number.NaN)).toThrow(RangeError);
  });

  it('adds calendar days across months and leap days', () => {
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('Berlin dates and midnights', () => {
  it('takes the calendar date in Berlin, not in UTC', () => {
    expect(berlinDate(at('2026-03-10T22:59:59.999Z'))).toBe('2026-03-10'); // 23:59 CET
    expect(berlinDate(at('2026-03-10T23:30:00Z'))).toBe('2026-03-11'); // 00:30 CET
    expect(berlinDate(at('2026-07-10T21:59:59.999Z'))).toBe('2026-07-10'); // 23:59 CEST
    expect(berlinDate(at('2026-07-10T22:00:00Z'))).toBe('2026-07-11'); // 00:00 CEST
    expect(berlinDate(at('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });

  it('is 00:00 at +01:00 in winter and +02:00 in summer, across both DST changes', () => {
    // Spring: Sun 29 Mar 2026, 02:00 CET → 03:00 CEST.
    expect(berlinMidnight('2026-03-28').toISOString()).toBe('2026-03-27T23:00:00.000Z');
    expect(berlinMidnight('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z'); // before the change
    expect(berlinMidnight('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z'); // day after
    // Autumn: Sun 25 Oct 2026, 03:00 CEST → 02:00 CET.
    expect(berlinMidnight('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z'); // before the change
    expect(berlinMidnight('2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z'); // day after
    expect(berlinMidnight('2027-03-29').toISOString()).toBe('2027-03-28T22:00:00.000Z'); // change on Sun 28 Mar 2027
  });

  it('reads instants during the DST changes', () => {
    expect(berlinDate(at('2026-03-29T01:30:00Z'))).toBe('2026-03-29'); // 03:30 CEST
    expect(berlinDate(at('2026-10-25T00:30:00Z'))).toBe('2026-10-25'); // 02:30 CEST, first pass
    expect(berlinDate(at('2026-10-25T01:30:00Z'))).toBe('2026-10-25'); // 02:30 CET, second pass
    expect(berlinDate(at('2026-10-25T22:59:59Z'))).toBe('2026-10-25'); // 23:59:59 CET
    expect(berlinDate(at('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
  });

  it('berlinMidnight is the first instant of the Berlin day, every day of 2026 and 2100', () => {
    for (const year of [2026, 2100]) {
      for (let date = `${year}-01-01`; date.startsWith(String(year)); date = addCalendarDays(date, 1)) {
        const midnight = berlinMidnight(date);
        expect(berlinDate(midnight)).toBe(date);
        expect(berlinDate(new Date(midnight.getTime() - 1))).toBe(addCalendarDays(date, -1));
      }
    }
  });

  it('does not depend on the time zone of the process', () => {
    const saved = process.env['TZ'];
    try {
      process.env['TZ'] = 'America/Los_Angeles';
      expect(berlinDate(at('2026-03-10T23:30:00Z'))).toBe('2026-03-11');
      expect(deadline('2026-04-02T08:00:00Z', 2)).toBe('2026-04-08T22:00:00.000Z');
      process.env['TZ'] = 'Pacific/Kiritimati';
      expect(berlinMidnight('2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z');
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
  });

  it('rejects invalid instants', () => {
    expect(() => berlinDate(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => workingDaysDeadline(new Date('nonsense'), 2)).toThrow(RangeError);
  });
});

describe('workingDaysDeadline', () => {
  it('intake on Maundy Thursday 2026: the reminder after Tue 7 and Wed 8 April have ended', () => {
    const from = '2026-04-02T09:15:00Z'; // Thu 2 Apr 2026, 11:15 CEST
    expect(deadline(from, 2)).toBe('2026-04-08T22:00:00.000Z'); // Thu 9 Apr 00:00 CEST
    expect(berlinDate(workingDaysDeadline(at(from), 2))).toBe('2026-04-09');
    // Escalation after 5: Tue 7, Wed 8, Thu 9, Fri 10, Mon 13 → Tue 14 Apr 00:00 CEST.
    expect(deadline(from, 5)).toBe('2026-04-13T22:00:00.000Z');
  });

  it('the time of day of the intake does not matter, only its Berlin date', () => {
    expect(deadline('2026-04-01T22:00:00Z', 2)).toBe('2026-04-08T22:00:00.000Z'); // Thu 00:00 CEST
    expect(deadline('2026-04-02T21:59:59Z', 2)).toBe('2026-04-08T22:00:00.000Z'); // Thu 23:59 CEST
    expect(deadline('2026-04-01T21:59:59Z', 2)).toBe('2026-04-07T22:00:00.000Z'); // Wed 23:59 CEST → Thu 2, Tue 7
  });

  it('an intake on a weekend or holiday counts from the next working day', () => {
    // Sat 7 / Sun 8 Mar 2026 → Mon 9, Tue 10 → Wed 11 Mar 00:00 CET.
    expect(deadline('2026-03-07T10:00:00Z', 2)).toBe('2026-03-10T23:00:00.000Z');
    expect(deadline('2026-03-08T10:00:00Z', 2)).toBe('2026-03-10T23:00:00.000Z');
    // Fri 6 Mar, 23:30 UTC is already Saturday in Berlin.
    expect(deadline('2026-03-06T23:30:00Z', 2)).toBe('2026-03-10T23:00:00.000Z');
    // Good Friday, Easter Sunday and Easter Monday 2026 → Tue 7, Wed 8 → Thu 9 Apr.
    for (const from of ['2026-04-03T10:00:00Z', '2026-04-05T10:00:00Z', '2026-04-06T10:00:00Z']) {
      expect(deadline(from, 2), from).toBe('2026-04-08T22:00:00.000Z');
    }
  });

  it('an instant late in the UTC evening belongs to the next Berlin day', () => {
    // 2026-03-10T23:30Z is Wed 11 Mar 00:30 CET → Thu 12, Fri 13 → Sat 14 Mar 00:00 CET.
    expect(deadline('2026-03-10T23:30:00Z', 2)).toBe('2026-03-13T23:00:00.000Z');
    // Half an hour earlier it is still Tue 10 Mar → Wed 11, Thu 12 → Fri 13 Mar 00:00 CET.
    expect(deadline('2026-03-10T22:59:00Z', 2)).toBe('2026-03-12T23:00:00.000Z');
  });

  it('is 00:00 Berlin with the right offset around the spring DST change', () => {
    // Wed 25 Mar (CET) → Thu 26 → Fri 27 Mar 00:00 CET (+01:00).
    expect(deadline('2026-03-25T12:00:00Z', 1)).toBe('2026-03-26T23:00:00.000Z');
    // Thu 26 Mar (CET) → Fri 27, Mon 30 → Tue 31 Mar 00:00 CEST (+02:00).
    expect(deadline('2026-03-26T12:00:00Z', 2)).toBe('2026-03-30T22:00:00.000Z');
    // Intake on the change day itself (Sun 29 Mar, 03:30 CEST) → Mon 30 → Tue 31 Mar 00:00 CEST.
    expect(deadline('2026-03-29T01:30:00Z', 1)).toBe('2026-03-30T22:00:00.000Z');
  });

  it('is 00:00 Berlin with the right offset around the autumn DST change', () => {
    // Wed 21 Oct (CEST) → Thu 22 → Fri 23 Oct 00:00 CEST (+02:00).
    expect(deadline('2026-10-21T12:00:00Z', 1)).toBe('2026-10-22T22:00:00.000Z');
    // Thu 22 Oct (CEST) → Fri 23, Mon 26 → Tue 27 Oct 00:00 CET (+01:00).
    expect(deadline('2026-10-22T12:00:00Z', 2)).toBe('2026-10-26T23:00:00.000Z');
    // Intake at 02:30 CET on the change day (Sun 25 Oct) → Mon 26 → Tue 27 Oct 00:00 CET.
    expect(deadline('2026-10-25T01:30:00Z', 1)).toBe('2026-10-26T23:00:00.000Z');
  });

  it('spans Christmas and New Year', () => {
    // Wed 23 Dec 2026 → Thu 24, Mon 28 → Tue 29 Dec 00:00 CET.
    expect(deadline('2026-12-23T12:00:00Z', 2)).toBe('2026-12-28T23:00:00.000Z');
    // … 5: Thu 24, Mon 28, Tue 29, Wed 30, Thu 31 → Fri 1 Jan 2027 00:00 CET.
    expect(deadline('2026-12-23T12:00:00Z', 5)).toBe('2026-12-31T23:00:00.000Z');
    // Thu 31 Dec 2026 → Mon 4, Tue 5 Jan 2027 → Wed 6 Jan 2027 00:00 CET.
    expect(deadline('2026-12-31T12:00:00Z', 2)).toBe('2027-01-05T23:00:00.000Z');
  });

  it('skips Corpus Christi and All Saints', () => {
    // Wed 3 Jun 2026 → (Thu 4 Fronleichnam) Fri 5, Mon 8 → Tue 9 Jun 00:00 CEST.
    expect(deadline('2026-06-03T12:00:00Z', 2)).toBe('2026-06-08T22:00:00.000Z');
    // Thu 31 Oct 2024 → (Fri 1 Nov Allerheiligen) Mon 4, Tue 5 → Wed 6 Nov 00:00 CET.
    expect(deadline('2024-10-31T12:00:00Z', 2)).toBe('2024-11-05T23:00:00.000Z');
  });

  it('works for years far ahead', () => {
    // Thu 25 Mar 2100 → (Good Friday 26, weekend, Easter Monday 29) Tue 30, Wed 31 → Thu 1 Apr 2100 00:00 CEST.
    expect(deadline('2100-03-25T12:00:00Z', 2)).toBe('2100-03-31T22:00:00.000Z');
  });

  it('n = 0 is the end of the intake day itself', () => {
    expect(deadline('2026-03-10T12:00:00Z', 0)).toBe('2026-03-10T23:00:00.000Z');
  });
});
