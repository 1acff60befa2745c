import * as z from 'zod/mini';
import { DOCUMENTS, EDUCATION_LEVELS, EMPLOYMENT_STATUSES, GENDERS, HELP_WANTED, PART2_ANSWERS } from '../intake-options.js';
import { optionalStr, str } from './fields.js';

/**
 * The entry data as stored (the intake contract's output, without language, site, consent and
 * honeypot). Items read from the table are parsed against it, not cast.
 */
export const EntrySchema = z.object({
  person: z.object({
    firstName: str,
    lastName: str,
    dateOfBirth: str,
    gender: z.enum(GENDERS),
    address: z.object({ street: str, postcode: str, city: str }),
  }),
  contact: z.object({ email: optionalStr, phone: optionalStr }),
  employment: z.object({ status: z.enum(EMPLOYMENT_STATUSES) }),
  education: z.object({ level: z.enum(EDUCATION_LEVELS) }),
  part2: z.object({
    migrantBackground: z.enum(PART2_ANSWERS),
    thirdCountryNational: z.enum(PART2_ANSWERS),
    disability: z.enum(PART2_ANSWERS),
    homelessness: z.enum(PART2_ANSWERS),
  }),
  help: z.array(z.enum(HELP_WANTED)),
  qualification: z.optional(
    z.object({ country: str, profession: str, year: z.number(), documents: z.array(z.enum(DOCUMENTS)) }),
  ),
});
export type Entry = z.infer<typeof EntrySchema>;

/**
 * A consent as given: the notice version shown and when. `specialCategories`: the separate
 * Art. 9(2)(a) consent to the part 2 special categories, when it was given (absent: not given).
 */
export const ConsentRecordSchema = z.object({
  noticeVersion: str,
  acceptedAt: str,
  specialCategories: z.optional(z.object({ noticeVersion: str, acceptedAt: str })),
});
export type ConsentRecord = z.infer<typeof ConsentRecordSchema>;
