/**
 * Trial placements ("betriebliche Erprobung", §45 SGB III): the statuses, the employer's answers,
 * what a link is for. Plain values, no schemas (the request bodies and queries are in
 * schemas/placement-inputs.ts; stored shapes in schemas/model/placement.ts).
 */

export const PLACEMENT_STATUSES = ['requested', 'confirmed', 'declined', 'expired', 'cancelled', 'completed'] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

/** What the employer answers to the request, and the hiring decision at the end. */
export const PLACEMENT_DECISIONS = ['confirm', 'decline'] as const;
export type PlacementDecision = (typeof PLACEMENT_DECISIONS)[number];
export const PLACEMENT_OUTCOMES = ['employment', 'apprenticeship', 'none'] as const;
export type PlacementOutcome = (typeof PLACEMENT_OUTCOMES)[number];

/** What an employer link is for. */
export const LINK_PURPOSES = ['answer', 'feedback'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

/** An employer link's opaque id: 32 random bytes, base64url (43 characters). */
export const LINK_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;
