import { describe, expect, it } from 'vitest';
import { ageOn, isRealDate } from '../../schemas/intake.js';
import { hasControlChars } from '../../schemas/text.js';
import { validateIntake } from '../../schemas/validate-intake.js';
import { localise } from '../../schemas/validation-errors.js';
import { validIntake } from '../fixtures.js';

const SITES = ['marxloh', 'hochfeld'] as const;
const TODAY = '2026-11-29';
const validate = (body: unknown) => validateIntake(body, SITES, TODAY);
const codes = (body: unknown) => {
  const r = validate(body);
  return r.ok ? [] : r.problems.map((p) => `${p.path.join('.')}:${p.code}`);
};

describe('intake contract', () => {
  it('accepts the sample intake and normalises strings', () => {
    const body = validIntake();
    body.person.firstName = '  Jana  ';
    body.person.lastName = 'Beispielfrau'.normalize('NFD');
    const r = validate(body);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.intake.person.firstName).toBe('Jana');
    expect(r.intake.person.lastName).toBe('Beispielfrau'.normalize('NFC'));
    expect(r.intake.contact.phone).toBe('0203987654');
  });

  it('defaults part 2 to "no answer" when it is left out', () => {
    const body = validIntake();
    delete body.part2;
    const r = validate(body);
    expect(r.ok && r.intake.part2).toEqual({
      migrantBackground: 'no_answer',
      thirdCountryNational: 'no_answer',
      disability: 'no_answer',
      homelessness: 'no_answer',
    });
  });

  it.each([
    ['CR/LF in a name', (b: any) => (b.person.firstName = 'Jana\r\nBcc: x@example.org'), 'person.firstName:control_chars'],
    ['LF in the city', (b: any) => (b.person.address.city = 'Duis\nburg'), 'person.address.city:control_chars'],
    ['a NUL character', (b: any) => (b.person.lastName = 'Bei\u0000spiel'), 'person.lastName:control_chars'],
    ['a tab', (b: any) => (b.qualification.profession = 'Büro\tkauffrau'), 'qualification.profession:control_chars'],
    ['a line separator', (b: any) => (b.person.address.street = 'A\u2028B'), 'person.address.street:control_chars'],
    ['a bidi override', (b: any) => (b.person.lastName = 'Beispiel\u202Egnp.exe'), 'person.lastName:control_chars'],
    ['a lone surrogate', (b: any) => (b.person.firstName = 'Jana\uD800'), 'person.firstName:control_chars'],
    ['an over-long name', (b: any) => (b.person.firstName = 'x'.repeat(61)), 'person.firstName:too_long'],
    ['an empty last name', (b: any) => (b.person.lastName = '   '), 'person.lastName:required'],
    ['a missing first name', (b: any) => delete b.person.firstName, 'person.firstName:required'],
    ['a number for a name', (b: any) => (b.person.firstName = 42), 'person.firstName:invalid_type'],
    ['a bad e-mail', (b: any) => (b.contact.email = 'not-an-email'), 'contact.email:invalid_email'],
    ['a bad phone', (b: any) => (b.contact.phone = 'call me'), 'contact.phone:invalid_phone'],
    ['no contact at all', (b: any) => (b.contact = {}), 'contact.email:contact_required'],
    ['a four-digit postcode', (b: any) => (b.person.address.postcode = '4716'), 'person.address.postcode:invalid_postcode'],
    ['30 February', (b: any) => (b.person.dateOfBirth = '1990-02-30'), 'person.dateOfBirth:invalid_date'],
    ['a German date format', (b: any) => (b.person.dateOfBirth = '17.05.1987'), 'person.dateOfBirth:invalid_date'],
    ['an unknown gender', (b: any) => (b.person.gender = 'x'), 'person.gender:invalid_option'],
    ['an unknown site', (b: any) => (b.site = 'ruhrort'), 'site:invalid_option'],
    ['an unknown language', (b: any) => (b.lang = 'xx'), 'lang:invalid_option'],
    ['no help chosen', (b: any) => (b.help = []), 'help:choose_at_least'],
    ['an unknown key', (b: any) => (b.isAdmin = true), 'isAdmin:unknown_field'],
    ['a nested unknown key', (b: any) => (b.person.nickname = 'J'), 'person.nickname:unknown_field'],
    ['consent not given', (b: any) => (b.consent.accepted = false), 'consent.accepted:consent_required'],
    ['an outdated notice', (b: any) => (b.consent.noticeVersion = '2020-01'), 'consent.noticeVersion:notice_outdated'],
    ['the last notice version once a new one is out', (b: any) => (b.consent.noticeVersion = '2026-11'), 'consent.noticeVersion:notice_outdated'],
    ['a disability answer without the separate Art. 9 consent', (b: any) => (b.part2.disability = 'yes'), 'consent.specialCategories:special_consent_required'],
    ['a migration background "no" without it (still a special category)', (b: any) => (b.part2.migrantBackground = 'no'), 'consent.specialCategories:special_consent_required'],
    ['a disability answer with the consent refused', (b: any) => ((b.part2.disability = 'no'), (b.consent.specialCategories = false)), 'consent.specialCategories:special_consent_required'],
    ['recognition without qualification', (b: any) => delete b.qualification, 'qualification:qualification_required'],
    ['qualification without recognition', (b: any) => (b.help = ['counselling']), 'qualification:not_applicable'],
    ['an unknown country', (b: any) => (b.qualification.country = 'XX'), 'qualification.country:invalid_option'],
    ['a fractional year', (b: any) => (b.qualification.year = 2010.5), 'qualification.year:invalid_type'],
    ['a year in the future', (b: any) => (b.qualification.year = 2030), 'qualification.year:too_big'],
    ['an age of 12', (b: any) => (b.person.dateOfBirth = '2014-01-01'), 'person.dateOfBirth:age_out_of_range'],
    ['duplicate help values', (b: any) => (b.help = ['counselling', 'counselling', 'recognition']), 'help:duplicate_values'],
    ['an array as body', (b: any) => b, ''],
  ])('rejects %s with a field-level code', (_name, mutate, expected) => {
    const body = validIntake();
    mutate(body);
    if (expected === '') {
      expect(validate([body]).ok).toBe(false);
      return;
    }
    expect(codes(body)).toContain(expected);
  });

  it('takes special-category answers only with their own consent; the other part 2 answers need none', () => {
    const body = validIntake();
    body.part2 = { migrantBackground: 'yes', thirdCountryNational: 'yes', disability: 'no', homelessness: 'yes' };
    body.consent.specialCategories = true;
    expect(validate(body).ok).toBe(true);
    const without = validIntake();
    without.part2 = { migrantBackground: 'no_answer', thirdCountryNational: 'yes', disability: 'no_answer', homelessness: 'yes' };
    expect(validate(without).ok).toBe(true);
  });

  it('rejects non-objects', () => {
    for (const body of [null, 'text', 42, [], true]) expect(validate(body).ok).toBe(false);
  });

  it('translates messages into the form language with their parameters', () => {
    const body = validIntake();
    body.person.firstName = 'x'.repeat(61);
    const r = validate(body);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const [de] = localise(r.problems, 'de');
    const [ar] = localise(r.problems, 'ar');
    expect(de).toEqual({ path: 'person.firstName', code: 'too_long', message: 'Bitte schreiben Sie höchstens 60 Zeichen.' });
    expect(ar?.message).toContain('60');
    expect(ar?.message).not.toBe(de?.message);
  });
});

describe('dates and text helpers', () => {
  it('knows real dates and ages', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2023-02-29')).toBe(false);
    expect(ageOn('2011-11-30', '2026-11-29')).toBe(14);
    expect(ageOn('2011-11-29', '2026-11-29')).toBe(15);
  });

  it('finds control characters but allows bidi marks', () => {
    expect(hasControlChars('a\rb')).toBe(true);
    expect(hasControlChars('\u0085')).toBe(true);
    expect(hasControlChars('سامي\u200F')).toBe(false);
  });
});
