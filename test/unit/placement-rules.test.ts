import { describe, expect, it } from 'vitest';
import {
  answerDueTimes,
  checkInDate,
  checkPlacementDates,
  feedbackDueTimes,
  followUpTimes,
  maxPlacementDays,
  nextDueAt,
  placementDays,
  placementIdFor,
  secondsUntil,
} from '../../functions/domain/placement-rules.js';
import { PlacementInput } from '../../schemas/placement-inputs.js';
import { placementBody } from '../fixtures.js';

describe('the length cap of a trial placement (§45 SGB III)', () => {
  it('counts the first and the last day', () => {
    expect(placementDays('2027-03-01', '2027-03-01')).toBe(1);
    expect(placementDays('2027-03-01', '2027-04-11')).toBe(42);
    // Across the change to summer time (28 March 2027) and a leap day.
    expect(placementDays('2027-03-20', '2027-04-05')).toBe(17);
    expect(placementDays('2028-02-28', '2028-03-01')).toBe(3);
  });

  it('is 42 days, and 84 only for a long-term unemployed participant with serious obstacles', () => {
    expect(maxPlacementDays('unemployed', false)).toBe(42);
    expect(maxPlacementDays('unemployed', true)).toBe(42);
    expect(maxPlacementDays('long_term_unemployed', false)).toBe(42);
    expect(maxPlacementDays('long_term_unemployed', true)).toBe(84);
    expect(maxPlacementDays('inactive', true)).toBe(42);
  });

  it('refuses one day more than the cap, at endDate, naming the cap', () => {
    const today = '2027-02-15';
    expect(checkPlacementDates({ startDate: '2027-03-01', endDate: '2027-04-11' }, today, 42)).toEqual([]);
    expect(checkPlacementDates({ startDate: '2027-03-01', endDate: '2027-04-12' }, today, 42)).toEqual([
      { path: ['endDate'], code: 'placement_too_long', params: { max: 42 } },
    ]);
    expect(checkPlacementDates({ startDate: '2027-03-01', endDate: '2027-05-23' }, today, 84)).toEqual([]);
    expect(checkPlacementDates({ startDate: '2027-03-01', endDate: '2027-05-24' }, today, 84)).toEqual([
      { path: ['endDate'], code: 'placement_too_long', params: { max: 84 } },
    ]);
  });

  it('wants the start today or later (Berlin date) and the end not before the start', () => {
    expect(checkPlacementDates({ startDate: '2027-02-15', endDate: '2027-02-15' }, '2027-02-15', 42)).toEqual([]);
    expect(checkPlacementDates({ startDate: '2027-02-14', endDate: '2027-02-20' }, '2027-02-15', 42)).toEqual([{ path: ['startDate'], code: 'placement_start_in_past' }]);
    expect(checkPlacementDates({ startDate: '2027-03-02', endDate: '2027-03-01' }, '2027-02-15', 42)).toEqual([{ path: ['endDate'], code: 'placement_end_before_start' }]);
  });
});

describe('the contract of a placement request', () => {
  it('takes exactly the documented fields, seriousObstacles defaulting to false', () => {
    const parsed = PlacementInput.parse(placementBody('2027-02-15'));
    expect(parsed.seriousObstacles).toBe(false);
    const full = PlacementInput.parse(
      placementBody('2027-02-15', {
        employer: { name: 'B', contactName: 'C', email: 'c@b.example.org', phone: '+49 203 1234-56', address: 'Weseler Str. 1, Duisburg' },
        tasks: 'Regale einräumen',
        place: 'Filiale Marxloh',
        supervisor: { name: 'Herr Korn', phone: '0203 123456' },
        accidentInsurance: 'über die Agentur für Arbeit',
        seriousObstacles: true,
        note: 'kommt mit dem Bus',
      }),
    );
    expect(full.employer.phone).toBe('+4920312345' + '6');
    expect(full.supervisor?.phone).toBe('0203123456');
  });

  it.each([
    ['weeklyHours 0', { weeklyHours: 0 }],
    ['weeklyHours 41', { weeklyHours: 41 }],
    ['an unknown field', { salary: 1 }],
    ['a date that does not exist', { startDate: '2027-02-30' }],
    ['no role', { role: '' }],
  ])('refuses %s', (_what, extra) => {
    expect(PlacementInput.safeParse(placementBody('2027-02-15', extra)).success).toBe(false);
  });

  it('needs every required field', () => {
    for (const field of ['participantId', 'employer', 'role', 'startDate', 'endDate', 'weeklyHours']) {
      const body = placementBody('2027-02-15');
      delete body[field];
      expect(PlacementInput.safeParse(body).success, field).toBe(false);
    }
    for (const field of ['name', 'contactName', 'email']) {
      const body = placementBody('2027-02-15');
      delete body['employer'][field];
      expect(PlacementInput.safeParse(body).success, `employer.${field}`).toBe(false);
    }
  });
});

