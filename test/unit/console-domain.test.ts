import { describe, expect, it } from 'vitest';
import { agendaKeys, agendaBefore, KEY_ATTRIBUTES, key } from '../../functions/data/keys.js';
import { todayView, workingDaysWaited } from '../../functions/domain/agenda.js';
import { nameEntries, namePrefix, planSearch } from '../../functions/domain/name-search.js';
import { etagOf, noneMatch } from '../../functions/lib/http.js';
import { ROUTES, matchPath } from '../../infra/routes.js';
import { storedParticipant } from '../fixtures.js';

describe('name search rules', () => {
  it('indexes first#last and last#first, plus each word of a name of several words', () => {
    expect(nameEntries('Jana', 'Beispiel')).toEqual(['jana#beispiel', 'beispiel#jana']);
    expect(nameEntries('Anna Lena', 'von der Heide')).toEqual([
      'annalena#vonderheide',
      'vonderheide#annalena',
      'anna#vonderheide',
      'lena#vonderheide',
      'von#annalena',
      'der#annalena',
      'heide#annalena',
    ]);
    expect(nameEntries('Zoë', 'Dupont-Kaya')).toEqual(['zo#dupontkaya', 'dupontkaya#zo', 'dupont#zo', 'kaya#zo']);
    expect(nameEntries('Олена', 'Приклад')).toEqual(['олена#приклад', 'приклад#олена']);
    expect(nameEntries('A B C D E F G H I', 'X').length).toBeLessThanOrEqual(8);
  });

  it('folds a query like the duplicate check: case, accents, umlaut transliterations', () => {
    for (const q of ['mül', 'Muel', 'MUL', 'mu\u0308l']) expect(namePrefix(q)).toBe('mul');
    // A trailing transliteration folds away on both sides: "Mue" is a prefix of "Müller" (muller).
    expect(namePrefix('Mue')).toBe('mu');
    expect(namePrefix('MULLER')).toBe('muller');
    expect(namePrefix('jana bei')).toBe('jana#bei');
    expect(namePrefix('Beispiel, Jana')).toBe('beispiel#jana');
    expect(namePrefix('jana von der')).toBe('jana#vonder');
    expect(namePrefix('  -- ')).toBeUndefined();
  });

  it('reads a query as a reference first, as a name when it cannot be one (or has no digit and finds no one)', () => {
    expect(planSearch('7kqm4xpd')).toEqual({ by: 'reference', reference: '7KQM-4XPD' });
    expect(planSearch('ab12 cd34')).toEqual({ by: 'reference', reference: 'AB12-CD34' });
    expect(planSearch('Schneide')).toEqual({ by: 'reference', reference: 'SCHN-E1DE', thenName: 'schneide' });
    expect(planSearch('Müller')).toEqual({ by: 'name', prefix: 'muller' });
    expect(planSearch('!!!')).toEqual({ by: 'none' });
  });
});

