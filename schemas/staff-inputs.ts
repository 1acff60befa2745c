import * as z from 'zod/mini';
import { isRealDate } from './dates.js';
import { CONTACT_CHANNELS, PARTICIPANT_STATUSES, WITHDRAWAL_REASONS } from './staff.js';
import { lazySchema } from './lazy.js';
import { code, issue, text } from './text.js';

/**
 * The staff routes' request bodies, queries and ids (contracts: schemas/routes/staff.ts, console.ts).
 * Each is a `lazySchema`: a function builds the ones of its own route on its first request.
 */

/** A staff user's subject id (Cognito `sub`: a UUID). */
export const StaffSub = lazySchema(() => z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)));

/** A site id, as configured (schemas/sites.ts); whether it is one of ours is the handler's check. */
export const SiteId = lazySchema(() => z.string().check(z.regex(/^[a-z][a-z0-9-]{1,31}$/)));

/** Query of GET /api/staff/participants. Unknown parameters are refused, like unknown body keys. */
export const ParticipantListQuery = lazySchema(() => z.strictObject({
  status: z.optional(z.enum(PARTICIPANT_STATUSES)),
  /** `me` or a staff subject id: only the participants assigned to them (one Query on GSI5). */
  assignedTo: z.optional(z.union([z.literal('me'), StaffSub()])),
  cursor: z.optional(z.string().check(z.maxLength(512), z.regex(/^[A-Za-z0-9_-]+$/))),
  limit: z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{1,3}$/)),
      z.transform((s: string) => Number(s)),
    ).check(z.refine((n: number) => n >= 1 && n <= 100)),
  ),
}));
export type ParticipantListQuery = z.output<ReturnType<typeof ParticipantListQuery>>;

/** Participant ids are lowercase hex (the id of the person's first submission). */
export const ParticipantId = lazySchema(() => z.string().check(z.regex(/^[0-9a-f]{32}$/)));

/** The version of a record the caller saw (optimistic locking). */
export const version = lazySchema(() => z.int().check(z.minimum(1)));
const day = () => z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, code('invalid_date')),
  z.refine((s: string) => isRealDate(s), issue('invalid_date')),
);

/** POST /api/staff/participants/{id}/contact — the first contact, with the version the caller saw. */
export const FirstContactInput = lazySchema(() => z.strictObject({
  version: version(),
  date: day(),
  channel: z.enum(CONTACT_CHANNELS),
  note: z.optional(text(500, 0)),
}));
export type FirstContactInput = z.infer<ReturnType<typeof FirstContactInput>>;

/** POST /api/staff/participants/{id}/withdraw — the participant leaves before taking part. */
export const WithdrawalInput = lazySchema(() => z.strictObject({
  version: version(),
  reason: z.enum(WITHDRAWAL_REASONS),
  note: z.optional(text(500, 0)),
}));
export type WithdrawalInput = z.infer<ReturnType<typeof WithdrawalInput>>;

/** GET /api/staff/participants/search?q= — a reference (any case, with or without dash) or a name prefix. */
export const ParticipantSearchQuery = lazySchema(() => z.strictObject({
  q: text(100, 1),
}));
export type ParticipantSearchQuery = z.infer<ReturnType<typeof ParticipantSearchQuery>>;

/** POST /api/staff/participants/{id}/assign — a lead assigns a staff member of the site, or nobody. */
export const AssignmentInput = lazySchema(() => z.strictObject({
  version: version(),
  assignedTo: z.nullable(StaffSub()),
}));
export type AssignmentInput = z.infer<ReturnType<typeof AssignmentInput>>;

/** POST /api/staff/participants/{id}/transfer — a lead hands the participant over to another site. */
export const TransferInput = lazySchema(() => z.strictObject({
  version: version(),
  toSite: SiteId(),
}));
export type TransferInput = z.infer<ReturnType<typeof TransferInput>>;
