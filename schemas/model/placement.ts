import * as z from 'zod/mini';
import { LINK_PURPOSES, PLACEMENT_DECISIONS, PLACEMENT_OUTCOMES, PLACEMENT_STATUSES } from '../placements.js';
import { ROLES } from '../staff.js';

/**
 * A trial placement as stored (PK PLACEMENT#<id>, functions/data/keys.ts). It holds the
 * employer's contact (the employer's personal data) and of the participant only the id, the
 * reference and the first name the employer's page shows. The workflow (ids only) waits on the
 * absolute due times stored here and records every mail it sent, so a retried or restarted
 * execution sends nothing twice. The task token and the link hashes never leave the table.
 */

export const EmployerSchema = z.object({
  name: z.string(),
  contactName: z.string(),
  email: z.string(),
  phone: z.optional(z.string()),
  address: z.optional(z.string()),
});

/** The employer's answer to the request, as recorded by the one conditional write of `POST /p/{linkId}`. */
export const PlacementAnswerSchema = z.object({
  decision: z.enum(PLACEMENT_DECISIONS),
  reason: z.optional(z.string()),
  at: z.string(),
});
export type PlacementAnswer = z.infer<typeof PlacementAnswerSchema>;

/** The hiring decision at the end (the employer's feedback). */
export const PlacementFeedbackSchema = z.object({
  outcome: z.enum(PLACEMENT_OUTCOMES),
  reason: z.optional(z.string()),
  at: z.string(),
  /** `employer` (the feedback link) or a staff subject id. */
  by: z.string(),
  /** The staff member's role, when staff recorded it. */
  role: z.optional(z.enum(ROLES)),
});
export type PlacementFeedback = z.infer<typeof PlacementFeedbackSchema>;

/** Absolute due times of a wait for the employer, stored once (3, 6 and 10 NRW working days for the answer). */
export const PlacementDueSchema = z.object({
  /** When the wait began (the request or feedback request was first due to go out). */
  from: z.string(),
  firstReminderAt: z.string(),
  /** The answer's second reminder; for the feedback: when the counsellor is asked to record it. */
  secondReminderAt: z.string(),
  /** The answer: the placement expires. The feedback: the feedback link closes and the workflow ends. */
  closesAt: z.string(),
  firstReminderSentAt: z.optional(z.string()),
  secondReminderSentAt: z.optional(z.string()),
});
export type PlacementDue = z.infer<typeof PlacementDueSchema>;

export const PlacementCancellationSchema = z.object({
  reason: z.optional(z.string()),
  at: z.string(),
  by: z.string(),
  role: z.enum(ROLES),
  /** When the employer was told (only if they had been asked). */
  employerToldAt: z.optional(z.string()),
});

export const PlacementSchema = z.object({
  id: z.string(),
  site: z.string(),
  status: z.enum(PLACEMENT_STATUSES),
  participantId: z.string(),
  participantReference: z.string(),
  /** The only thing of the participant the employer's page shows. */
  participantFirstName: z.string(),
  employer: EmployerSchema,
  role: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  weeklyHours: z.number(),
  tasks: z.optional(z.string()),
  place: z.optional(z.string()),
  supervisor: z.optional(z.object({ name: z.string(), phone: z.string() })),
  accidentInsurance: z.optional(z.string()),
  seriousObstacles: z.boolean(),
  note: z.optional(z.string()),
  /** The length cap that applied when the placement was requested (42 or 84 days). */
  maxDays: z.int(),
  /** Hash of the request body (an Idempotency-Key replayed with another body is refused). */
  contentHash: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  version: z.int(),

  /** The hashes of the links that work now (the request and its reminders); a resend replaces them. */
  linkHashes: z.optional(z.set(z.string())),
  linkPurpose: z.optional(z.enum(LINK_PURPOSES)),
  /** The task token of the callback waiting for the employer (never in a URL or a log). */
  taskToken: z.optional(z.string()),
  tokenPurpose: z.optional(z.enum(LINK_PURPOSES)),
  tokenStoredAt: z.optional(z.string()),

  requestSentAt: z.optional(z.string()),
  linksResent: z.optional(z.int()),
  answerDue: z.optional(PlacementDueSchema),
  answer: z.optional(PlacementAnswerSchema),
  expiredAt: z.optional(z.string()),
  /** Mails after the answer or the expiry (each once). */
  teamToldAt: z.optional(z.string()),
  participantToldAt: z.optional(z.string()),
  /** Set once the employer confirmed: the check-in half-way, the feedback request on the last day. */
  checkInAt: z.optional(z.string()),
  feedbackAt: z.optional(z.string()),
  checkInSentAt: z.optional(z.string()),
  feedbackRequestSentAt: z.optional(z.string()),
  feedbackDue: z.optional(PlacementDueSchema),
  feedback: z.optional(PlacementFeedbackSchema),
  outcomeRecordedAt: z.optional(z.string()),
  cancellation: z.optional(PlacementCancellationSchema),
});
export type Placement = z.infer<typeof PlacementSchema>;

/** An employer link (PK EMPLOYER_LINK#<sha256 of the link id>): only the hash of the id is stored. */
export const EmployerLinkSchema = z.object({
  placementId: z.string(),
  site: z.string(),
  purpose: z.enum(LINK_PURPOSES),
  issuedAt: z.string(),
  /** The link works until then (ISO); afterwards its page says it expired. */
  validUntil: z.string(),
  /** TTL (epoch seconds): kept well past `validUntil`, so an expired link still says so. */
  expiresAt: z.number(),
});
export type EmployerLink = z.infer<typeof EmployerLinkSchema>;