describe('"Heute"', () => {
  it('counts whole NRW working days since the intake (weekends and Easter do not count)', () => {
    const at = (s: string) => new Date(s);
    expect(workingDaysWaited(at('2027-03-01T09:00:00+01:00'), at('2027-03-01T18:00:00+01:00'))).toBe(0);
    expect(workingDaysWaited(at('2027-03-01T09:00:00+01:00'), at('2027-03-04T12:00:00+01:00'))).toBe(2);
    expect(workingDaysWaited(at('2027-03-05T09:00:00+01:00'), at('2027-03-09T08:00:00+01:00'))).toBe(1);
    // Maundy Thursday 2027: Good Friday, the weekend and Easter Monday do not count.
    expect(workingDaysWaited(at('2027-03-25T10:00:00+01:00'), at('2027-03-31T10:00:00+02:00'))).toBe(1);
  });

  it('orders by the agenda, marks the overdue, names the next step and what falls due within 7 days', () => {
    const now = new Date('2027-03-04T12:00:00+01:00');
    const waiting = [
      storedParticipant({ id: 'a'.repeat(32), createdAt: '2027-03-01T08:00:00.000Z', followUp: { reminderDueAt: '2027-03-03T23:00:00.000Z', escalationDueAt: '2027-03-08T23:00:00.000Z', reminderSentAt: '2027-03-03T23:00:01.000Z' } }),
      storedParticipant({ id: 'b'.repeat(32), createdAt: '2027-03-02T08:00:00.000Z', followUp: { reminderDueAt: '2027-03-04T23:00:00.000Z', escalationDueAt: '2027-03-09T23:00:00.000Z' } }),
      storedParticipant({ id: 'c'.repeat(32), status: 'contacted', followUp: { reminderDueAt: '2027-03-04T23:00:00.000Z', escalationDueAt: '2027-03-09T23:00:00.000Z' } }),
    ] as any[];
    const view = todayView(waiting, now, false);
    expect(view.waiting.map((w) => [w.participant.id[0], w.overdue, w.nextDueAt, w.waitedWorkingDays])).toEqual([
      ['a', true, '2027-03-08T23:00:00.000Z', 2],
      ['b', false, '2027-03-04T23:00:00.000Z', 1],
    ]);
    expect(view.upcoming.map((u) => `${u.kind} ${u.participantId[0]}`)).toEqual(['intake.reminder b', 'intake.escalation a', 'intake.escalation b']);
  });

  it('has agenda keys that sort by due time and an exclusive bound that keeps everything due at it', () => {
    const k = agendaKeys('marxloh', '2027-03-04T00:00:00.000Z', 'intake', 'a'.repeat(32));
    expect(k).toEqual({ GSI4PK: 'SITE#marxloh#AGENDA', GSI4SK: `2027-03-04T00:00:00.000Z#intake#${'a'.repeat(32)}` });
    expect(k['GSI4SK']! < agendaBefore('2027-03-04T00:00:00.000Z')).toBe(true);
    expect(k['GSI4SK']! < agendaBefore('2027-03-03T23:59:59.999Z')).toBe(false);
    expect(KEY_ATTRIBUTES).toEqual(expect.arrayContaining(['GSI3PK', 'GSI3SK', 'GSI4PK', 'GSI4SK', 'GSI5PK', 'GSI5SK']));
  });

  it('tags a body with a strong ETag and matches If-None-Match lists, weak tags and *', () => {
    const tag = etagOf({ a: 1 });
    expect(etagOf({ a: 1 })).toBe(tag);
    expect(etagOf({ a: 2 })).not.toBe(tag);
    expect(noneMatch(tag, tag)).toBe(true);
    expect(noneMatch(`"x", W/${tag}`, tag)).toBe(true);
    expect(noneMatch('*', tag)).toBe(true);
    expect(noneMatch('"x"', tag)).toBe(false);
    expect(noneMatch(undefined, tag)).toBe(false);
  });
});

describe('keys and routes', () => {
  it('keeps site audit entries in one partition per site and UTC day', () => {
    expect(key.siteAudit('marxloh', '2027-03-04T23:30:00.000Z', 'abcd1234')).toEqual({ PK: 'SITE#marxloh#AUDIT#2027-03-04', SK: 'AUDIT#2027-03-04T23:30:00.000Z#abcd1234' });
    expect(key.teamNotice('p', '2027-03-04', 'hochfeld')).toEqual({ PK: 'TEAM_NOTICE#p#2027-03-04', SK: 'SITE#hochfeld' });
  });

  it('matches static staff paths before the participant id (the local server takes the first match)', () => {
    const first = (method: string, path: string) => ROUTES.find((r) => r.method === method && matchPath(r.path, path))?.id;
    expect(first('GET', '/api/staff/participants/search')).toBe('SearchParticipants');
    expect(first('GET', `/api/staff/participants/${'a'.repeat(32)}`)).toBe('GetParticipant');
    expect(first('GET', '/api/staff/today')).toBe('GetToday');
  });

  it('every staff route records its caller in the site directory (onCaller: recordVisit)', async () => {
    const { readFileSync } = await import('node:fs');
    for (const r of ROUTES.filter((r) => r.auth === 'staff')) expect(readFileSync(r.entry, 'utf8'), r.entry).toContain('onCaller: recordVisit');
  });
});
