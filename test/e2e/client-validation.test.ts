import { describe, expect, it } from 'vitest';
import { buildFormDefinition } from '../../schemas/form-definition.js';
import { LANGUAGES } from '../../schemas/languages.js';
import { DEMO_SITES } from '../../schemas/sites.js';
import { validateIntake } from '../../schemas/validate-intake.js';
import { localise } from '../../schemas/validation-errors.js';
import { buildBody, checkAnswers, toFieldProblems, visibleSections } from '../../web/intake/answers.js';
import { validate } from '../../web/common/json-schema.js';
import { initialLanguage } from '../../web/common/language.js';
import { answers, type Answers } from './form.js';

/**
 * The page's own checks come from the JSON Schema in the form definition; the server checks with
 * the zod contract it was generated from. Here both judge the same bodies (no browser needed).
 */
const def = buildFormDefinition('de', DEMO_SITES);
const siteIds = DEMO_SITES.map((s) => s.id) as [string, ...string[]];
const today = new Date().toISOString().slice(0, 10);

function server(values: Answers) {
  const result = validateIntake(buildBody(def, values), siteIds, today);
  return result.ok ? [] : toFieldProblems(def, values, localise(result.problems, 'de'));
}

const client = (values: Answers) => checkAnswers(def, values);
const summary = (problems: { field?: string; path: string; code: string }[]) => problems.map((p) => `${p.field ?? p.path}:${p.code}`);

describe('client-side checks from the JSON Schema', () => {
  it('accept what the server accepts, and send only the visible sections', () => {
    const values = answers();
    expect(client(values)).toEqual([]);
    expect(server(values)).toEqual([]);
    const without = answers({ help: ['counselling'] });
    expect(visibleSections(def, without).map((s) => s.id)).not.toContain('qualification');
    expect(buildBody(def, without)).not.toHaveProperty('qualification');
    expect(server(without)).toEqual([]);
    expect(buildBody(def, values)).toMatchObject({ lang: 'de', consent: { noticeVersion: def.noticeVersion, accepted: true }, qualification: { year: 2010 } });
    expect(buildBody(def, values)).not.toHaveProperty('website');
  });

  const cases: [string, Answers, string][] = [
    ['an empty first name', { 'person.firstName': '   ' }, 'person.firstName:required'],
    ['a long last name', { 'person.lastName': 'x'.repeat(61) }, 'person.lastName:too_long'],
    ['a four-digit postcode', { 'person.address.postcode': '4716' }, 'person.address.postcode:invalid_postcode'],
    ['an e-mail without a domain', { 'contact.email': 'name@beispiel' }, 'contact.email:invalid_email'],
    ['letters as a phone number', { 'contact.phone': 'call me' }, 'contact.phone:invalid_phone'],
    ['no date of birth', { 'person.dateOfBirth': '' }, 'person.dateOfBirth:required'],
    ['a year before 1950', { 'qualification.year': '1900' }, 'qualification.year:too_small'],
    ['words as a year', { 'qualification.year': 'zwanzig' }, 'qualification.year:invalid_type'],
    ['no help chosen', { help: [] }, 'help:choose_at_least'],
    ['no consent', { 'consent.accepted': false }, 'consent.accepted:consent_required'],
    ['no profession for a recognition', { 'qualification.profession': '' }, 'qualification.profession:required'],
  ];

  it.each(cases)('find %s, as the server does', (_name, change, expected) => {
    const values = answers(change);
    expect(summary(client(values))).toEqual([expected]);
    expect(summary(server(values))).toEqual([expected]);
  });

  it('ask to choose where a choice is missing, as the server does', () => {
    const values = answers();
    delete values['person.gender'];
    expect(summary(client(values))).toEqual(['person.gender:invalid_option']);
    expect(summary(server(values))).toEqual(['person.gender:invalid_option']);
  });

  it('leave the rules the schema cannot express to the server, which places them on a field', () => {
    const noContact = answers({ 'contact.email': '', 'contact.phone': '' });
    expect(client(noContact)).toEqual([]);
    expect(summary(server(noContact))).toEqual(['contact.email:contact_required']);
    const tooYoung = answers({ 'person.dateOfBirth': `${Number(today.slice(0, 4)) - 10}-01-01` });
    expect(client(tooYoung)).toEqual([]);
    expect(summary(server(tooYoung))).toEqual(['person.dateOfBirth:age_out_of_range']);
    // A whole-section problem lands on the section's first field; one with no field stays in the summary.
    const placed = toFieldProblems(def, answers(), [
      { path: 'qualification', code: 'qualification_required', message: 'm1' },
      { path: 'lang', code: 'invalid_option', message: 'm2' },
    ]);
    expect(placed.map((p) => p.field ?? null)).toEqual([null, 'qualification.country']);
  });

  it('show the messages in the form language with their numbers filled in', () => {
    for (const { code } of LANGUAGES) {
      const localised = buildFormDefinition(code, DEMO_SITES);
      const [problem] = checkAnswers(localised, answers({ 'person.lastName': 'x'.repeat(61) }));
      expect(problem?.message).toBe(localised.messages['too_long']!.replace('{max}', '60'));
    }
  });

  it('cover the JSON Schema keywords the contract uses', () => {
    const schema = {
      type: 'object',
      required: ['a'],
      additionalProperties: false,
      properties: {
        a: { anyOf: [{ type: 'string', const: '' }, { type: 'string', pattern: '^\\d+$' }] },
        b: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'string', enum: ['x', 'y'] } },
        c: { type: 'integer', minimum: 1, maximum: 3 },
      },
    };
    expect(validate(schema, { a: '' })).toEqual([]);
    expect(validate(schema, { a: '12', b: ['x'], c: 2 })).toEqual([]);
    const codes = (v: unknown) => validate(schema, v).map((p) => `${p.path}:${p.code}`);
    expect(codes({})).toEqual(['a:required']);
    expect(codes({ a: 'abc' })).toEqual(['a:invalid_type']); // pattern, with the default code
    expect(codes({ a: '', b: [] })).toEqual(['b:choose_at_least']);
    expect(codes({ a: '', b: ['x', 'y', 'x'] })).toEqual(['b:too_many']);
    expect(codes({ a: '', b: ['z'] })).toEqual(['b.0:invalid_option']);
    expect(codes({ a: '', c: 1.5 })).toEqual(['c:invalid_type']);
    expect(codes({ a: '', c: 4 })).toEqual(['c:too_big']);
    expect(codes({ a: '', d: 1 })).toEqual(['d:unknown_field']);
  });
});

describe('first language', () => {
  const supported = LANGUAGES.map((l) => l.code);
  it('is ?lang=, then the browser preference, then German', () => {
    expect(initialLanguage('?lang=ar', ['uk-UA'], supported)).toBe('ar');
    expect(initialLanguage('?lang=xx', ['ku', 'uk-UA'], supported)).toBe('uk');
    expect(initialLanguage('', ['prs-AF'], supported)).toBe('fa');
    expect(initialLanguage('', ['ja-JP'], supported)).toBe('de');
  });
});
