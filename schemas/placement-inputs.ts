import * as z from 'zod/mini';
import { isRealDate } from './dates.js';
import { PhoneSchema } from './phone.js';
import { PLACEMENT_DECISIONS, PLACEMENT_OUTCOMES, PLACEMENT_STATUSES } from './placements.js';
import { code, issue, text } from './text.js';

/** Trial placements: the staff request bodies and queries, the employer's form (contracts: schemas/routes/placements.ts, employer.ts). */

/** Placement ids are lowercase hex, like participant ids. */
export const PlacementId = z.string().check(z.regex(/^[0-9a-f]{32}$/));

const day = z.string().check(
  z.maxLength(10),
  z.regex(/^\d{4}-\d{2}-\d{2}$/, code('invalid_date')),
  z.refine((s: string) => isRealDate(s), issue('invalid_date')),
);

const version = z.int().check(z.minimum(1));

/** POST /api/staff/placements — the counsellor asks an employer for a trial placement. */
export const PlacementInput = z.strictObject({
  participantId: z.string().check(z.regex(/^[0-9a-f]{32}$/, code('invalid_type'))),
  employer: z.strictObject({
    name: text(120),
    contactName: text(100),
    email: z.email().check(z.maxLength(254)),
    phone: z.optional(PhoneSchema),
    address: z.optional(text(200)),
  }),
  role: text(120),
  startDate: day,
  endDate: day,
  weeklyHours: z.number().check(z.gte(1), z.lte(40)),
  tasks: z.optional(text(1000)),
  place: z.optional(text(200)),
  supervisor: z.optional(z.strictObject({ name: text(100), phone: PhoneSchema })),
  accidentInsurance: z.optional(text(300)),
  /** Recorded by the counsellor: serious placement obstacles make integration especially hard (§45(2) and (8) SGB III). */
  seriousObstacles: z._default(z.boolean(), false),
  note: z.optional(text(1000)),
});
export type PlacementInput = z.output<typeof PlacementInput>;

/** GET /api/staff/placements?status=&cursor= */
export const PlacementListQuery = z.strictObject({
  status: z.optional(z.enum(PLACEMENT_STATUSES)),
  cursor: z.optional(z.string().check(z.maxLength(512), z.regex(/^[A-Za-z0-9_-]+$/))),
});
export type PlacementListQuery = z.output<typeof PlacementListQuery>;

/** POST /api/staff/placements/{id}/cancel — with the version the caller saw. */
export const PlacementCancelInput = z.strictObject({
  version,
  reason: z.optional(text(500, 0)),
});
export type PlacementCancelInput = z.infer<typeof PlacementCancelInput>;

/** POST /api/staff/placements/{id}/resend — a new link for the employer; the old one stops working. */
export const PlacementResendInput = z.strictObject({ version });
export type PlacementResendInput = z.infer<typeof PlacementResendInput>;

/** POST /api/staff/placements/{id}/outcome — the counsellor records the hiring decision the employer gave by phone. */
export const PlacementOutcomeInput = z.strictObject({
  version,
  outcome: z.enum(PLACEMENT_OUTCOMES),
  /** Needed for `none` (the domain checks it). */
  reason: z.optional(text(500, 0)),
});
export type PlacementOutcomeInput = z.infer<typeof PlacementOutcomeInput>;

/** POST /p/{linkId}, form-urlencoded: the answer (`decision`, `reason`) or the feedback (`outcome`, `reason`). */
export const EmployerFormInput = z.strictObject({
  decision: z.optional(z.enum(PLACEMENT_DECISIONS)),
  outcome: z.optional(z.enum(PLACEMENT_OUTCOMES)),
  reason: z.optional(z.string().check(z.maxLength(2000))),
});
export type EmployerFormInput = z.infer<typeof EmployerFormInput>;

/** The employer's reason (decline, no hire): one text, at most 500 characters after trimming. */
export const EmployerReason = text(500, 0);
