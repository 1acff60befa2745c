/**
 * The answers the intake offers, as plain constants: the stored shapes (schemas/model/) and the
 * console use them without building the intake contract's schemas at cold start.
 */
export const GENDERS = ['female', 'male', 'non_binary'] as const;
export const EMPLOYMENT_STATUSES = ['unemployed', 'long_term_unemployed', 'inactive', 'employed'] as const;
export const EDUCATION_LEVELS = ['isced_0_2', 'isced_3_4', 'isced_5_8'] as const;
export const PART2_ANSWERS = ['yes', 'no', 'no_answer'] as const;
export const HELP_WANTED = [
  'counselling',
  'job_search',
  'application',
  'interview',
  'qualification',
  'digital_skills',
  'recognition',
  'trial_placement',
] as const;
export const DOCUMENTS = ['certificates', 'transcripts', 'work_experience', 'id_document', 'cv_german', 'translations'] as const;
