import { describe, expect, it } from 'vitest';
import { DOCUMENTS, EDUCATION_LEVELS, EMPLOYMENT_STATUSES, GENDERS, HELP_WANTED, PART2_ANSWERS } from '../../schemas/intake.js';
import { CONTACT_CHANNELS, PARTICIPANT_STATUSES, ROLES, WITHDRAWAL_REASONS } from '../../schemas/staff.js';
import { ageOn, berlinToday, formatDateTime, formatDay, formatDue, formatShortDateTime, formatWaiting } from '../../web/console/app/format.js';
import * as L from '../../web/console/app/labels.js';
import { match, withQuery } from '../../web/console/app/paths.js';
import { navFor, startPathFor, type View } from '../../web/console/app/views.js';

/** The console's pure parts: German dates in Berlin time, a label for every code, the route table's matching. */

describe('dates and times in Berlin, in German', () => {
  it('says a follow-up due at 00:00 Berlin as 24:00 of the day before, as the mails do', () => {
    // 00:00 on Friday 4 June 2027 in Berlin (summer time, UTC+2) is the end of Thursday 3 June.
    expect(formatDue('2027-06-03T22:00:00.000Z', new Date('2027-06-01T10:00:00Z'))).toBe('Do., 3. Juni, 24:00');
    // Winter time (UTC+1); another year is named.
    expect(formatDue('2027-01-07T23:00:00.000Z', new Date('2026-12-30T10:00:00Z'))).toBe('Do., 7. Januar 2027, 24:00');
    // A due time that is not midnight keeps its time.
    expect(formatDue('2027-06-03T12:30:00.000Z', new Date('2027-06-01T10:00:00Z'))).toBe('Do., 3. Juni, 14:30');
  });

  it('formats instants in Berlin time whatever the browser\'s zone, and calendar days as they are', () => {
    expect(formatDateTime('2027-03-28T00:30:00Z')).toBe('28. März 2027 um 01:30');
    expect(formatDateTime('2027-03-28T01:30:00Z')).toBe('28. März 2027 um 03:30'); // after the switch to summer time
    expect(formatShortDateTime('2026-12-31T23:30:00Z')).toBe('01.01.2027, 00:30');
    expect(formatDay('2027-06-03')).toBe('3. Juni 2027');
    expect(berlinToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(ageOn('1979-04-12', '2027-04-11')).toBe(47);
    expect(ageOn('1979-04-12', '2027-04-12')).toBe(48);
    expect(formatWaiting('2027-06-01T10:00:00Z', new Date('2027-06-04T11:00:00Z'))).toBe('seit 3 Tagen');
    expect(formatWaiting('2027-06-01T10:00:00Z', new Date('2027-06-01T10:20:00Z'))).toBe('seit weniger als einer Stunde');
  });
});

describe('German labels', () => {
  const cases: [string, readonly string[], Record<string, string>][] = [
    ['gender', GENDERS, L.GENDER_LABELS],
    ['employment status', EMPLOYMENT_STATUSES, L.EMPLOYMENT_LABELS],
    ['education level', EDUCATION_LEVELS, L.EDUCATION_LABELS],
    ['part 2 answer', PART2_ANSWERS, L.PART2_ANSWER_LABELS],
    ['help wanted', HELP_WANTED, L.HELP_LABELS],
    ['document', DOCUMENTS, L.DOCUMENT_LABELS],
    ['participant status', PARTICIPANT_STATUSES, L.STATUS_LABELS],
    ['role', ROLES, L.ROLE_LABELS],
    ['contact channel', CONTACT_CHANNELS, L.CHANNEL_LABELS],
    ['withdrawal reason', WITHDRAWAL_REASONS, L.WITHDRAWAL_LABELS],
  ];
  it.each(cases)('every %s of the contracts has a label, and no label is a code', (_name, codes, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...codes].sort());
    for (const [code, label] of Object.entries(labels)) {
      expect(label).not.toBe(code);
      expect(label).not.toContain('_');
    }
  });

  it('names countries and languages in German, and falls back to the code for an unknown one', () => {
    expect(L.countryName('SY')).toBe('Syrien');
    expect(L.countryName('UA')).toBe('Ukraine');
    expect(L.languageName('uk')).toBe('Ukrainisch');
    expect(L.labelOf(L.HELP_LABELS, 'something_new')).toBe('something_new');
  });
});

describe('the route table', () => {
  it('matches patterns with parameters and builds queries', () => {
    expect(match('/participants/:id', '/participants/abc')).toEqual({ id: 'abc' });
    expect(match('/participants/:id', '/participants')).toBeNull();
    expect(match('/participants', '/participants/')).toEqual({});
    expect(match('/participants/:id', '/participants/%E0')).toBeNull();
    expect(withQuery('/participants', { status: 'new', q: undefined })).toBe('/participants?status=new');
  });

  it('gives each role the navigation it may open, in order; the start page is the first entry', () => {
    const view = (id: string, roles: View['roles'], order?: number): View => ({ id, path: `/${id}`, roles, title: id, component: () => null, ...(order ? { nav: { label: id, order } } : {}) });
    const views = [view('figures', ['lead', 'coordinator'], 90), view('record', ['staff', 'lead']), view('list', ['staff', 'lead'], 20), view('today', ['staff', 'lead'], 10)];
    const me = (role: 'staff' | 'lead' | 'coordinator') => ({ sub: 's', role, site: role === 'coordinator' ? null : { id: 'marxloh', name: 'BIWAQ Marxloh' } });
    expect(navFor(views, me('staff')).map((v) => v.id)).toEqual(['today', 'list']);
    expect(navFor(views, me('lead')).map((v) => v.id)).toEqual(['today', 'list', 'figures']);
    expect(navFor(views, me('coordinator')).map((v) => v.id)).toEqual(['figures']);
    expect(startPathFor(views, me('coordinator'))).toBe('/figures');
  });
});
