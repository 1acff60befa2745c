import * as z from 'zod/mini';

/** Staff roles (Cognito groups). Staff and leads are bound to one site; coordinators see all sites, no personal data. */
export const ROLES = ['staff', 'lead', 'coordinator'] as const;
export type Role = (typeof ROLES)[number];

export const PARTICIPANT_STATUSES = ['new', 'contacted', 'withdrawn'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

/** The claims both clouds put on a staff token (Cognito ID token; the local issuer mints the same). */
export const CLAIM = { groups: 'cognito:groups', site: 'custom:site', username: 'cognito:username' } as const;

/** Query of GET /api/staff/participants. Unknown parameters are refused, like unknown body keys. */
export const ParticipantListQuery = z.strictObject({
  status: z.optional(z.enum(PARTICIPANT_STATUSES)),
  cursor: z.optional(z.string().check(z.maxLength(512), z.regex(/^[A-Za-z0-9_-]+$/))),
  limit: z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{1,3}$/)),
      z.transform((s: string) => Number(s)),
    ).check(z.refine((n: number) => n >= 1 && n <= 100)),
  ),
});
export type ParticipantListQuery = z.output<typeof ParticipantListQuery>;

/** Participant ids are lowercase hex (the id of the person's first submission). */
export const ParticipantId = z.string().check(z.regex(/^[0-9a-f]{32}$/));
