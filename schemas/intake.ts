import * as z from 'zod/mini';
import { isCountryCode } from './countries.js';
import { LANGUAGE_CODES } from './languages.js';
import { PhoneSchema } from './phone.js';
import { code, issue, text } from './text.js';

/**
 * The public intake contract: ESF Plus entry data (part 1 mandatory, part 2 answerable with
 * "no answer"), contact, language, site, help wanted, foreign qualification, consent, honeypot.
 * Objects are strict: unknown keys are rejected. Types come from z.infer; the JSON Schema served
 * to the page is generated from this same contract (schemas/form-definition.ts).
 */

/** Version of the Art. 13 data notice the consent refers to (versions in schemas/data-notice.ts). */
export { DATA_NOTICE_VERSION } from './data-notice.js';
import { DATA_NOTICE_VERSION } from './data-notice.js';

export { DOCUMENTS, EDUCATION_LEVELS, EMPLOYMENT_STATUSES, GENDERS, HELP_WANTED, PART2_ANSWERS } from './intake-options.js';
import { DOCUMENTS, EDUCATION_LEVELS, EMPLOYMENT_STATUSES, GENDERS, HELP_WANTED, PART2_ANSWERS } from './intake-options.js';

export const MIN_AGE = 15;
export const MAX_AGE = 99;

const isoDate = z.string().check(
  z.maxLength(10),
  z.regex(/^\d{4}-\d{2}-\d{2}$/, code('invalid_date')),
  z.refine((s: string) => isRealDate(s), issue('invalid_date')),
);

export { ageOn, isRealDate } from './dates.js';
import { ageOn, isRealDate } from './dates.js';

const answer = z._default(z.enum(PART2_ANSWERS), 'no_answer');

export const AddressSchema = z.strictObject({
  street: text(100),
  postcode: text(5).check(z.regex(/^\d{5}$/, code('invalid_postcode'))),
  city: text(60),
});

export const PersonSchema = z.strictObject({
  firstName: text(60),
  lastName: text(60),
  dateOfBirth: isoDate,
  gender: z.enum(GENDERS),
  address: AddressSchema,
});

export const ContactSchema = z
  .strictObject({
    email: z.optional(z.union([z.literal(''), z.email().check(z.maxLength(254))])),
    phone: z.optional(z.union([z.literal(''), PhoneSchema])),
  })
  .check(
    z.superRefine((c, ctx) => {
      if (!c.email && !c.phone) ctx.addIssue({ code: 'custom', path: ['email'], input: c, ...issue('contact_required') });
    }),
  );

export const Part2Schema = z.strictObject({
  migrantBackground: answer,
  thirdCountryNational: answer,
  disability: answer,
  homelessness: answer,
});

export const QualificationSchema = z.strictObject({
  // A pattern and a set lookup rather than a 249-value enum: same answers, a fraction of the cold start.
  country: z.string().check(z.regex(/^[A-Z]{2}$/, code('invalid_option')), z.refine(isCountryCode, issue('invalid_option'))),
  profession: text(100),
  year: z.int().check(z.minimum(1950), z.maximum(2100)),
  documents: z._default(z.array(z.enum(DOCUMENTS)).check(z.maxLength(DOCUMENTS.length)), []),
});

export const ConsentSchema = z.strictObject({
  noticeVersion: z.literal(DATA_NOTICE_VERSION, code('notice_outdated')),
  accepted: z.literal(true, code('consent_required')),
  /**
   * The separate, explicit consent to the special categories of part 2 (GDPR Art. 9(2)(a)):
   * a migration background (may reveal ethnic origin) and a disability (health). Without it those
   * two can only be "no answer"; it can be withdrawn on its own.
   */
  specialCategories: z.optional(z.boolean()),
});

/** The part 2 answers that are special categories of personal data (Art. 9 GDPR). */
export const SPECIAL_CATEGORY_FIELDS = ['migrantBackground', 'disability'] as const;

/** Builds the contract for the configured sites (sites are tenants and come from configuration). */
export function makeIntakeSchema(siteIds: readonly [string, ...string[]]) {
  return z
    .strictObject({
      lang: z.enum(LANGUAGE_CODES),
      site: z.enum(siteIds),
      person: PersonSchema,
      contact: ContactSchema,
      employment: z.strictObject({ status: z.enum(EMPLOYMENT_STATUSES) }),
      education: z.strictObject({ level: z.enum(EDUCATION_LEVELS) }),
      part2: z._default(Part2Schema, {
        migrantBackground: 'no_answer',
        thirdCountryNational: 'no_answer',
        disability: 'no_answer',
        homelessness: 'no_answer',
      }),
      help: z.array(z.enum(HELP_WANTED)).check(z.minLength(1), z.maxLength(HELP_WANTED.length)),
      qualification: z.optional(QualificationSchema),
      consent: ConsentSchema,
      /** Honeypot: hidden from people, filled by bots. Checked before validation (functions/domain/intake.ts). */
      website: z.optional(z.string().check(z.maxLength(200))),
    })
    .check(
      z.superRefine((v, ctx) => {
        const add = (path: (string | number)[], c: string) => ctx.addIssue({ code: 'custom', path, input: v, ...issue(c) });
        if (new Set(v.help).size !== v.help.length) add(['help'], 'duplicate_values');
        const wantsRecognition = v.help.includes('recognition');
        if (wantsRecognition && !v.qualification) add(['qualification'], 'qualification_required');
        if (!wantsRecognition && v.qualification) add(['qualification'], 'not_applicable');
        if (v.qualification && new Set(v.qualification.documents).size !== v.qualification.documents.length)
          add(['qualification', 'documents'], 'duplicate_values');
        // Any answer but "no answer" to a special category needs its own consent (also "no": it is health data too).
        if (SPECIAL_CATEGORY_FIELDS.some((f) => v.part2[f] !== 'no_answer') && v.consent.specialCategories !== true)
          add(['consent', 'specialCategories'], 'special_consent_required');
      }),
    );
}

export type IntakeSchema = ReturnType<typeof makeIntakeSchema>;
export type IntakeInput = z.input<IntakeSchema>;
export type Intake = z.output<IntakeSchema>;

/** Checks that depend on today's date, kept out of the schema so the schema stays pure. */
export function checkDates(intake: Intake, today: string): { path: string[]; code: string; params?: Record<string, unknown> }[] {
  const problems: { path: string[]; code: string; params?: Record<string, unknown> }[] = [];
  const age = ageOn(intake.person.dateOfBirth, today);
  if (age < MIN_AGE || age > MAX_AGE)
    problems.push({ path: ['person', 'dateOfBirth'], code: 'age_out_of_range', params: { min: MIN_AGE, max: MAX_AGE } });
  const year = Number(today.slice(0, 4));
  if (intake.qualification && intake.qualification.year > year)
    problems.push({ path: ['qualification', 'year'], code: 'too_big', params: { maximum: year } });
  return problems;
}