describe('due times', () => {
  it('waits 3, 6 and 10 NRW working days for the answer (Easter 2027 skipped)', () => {
    // Wed 24 March 2027, 10:00 Berlin: Good Friday 26 March and Easter Monday 29 March are holidays.
    const due = answerDueTimes(new Date('2027-03-24T09:00:00Z'));
    expect(due).toEqual({
      from: '2027-03-24T09:00:00.000Z',
      firstReminderAt: '2027-03-31T22:00:00.000Z', // end of Wed 31 March (Thu 25, Tue 30, Wed 31)
      secondReminderAt: '2027-04-05T22:00:00.000Z', // end of Mon 5 April
      closesAt: '2027-04-09T22:00:00.000Z', // end of Fri 9 April
    });
    expect(feedbackDueTimes(new Date('2027-03-24T09:00:00Z')).closesAt > due.closesAt).toBe(true);
  });

  it('checks in half-way and asks for feedback on the last day, at 09:00 Berlin', () => {
    expect(checkInDate('2027-03-02', '2027-03-12')).toBe('2027-03-08'); // day 6 of 11, a Monday
    expect(checkInDate('2027-03-01', '2027-03-01')).toBe('2027-03-01');
    // The middle day is a Sunday: the Monday after; Easter Monday 2027: the Tuesday.
    expect(checkInDate('2027-03-08', '2027-03-19')).toBe('2027-03-15');
    expect(checkInDate('2027-03-22', '2027-04-04')).toBe('2027-03-30');
    expect(checkInDate('2027-03-23', '2027-04-03')).toBe('2027-03-30');
    // Never after the last day: a weekend placement checks in on its middle day.
    expect(checkInDate('2027-03-06', '2027-03-07')).toBe('2027-03-07');
    expect(followUpTimes({ startDate: '2027-03-01', endDate: '2027-04-11' })).toEqual({
      checkInAt: '2027-03-22T08:00:00.000Z', // 09:00 CET
      feedbackAt: '2027-04-11T07:00:00.000Z', // 09:00 CEST
    });
  });

  it('names the next open step and the seconds until then', () => {
    const due = { from: 'x', firstReminderAt: '2027-01-05T23:00:00.000Z', secondReminderAt: '2027-01-08T23:00:00.000Z', closesAt: '2027-01-14T23:00:00.000Z' };
    expect(nextDueAt(due, new Date('2027-01-04T00:00:00Z'))).toBe(due.firstReminderAt);
    expect(nextDueAt({ ...due, firstReminderSentAt: 'y' }, new Date('2027-01-04T00:00:00Z'))).toBe(due.secondReminderAt);
    // Woken late (after a restart): past due times are behind it.
    expect(nextDueAt(due, new Date('2027-01-10T00:00:00Z'))).toBe(due.closesAt);
    expect(secondsUntil('2027-01-01T00:00:10.200Z', new Date('2027-01-01T00:00:00Z'))).toBe(11);
    expect(secondsUntil('2026-01-01T00:00:00Z', new Date('2027-01-01T00:00:00Z'))).toBe(1);
  });
});

describe('placement ids', () => {
  it('derive from the Idempotency-Key and the site, else are random', () => {
    expect(placementIdFor('marxloh', 'key-123456')).toBe(placementIdFor('marxloh', 'key-123456'));
    expect(placementIdFor('marxloh', 'key-123456')).not.toBe(placementIdFor('hochfeld', 'key-123456'));
    expect(placementIdFor('marxloh', undefined)).toMatch(/^[0-9a-f]{32}$/);
    expect(placementIdFor('marxloh', undefined)).not.toBe(placementIdFor('marxloh', undefined));
  });
});
