/**
 * The exit vocabulary: outcomes, the reasons for improved prospects, kinds of employment and the
 * ESF Plus exit questionnaire's answers (the situation at exit). Plain values, no schemas: the
 * stored shape, the figures and the console read them without building a schema.
 */

/** One outcome per participant at exit (what the project reports). */
export const EXIT_OUTCOMES = ['employment', 'training', 'improved_prospects', 'none'] as const;
export type ExitOutcome = (typeof EXIT_OUTCOMES)[number];

/** Why the prospects improved (BIWAQ's own result indicator); `other` needs a short text. */
export const IMPROVED_REASONS = ['qualification_completed', 'recognition_achieved', 'language_level', 'other'] as const;
export type ImprovedReason = (typeof IMPROVED_REASONS)[number];

/** With `employment`, optionally: subject to social insurance, marginal (Minijob), self-employed. */
export const EMPLOYMENT_KINDS = ['social_insurance', 'marginal', 'self_employed'] as const;
export type EmploymentKind = (typeof EMPLOYMENT_KINDS)[number];

/** ESF Plus exit questionnaire: employment status when leaving. */
export const EXIT_EMPLOYMENT_STATUSES = ['employed', 'self_employed', 'unemployed', 'inactive'] as const;

/** ESF Plus exit questionnaire: yes / no questions (job searching, in education or training, qualification gained). */
export const EXIT_ANSWERS = ['yes', 'no'] as const;

/** Where a suggested outcome comes from (offered to the counsellor, never recorded by itself). */
export const OUTCOME_SOURCES = ['placement', 'recognition'] as const;

/** The counts of the figures, in the order the reports show them (the counter items' attributes). */
export const COUNT_KEYS = ['participants', 'unemployed', 'longTermUnemployed', 'migrantBackground', 'employment', 'training', 'improvedProspects'] as const;
export type CountKey = (typeof COUNT_KEYS)[number];
export type Counts = Record<CountKey, number>;
