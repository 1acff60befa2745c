import * as z from 'zod/mini';
import { once } from './lazy.js';

/**
 * A site (tenant): one organisation running one neighbourhood office of the project. Besides its
 * inboxes it carries what participants must be told (the Art. 13 data notice, every mail to a
 * participant or employer): the controller (the organisation), its data-protection officer and the
 * office people can call, write to or walk into. Deployments set it in CDK context `sites`
 * (README, Deploy); `DEMO_SITES` below are the demo values.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * The site's shapes, built on first use: only the configuration's first read (functions/lib/config.ts)
 * and the CDK settings check them, so no function builds them at import.
 */
function buildSiteSchemas() {
  const line = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

  /** A German postal address (the postcode is five digits). */
  const PostalAddressSchema = z.strictObject({
    street: line(100),
    postcode: z.string().check(z.regex(/^\d{5}$/)),
    city: line(60),
  });

  /** A phone number as it is printed (digits, spaces, +, -, /, brackets). */
  const PhoneLine = z.string().check(z.regex(/^\+?[\d\s\-/()]{6,30}$/));

  const Time = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/));

  /** Opening hours as data, so every language can say them in its own words (weekday names from Intl). */
  const OpeningHoursSchema = z
    .array(z.strictObject({ days: z.array(z.enum(WEEKDAYS)).check(z.minLength(1), z.maxLength(7)), opens: Time, closes: Time }))
    .check(z.minLength(1), z.maxLength(7));

  /** The office a participant or employer can reach; answers to every mail go to `replyTo`. */
  const OfficeSchema = z.strictObject({
    address: PostalAddressSchema,
    phone: PhoneLine,
    openingHours: OpeningHoursSchema,
    replyTo: z.email(),
  });

  /** The controller (GDPR Art. 4(7)): the organisation that runs the site. */
  const ControllerSchema = z.strictObject({
    name: line(120),
    address: PostalAddressSchema,
    email: z.email(),
    phone: PhoneLine,
  });

  /** The controller's data-protection officer (Art. 37–39); often external, so their own address. */
  const DpoSchema = z.strictObject({
    name: line(120),
    email: z.email(),
    phone: z.optional(PhoneLine),
    address: z.optional(PostalAddressSchema),
  });

  const SiteSchema = z.strictObject({
    id: z.string().check(z.regex(/^[a-z][a-z0-9-]{1,31}$/)),
    name: line(80),
    teamEmail: z.email(),
    leadEmail: z.email(),
    office: OfficeSchema,
    controller: ControllerSchema,
    dpo: DpoSchema,
  });

  const SitesSchema = z.array(SiteSchema).check(z.minLength(1));
  return { PostalAddressSchema, OpeningHoursSchema, OfficeSchema, ControllerSchema, DpoSchema, SiteSchema, SitesSchema };
}

export const siteSchemas = once(buildSiteSchemas);
type Shapes = ReturnType<typeof buildSiteSchemas>;
export type PostalAddress = z.infer<Shapes['PostalAddressSchema']>;
export type OpeningHours = z.infer<Shapes['OpeningHoursSchema']>;
export type Office = z.infer<Shapes['OfficeSchema']>;
export type Controller = z.infer<Shapes['ControllerSchema']>;
export type Dpo = z.infer<Shapes['DpoSchema']>;
export type Site = z.infer<Shapes['SiteSchema']>;

const WEEKDAYS_HOURS: OpeningHours = [
  { days: ['mon', 'tue', 'wed', 'thu'], opens: '09:00', closes: '16:00' },
  { days: ['fri'], opens: '09:00', closes: '13:00' },
];

/**
 * Demo sites used by `npm start`, the tests and `cdk synth` when no `sites` context is given.
 * Fictional organisations on real streets of the two neighbourhoods; the phone numbers use the
 * Duisburg area code with a run of zeros no real line has, and every inbox is `.example`. A
 * deployment that still carries one of these values fails at synth (infra/stacks/settings.ts).
 */
export const DEMO_SITES: Site[] = [
  {
    id: 'marxloh',
    name: 'BIWAQ Marxloh',
    teamEmail: 'team-marxloh@biwaq.example',
    leadEmail: 'lead-marxloh@biwaq.example',
    office: {
      address: { street: 'Weseler Straße 52', postcode: '47169', city: 'Duisburg' },
      phone: '0203 000 00 11',
      openingHours: WEEKDAYS_HOURS,
      replyTo: 'buero-marxloh@biwaq.example',
    },
    controller: {
      name: 'Nachbarschaftswerk Marxloh gGmbH (Demo)',
      address: { street: 'Kaiser-Wilhelm-Straße 280', postcode: '47169', city: 'Duisburg' },
      email: 'info@nachbarschaftswerk.example',
      phone: '0203 000 00 10',
    },
    dpo: { name: 'Datenschutzbeauftragte des Nachbarschaftswerks (Demo)', email: 'datenschutz@nachbarschaftswerk.example' },
  },
  {
    id: 'hochfeld',
    name: 'BIWAQ Hochfeld',
    teamEmail: 'team-hochfeld@biwaq.example',
    leadEmail: 'lead-hochfeld@biwaq.example',
    office: {
      address: { street: 'Wanheimer Straße 79', postcode: '47053', city: 'Duisburg' },
      phone: '0203 000 00 21',
      openingHours: [
        { days: ['mon', 'wed'], opens: '09:00', closes: '17:00' },
        { days: ['tue', 'thu'], opens: '12:00', closes: '18:00' },
        { days: ['fri'], opens: '09:00', closes: '12:00' },
      ],
      replyTo: 'buero-hochfeld@biwaq.example',
    },
    controller: {
      name: 'Quartiersarbeit Hochfeld e. V. (Demo)',
      address: { street: 'Hochfeldstraße 30', postcode: '47053', city: 'Duisburg' },
      email: 'kontakt@quartiersarbeit-hochfeld.example',
      phone: '0203 000 00 20',
    },
    dpo: {
      name: 'Datenschutz Rhein-Ruhr GmbH (Demo), externer Datenschutzbeauftragter',
      email: 'dsb@datenschutz-rhein-ruhr.example',
      phone: '0203 000 00 99',
      address: { street: 'Königstraße 1', postcode: '47051', city: 'Duisburg' },
    },
  },
];
