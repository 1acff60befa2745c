import * as z from 'zod/mini';
import { LINK_PURPOSES, PLACEMENT_DECISIONS, PLACEMENT_OUTCOMES, PLACEMENT_STATUSES } from '../placements.js';
import { ROLES } from '../staff.js';
import { optionalStr, str } from './fields.js';

/**
 * A trial placement as stored (PK PLACEMENT#<id>, functions/data/keys.ts). It holds the
 * employer's contact (the employer's personal data) and of the participant only the id, the
 * reference and the first name the employer's page shows. The workflow (ids only) waits on the
 * absolute due times stored here and records every mail it sent, so a retried or restarted
 * execution sends nothing twice. The task token and the link hashes never leave the table.
 */

export const EmployerSchema = z.object({
  name: str,
  contactName: str,
  email: str,
  phone: optionalStr,
  address: optionalStr,
});

/** The employer's answer to the request, as recorded by the one conditional write of `POST /p/{linkId}`. */
export const PlacementAnswerSchema = z.object({
  decision: z.enum(PLACEMENT_DECISIONS),
  reason: optionalStr,
  at: str,
});
export type PlacementAnswer = z.infer<typeof PlacementAnswerSchema>;

/** The hiring decision at the end (the employer's feedback). */
export const PlacementFeedbackSchema = z.object({
  outcome: z.enum(PLACEMENT_OUTCOMES),
  reason: optionalStr,
  at: str,
  /** `employer` (the feedback link) or a staff subject id. */
  by: str,
  /** The staff member's role, when staff recorded it. */
  role: z.optional(z.enum(ROLES)),
});
export type PlacementFeedback = z.infer<typeof PlacementFeedbackSchema>;

/** Absolute due times of a wait for the employer, stored once (3, 6 and 10 NRW working days for the answer). */
export const PlacementDueSchema = z.object({
  /** When the wait began (the request or feedback request was first due to go out). */
  from: str,
  firstReminderAt: str,
  /** The answer's second reminder; for the feedback: when the counsellor is asked to record it. */
  secondReminderAt: str,
  /** The answer: the placement expires. The feedback: the feedback link closes and the workflow ends. */
  closesAt: str,
  firstReminderSentAt: optionalStr,
  secondReminderSentAt: optionalStr,
});
export type PlacementDue = z.infer<typeof PlacementDueSchema>;

export const PlacementCancellationSchema = z.object({
  reason: optionalStr,
  at: str,
  by: str,
  role: z.enum(ROLES),
  /** When the employer was told (only if they had been asked). */
  employerToldAt: optionalStr,
});

export const PlacementSchema = z.object({
  id: str,
  site: str,
  status: z.enum(PLACEMENT_STATUSES),
  participantId: str,
  participantReference: str,
  /** The only thing of the participant the employer's page shows. */
  participantFirstName: str,
  employer: EmployerSchema,
  role: str,
  startDate: str,
  endDate: str,
  weeklyHours: z.number(),
  tasks: optionalStr,
  place: optionalStr,
  supervisor: z.optional(z.object({ name: str, phone: str })),
  accidentInsurance: optionalStr,
  seriousObstacles: z.boolean(),
  note: optionalStr,
  /** The length cap that applied when the placement was requested (42 or 84 days). */
  maxDays: z.int(),
  /** Hash of the request body (an Idempotency-Key replayed with another body is refused). */
  contentHash: str,
  createdAt: str,
  createdBy: str,
  updatedAt: str,
  version: z.int(),
  /** The participant's processing is restricted (Art. 18): out of every list and agenda, read by no route. */
  restricted: z.optional(z.boolean()),

  /** The hashes of the links that work now (the request and its reminders); a resend replaces them. */
  linkHashes: z.optional(z.set(str)),
  linkPurpose: z.optional(z.enum(LINK_PURPOSES)),
  /** The task token of the callback waiting for the employer (never in a URL or a log). */
  taskToken: optionalStr,
  tokenPurpose: z.optional(z.enum(LINK_PURPOSES)),
  tokenStoredAt: optionalStr,

  requestSentAt: optionalStr,
  linksResent: z.optional(z.int()),
  answerDue: z.optional(PlacementDueSchema),
  answer: z.optional(PlacementAnswerSchema),
  expiredAt: optionalStr,
  /** Mails after the answer or the expiry (each once). */
  teamToldAt: optionalStr,
  participantToldAt: optionalStr,
  /** Set once the employer confirmed: the check-in half-way, the feedback request on the last day. */
  checkInAt: optionalStr,
  feedbackAt: optionalStr,
  checkInSentAt: optionalStr,
  feedbackRequestSentAt: optionalStr,
  feedbackDue: z.optional(PlacementDueSchema),
  feedback: z.optional(PlacementFeedbackSchema),
  outcomeRecordedAt: optionalStr,
  cancellation: z.optional(PlacementCancellationSchema),
  /** When the retention sweep anonymised the employer's contact (12 months after the end; schemas/retention.ts). */
  contactErasedAt: optionalStr,
});
export type Placement = z.infer<typeof PlacementSchema>;

/** An employer link (PK EMPLOYER_LINK#<sha256 of the link id>): only the hash of the id is stored. */
export const EmployerLinkSchema = z.object({
  placementId: str,
  site: str,
  purpose: z.enum(LINK_PURPOSES),
  issuedAt: str,
  /** The link works until then (ISO); afterwards its page says it expired. */
  validUntil: str,
  /** TTL (epoch seconds): kept well past `validUntil`, so an expired link still says so. */
  expiresAt: z.number(),
});
export type EmployerLink = z.infer<typeof EmployerLinkSchema>;
