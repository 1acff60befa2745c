/**
 * The staff vocabulary: roles, participant statuses, token claim names, contact channels and
 * withdrawal reasons. Plain values, no schemas: every staff function and the console read it
 * (the request bodies and queries are in schemas/staff-inputs.ts).
 */

/** Staff roles (Cognito groups). Staff and leads are bound to one site; coordinators see all sites, no personal data. */
export const ROLES = ['staff', 'lead', 'coordinator'] as const;
export type Role = (typeof ROLES)[number];

/** `exited`: left with a recorded outcome (after a first contact). */
export const PARTICIPANT_STATUSES = ['new', 'contacted', 'withdrawn', 'exited'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

/** The claims both clouds put on a staff token (Cognito ID token; the local issuer mints the same). */
export const CLAIM = { groups: 'cognito:groups', site: 'custom:site', username: 'cognito:username' } as const;

export const CONTACT_CHANNELS = ['phone', 'email', 'in_person', 'video', 'message'] as const;
export const WITHDRAWAL_REASONS = ['not_reachable', 'not_interested', 'moved_away', 'found_work', 'other'] as const;
